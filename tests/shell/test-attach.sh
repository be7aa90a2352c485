# shellcheck shell=sh
# Tests of initramfs/memdisk-attach against a fake kernel (tests/shell/stubs):
# run under the shell being tested, which also runs memdisk-attach.
# shellcheck source=/dev/null
. "$TOP/tests/shell/lib.sh"

# The default image: 16 MiB + 2 KiB at 0x7e00000, an odd number of 2 KiB
# sectors (the erasesize trap), so memdiskfind --phram says erasesize 2048.
V4=memdisk,0x7e00000,0x1000800,2048
V3=memdisk,0x7e00000,0x1000800

mtd_name() {
	cat "$FAKE/root/sys/class/mtd/mtd$1/name" 2>/dev/null
}

t_found() {
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	check stderr '' "$ERR"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4" 'modprobe mtdblock_ro'
	check mtd0 memdisk "$(mtd_name 0)"
}

t_parts_hook() {
	# attach/phram-partitions.sh beside memdisk-attach may take over (disk
	# images); when it declines (returns 1) the image is attached whole.
	copy_runtime "$FAKE/lib"
	cp "$TOP/kernel-cmdline/memdisk-cmdline.sh" "$FAKE/lib/"
	# shellcheck disable=SC2016 # expanded by memdisk-attach, not here
	printf '%s\n' 'memdisk_attach_parts() { echo "parts $MD_START $MD_LEN"; return 0; }' >"$FAKE/lib/attach/phram-partitions.sh"
	ATTACH_PROG=$FAKE/lib/memdisk-attach run_attach
	check rc 0 "$RC"
	check stdout 'parts 132120576 16779264' "$OUT"
	expect_calls 'memdiskfind --phram'
	printf '%s\n' 'memdisk_attach_parts() { return 1; }' >"$FAKE/lib/attach/phram-partitions.sh"
	: >"$FAKE/calls"
	ATTACH_PROG=$FAKE/lib/memdisk-attach run_attach
	check declined-rc 0 "$RC"
	check declined-stdout /dev/mtdblock0 "$OUT"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4" 'modprobe mtdblock_ro'
}

t_syslinux_finder() {
	# syslinux's memdiskfind ignores --phram and prints START,LEN: the
	# erasesize is computed the same way.
	export FAKE_FIND_OUT='0x7e00000,0x1000800'
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4" 'modprobe mtdblock_ro'
	export FAKE_FIND_OUT='0x100000,0x2000000'
	fake_teardown
	fake_setup
	export FAKE_FIND_OUT='0x100000,0x2000000'
	run_attach
	check even-rc 0 "$RC"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=memdisk,0x100000,0x2000000,4096" 'modprobe mtdblock_ro'
}

t_not_found() {
	export FAKE_FIND_OUT='' FAKE_FIND_RC=1
	run_attach
	check rc 1 "$RC"
	check stdout '' "$OUT"
	check stderr '' "$ERR"
	# One failed memdiskfind and nothing else.
	expect_calls 'memdiskfind --phram'
	check modules '' "$(ls "$FAKE/root/sys/module")"
}

t_not_found_enabled() {
	set_cmdline 'quiet rd.memdisk=1'
	export FAKE_FIND_OUT='' FAKE_FIND_RC=1
	run_attach
	check rc 1 "$RC"
	check stderr 'memdisk: rd.memdisk=1 given, but no MEMDISK image was found' "$ERR"
	expect_calls 'memdiskfind --phram'
}

t_disabled() {
	set_cmdline 'quiet rd.memdisk=1 rd.memdisk=off'
	run_attach
	check rc 1 "$RC"
	check stdout '' "$OUT"
	check stderr '' "$ERR"
	expect_calls
}

t_not_disabled_by_lookalike() {
	set_cmdline 'nord.memdisk=0 rd.memdisk=0x'
	run_attach
	check rc 0 "$RC"
	check stderr 'memdisk: ignoring rd.memdisk=0x: not a boolean (use 0|no|off or 1|yes|on)' "$ERR"
	check stdout /dev/mtdblock0 "$OUT"
}

t_phram_preloaded() {
	fake_kernel
	fk_phram_load
	export MEMDISK_SETTLE=5
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	check stderr '' "$ERR"
	expect_calls 'memdiskfind --phram' 'modprobe mtdblock_ro'
	check mtd0 memdisk "$(mtd_name 0)"
	check erasesize 2048 "$(cat "$FAKE/root/sys/class/mtd/mtd0/erasesize")"
}

t_old_kernel_reload() {
	# Before 5.4: no writable parameter. Before 5.11: no 4th field; the module
	# loads anyway (modprobe exits 0) and registers nothing.
	export FAKE_PHRAM=old FAKE_PHRAM_SYSFS=0
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	check stderr '' "$ERR"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4" 'modprobe -r phram' \
		"modprobe phram phram=$V3" 'modprobe mtdblock_ro'
	check mtd0 memdisk "$(mtd_name 0)"
}

t_old_kernel_sysfs_retry() {
	# 5.4 to 5.10: the parameter is writable, the 4th field still refused.
	export FAKE_PHRAM=old MEMDISK_SETTLE=5
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	check stderr '' "$ERR"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4" 'modprobe mtdblock_ro'
	check kmsg '[    1.000000] phram: too many arguments' "$(grep 'too many' "$FAKE/kmsg")"
	check mtd0 memdisk "$(mtd_name 0)"
}

t_reuse() {
	fake_mtd 0 memdisk ram block
	mkdir -p "$FAKE/root/sys/module/phram" "$FAKE/root/sys/module/mtdblock_ro"
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	check stderr '' "$ERR"
	expect_calls 'memdiskfind --phram'
}

t_reuse_locked() {
	# /dev/mem is locked, but another hook attached the image already (with
	# rd.memdisk.phram): reuse it; the size comes from sysfs.
	fake_mtd 0 memdisk ram block
	echo 16779264 >"$FAKE/root/sys/class/mtd/mtd0/size"
	export FAKE_FIND_OUT='' FAKE_FIND_RC=2 FAKE_FIND_ERR='memdiskfind: /dev/mem: Operation not permitted'
	run_attach --info
	check rc 0 "$RC"
	check stderr '' "$ERR"
	eval "$OUT"
	check info "/dev/mtdblock0||0x1000800|1" "$MEMDISK_DEVICE|$MEMDISK_START|$MEMDISK_SIZE|$MEMDISK_REUSED"
}

t_reuse_needs_block() {
	# Another hook attached phram but loaded no block driver yet.
	fake_mtd 0 nor0 nor
	fake_mtd 1 memdisk ram
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock1 "$OUT"
	expect_calls 'memdiskfind --phram' 'modprobe mtdblock_ro'
}

t_mtd0_taken() {
	fake_mtd 0 spi-nor nor
	fake_mtd 1 memdisk nand
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock2 "$OUT"
	check stderr '' "$ERR"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4" 'modprobe mtdblock_ro'
	check mtd2 memdisk "$(mtd_name 2)"
}

t_timeout() {
	export FAKE_NOBLOCK=1
	run_attach --timeout 0.3
	check rc 2 "$RC"
	check stdout '' "$OUT"
	check stderr "memdisk: /dev/mtdblock0 did not appear within 0.3 s (MTD device mtd0 'memdisk' is registered, block driver mtdblock_ro); phram unloaded again" "$ERR"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4" 'modprobe mtdblock_ro' 'modprobe -r phram'
	# It waited, and it stopped (the bound is loose: the machine may be busy).
	check_true "gave up after ${ELAPSED} cs, before 0.3 s" [ "$ELAPSED" -ge 30 ]
	check_true "waited ${ELAPSED} cs for a 0.3 s timeout" [ "$ELAPSED" -lt 2000 ]
	check phram-unloaded no "$(test -d "$FAKE/root/sys/module/phram" && echo yes || echo no)"
}

t_timeout_cmdline() {
	set_cmdline 'rd.memdisk.timeout=0.2'
	export FAKE_NOBLOCK=1
	fake_kernel
	fk_phram_load
	export MEMDISK_SETTLE=5
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: /dev/mtdblock0 did not appear within 0.2 s (MTD device mtd0 'memdisk' is registered, block driver mtdblock_ro); mtd0 stays registered (phram cannot remove a single device)" "$ERR"
	check_true "waited ${ELAPSED} cs for a 0.2 s timeout" [ "$ELAPSED" -lt 2000 ]
}

t_timeout_real_clock() {
	# With a moving /proc/uptime the deadline comes from the clock.
	ln -s /proc/uptime "$FAKE/root/proc/uptime"
	export FAKE_NOBLOCK=1
	run_attach --timeout 0.5
	check rc 2 "$RC"
	check_true "gave up after ${ELAPSED} cs, before 0.5 s" [ "$ELAPSED" -ge 50 ]
	check_true "waited ${ELAPSED} cs for a 0.5 s timeout" [ "$ELAPSED" -lt 2000 ]
}

t_no_devtmpfs() {
	export FAKE_NODEVTMPFS=1
	echo 'rootfs / rootfs rw 0 0' >"$FAKE/root/proc/mounts"
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4" 'modprobe mtdblock_ro' \
		"mknod $FAKE/root/dev/mtdblock0 b 31 0"
}

meminfo_i686() {
	cat >"$FAKE/root/proc/meminfo" <<EOM
MemTotal:        1016028 kB
HighTotal:        131080 kB
LowTotal:         884948 kB
VmallocTotal:     122880 kB
VmallocUsed:        5000 kB
EOM
}

t_vmalloc_too_small() {
	export FAKE_UNAME_M=i686 FAKE_FIND_OUT='memdisk,0x30000000,0xc800000,4096'
	meminfo_i686
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: the image (200 MiB) does not fit in this 32-bit kernel's vmalloc area (115 MiB free); add vmalloc=272M to the kernel command line" "$ERR"
	expect_calls 'memdiskfind --phram'
}

t_vmalloc_impossible() {
	export FAKE_UNAME_M=i586 FAKE_FIND_OUT='memdisk,0x8000000,0x38000000,4096'
	meminfo_i686
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: the image (896 MiB) is too big for this 32-bit kernel: it needs vmalloc=960M, but above about vmalloc=656M the kernel keeps too little lowmem to boot (a larger value is not reduced: the boot dies early); boot a 64-bit kernel" "$ERR"
	expect_calls 'memdiskfind --phram'
}

t_vmalloc_edges() {
	# 1 GiB of RAM: the ceiling is about 672M (a real 686 kernel booted with
	# 752M and died with 768M). 600 MiB still gets a vmalloc= to add, 720 MiB
	# does not.
	export FAKE_UNAME_M=i686 FAKE_FIND_OUT='memdisk,0x8000000,0x25800000,4096'
	meminfo_i686
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: the image (600 MiB) does not fit in this 32-bit kernel's vmalloc area (115 MiB free); add vmalloc=672M to the kernel command line" "$ERR"
	export FAKE_FIND_OUT='memdisk,0x8000000,0x2d000000,4096'
	run_attach
	check rc-720 2 "$RC"
	check stderr-720 "memdisk: the image (720 MiB) is too big for this 32-bit kernel: it needs vmalloc=784M, but above about vmalloc=672M the kernel keeps too little lowmem to boot (a larger value is not reduced: the boot dies early); boot a 64-bit kernel" "$ERR"
}

t_vmalloc_ioremaps() {
	# VmallocUsed ignores ioremap()s; /proc/vmallocinfo lists them (here a
	# 64 MiB framebuffer), so a 50 MiB image does not fit after all.
	export FAKE_UNAME_M=i686 FAKE_FIND_OUT='memdisk,0x30000000,0x3200000,4096'
	meminfo_i686
	cat >"$FAKE/root/proc/vmallocinfo" <<EOM
0xf7800000-0xfb801000 67112960 drm_fb_helper_init+0x1c/0x30 phys=0xfc000000 ioremap
0xfb900000-0xfb902000    8192 hpet_enable+0x2e/0x300 phys=0xfed00000 ioremap
EOM
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: the image (50 MiB) does not fit in this 32-bit kernel's vmalloc area (55 MiB free); add vmalloc=144M to the kernel command line" "$ERR"
	rm "$FAKE/root/proc/vmallocinfo"
	run_attach
	check rc-without 0 "$RC"
}

t_vmalloc_fits() {
	export FAKE_UNAME_M=i686
	meminfo_i686
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
}

t_vmalloc_64bit() {
	# The same big image on x86_64: no vmalloc check at all.
	export FAKE_FIND_OUT='memdisk,0x30000000,0xc800000,4096'
	meminfo_i686
	run_attach
	check rc 0 "$RC"
	check stderr '' "$ERR"
}

t_module_missing() {
	export FAKE_MODULES='mtdblock_ro mtdblock'
	run_attach
	check rc 2 "$RC"
	check stderr 'memdisk: kernel module phram is missing; add phram and mtdblock_ro (or mtdblock) to the initramfs (modprobe: FATAL: Module phram not found in directory /lib/modules/6.1.0-fake)' "$ERR"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4"
}

t_block_module_fallback() {
	export FAKE_MODULES='phram mtdblock'
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4" 'modprobe mtdblock_ro' 'modprobe mtdblock'
}

t_block_modules_missing() {
	export FAKE_MODULES='phram'
	run_attach
	check rc 2 "$RC"
	check stderr 'memdisk: cannot load mtdblock_ro or mtdblock: modprobe: FATAL: Module mtdblock not found in directory /lib/modules/6.1.0-fake; phram unloaded again' "$ERR"
	check phram-unloaded no "$(test -d "$FAKE/root/sys/module/phram" && echo yes || echo no)"
}

t_rw() {
	set_cmdline 'rd.memdisk.rw'
	run_attach
	check rc 0 "$RC"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4" 'modprobe mtdblock'
	fake_teardown
	fake_setup
	run_attach --rw
	check rc-option 0 "$RC"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4" 'modprobe mtdblock'
}

t_lockdown() {
	export FAKE_FIND_OUT='' FAKE_FIND_RC=2 FAKE_FIND_ERR='memdiskfind: /dev/mem: Operation not permitted'
	echo 'none [integrity] confidentiality' >"$FAKE/root/sys/kernel/security/lockdown"
	run_attach
	check rc 2 "$RC"
	check stderr 'memdisk: cannot read /dev/mem: the kernel is locked down (integrity); give the range with rd.memdisk.phram=START,LEN' "$ERR"
	expect_calls 'memdiskfind --phram'
}

t_devmem_unreadable() {
	export FAKE_FIND_OUT='' FAKE_FIND_RC=2 FAKE_FIND_ERR='memdiskfind: /dev/mem: No such file or directory'
	echo '[none] integrity confidentiality' >"$FAKE/root/sys/kernel/security/lockdown"
	run_attach
	check rc 2 "$RC"
	check stderr 'memdisk: cannot read /dev/mem (memdiskfind: /dev/mem: No such file or directory); give the range with rd.memdisk.phram=START,LEN' "$ERR"
}

t_phram_option() {
	# rd.memdisk.phram skips the scan (for a locked /dev/mem).
	set_cmdline 'rd.memdisk.phram="0x7e00000,16386ki"'
	export FAKE_FIND_RC=2
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	expect_calls "modprobe phram phram=$V4" 'modprobe mtdblock_ro'
}

t_erasesize_option() {
	set_cmdline 'rd.memdisk.erasesize=512'
	run_attach
	check rc 0 "$RC"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V3,512" 'modprobe mtdblock_ro'
	fake_teardown
	fake_setup
	set_cmdline 'rd.memdisk.erasesize=4096'
	run_attach
	check bad-rc 2 "$RC"
	check bad-stderr 'memdisk: erasesize 4096 does not divide the image length 0x1000800' "$ERR"
	expect_calls 'memdiskfind --phram'
}

t_phram_rejects() {
	export FAKE_PHRAM_PARSEFAIL='Invalid start or length'
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: phram rejected $V4: phram: Invalid start or length; phram unloaded again" "$ERR"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4" 'modprobe -r phram'
}

t_ioremap_fails() {
	export FAKE_PHRAM_FAIL='ioremap failed' FAKE_UNAME_M=i686
	meminfo_i686
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: phram rejected $V4: phram: ioremap failed (32-bit kernel: try vmalloc=96M)" "$ERR"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4"
}

t_info() {
	# Quotes inside the value are the point: blkid prints them.
	# shellcheck disable=SC2089,SC2090
	export FAKE_BLKID="LABEL=\"Debian 12 it's \\\"live\\\"\" UUID=\"2023-06-10-10-18-23-00\" BLOCK_SIZE=\"2048\" TYPE=\"iso9660\" PTTYPE=\"PMBR\""
	run_attach --info
	check rc 0 "$RC"
	check stdout "MEMDISK_DEVICE='/dev/mtdblock0'
MEMDISK_MTD='mtd0'
MEMDISK_START='0x7e00000'
MEMDISK_SIZE='0x1000800'
MEMDISK_FSTYPE='iso9660'
MEMDISK_LABEL='Debian 12 it'\\''s \"live\"'
MEMDISK_UUID='2023-06-10-10-18-23-00'
MEMDISK_REUSED=0
MEMDISK_BACKEND='phram'" "$OUT"
	eval "$OUT"
	check label "Debian 12 it's \"live\"" "$MEMDISK_LABEL"
}

t_info_no_blkid() {
	run_attach --info
	check rc 0 "$RC"
	eval "$OUT"
	check info "/dev/mtdblock0|0x7e00000|0x1000800||" "$MEMDISK_DEVICE|$MEMDISK_START|$MEMDISK_SIZE|$MEMDISK_FSTYPE|$MEMDISK_LABEL"
}

t_info_fstype_fallback() {
	# No blkid (Debian's busybox has none): klibc's fstype gives the type.
	mkdir -p "$FAKE/bin"
	for c in fake-kernel.sh modprobe dmesg uname mount mknod fstype; do ln -s "$STUBS/$c" "$FAKE/bin/$c"; done
	export FAKE_FSTYPE=iso9660
	MEMDISK_BINDIR=$FAKE/bin run_attach --info --mount "$FAKE/m"
	check rc 0 "$RC"
	eval "$OUT"
	check info "/dev/mtdblock0|iso9660||" "$MEMDISK_DEVICE|$MEMDISK_FSTYPE|$MEMDISK_LABEL|$MEMDISK_UUID"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4" 'modprobe mtdblock_ro' \
		"fstype $FAKE/root/dev/mtdblock0" 'modprobe isofs' "mount -t iso9660 -o ro $FAKE/root/dev/mtdblock0 $FAKE/m"
}

t_mount() {
	run_attach --mount "$FAKE/mnt/iso"
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	check_true "mount point created" [ -d "$FAKE/mnt/iso" ]
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4" 'modprobe mtdblock_ro' \
		"blkid $FAKE/root/dev/mtdblock0" 'modprobe isofs' \
		"mount -t iso9660 -o ro $FAKE/root/dev/mtdblock0 $FAKE/mnt/iso"
}

t_mount_blkid_type() {
	# shellcheck disable=SC2090
	export FAKE_BLKID='UUID="1234" TYPE="udf"'
	echo 'nodev	sysfs
	udf' >"$FAKE/root/proc/filesystems"
	run_attach --mount="$FAKE/m"
	check rc 0 "$RC"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4" 'modprobe mtdblock_ro' \
		"blkid $FAKE/root/dev/mtdblock0" "mount -t udf -o ro $FAKE/root/dev/mtdblock0 $FAKE/m"
}

t_mount_fails() {
	export FAKE_MOUNT_ERR='wrong fs type, bad option, bad superblock'
	run_attach --mount "$FAKE/m"
	check rc 2 "$RC"
	check stderr "memdisk: cannot mount /dev/mtdblock0 (iso9660) on $FAKE/m: mount: wrong fs type, bad option, bad superblock" "$ERR"
}

t_debug() {
	set_cmdline 'rd.memdisk.debug'
	run_attach
	check rc 0 "$RC"
	check_true "debug lines on stderr" grep -q '^memdisk: debug: modprobe phram' "$FAKE/out/stderr"
	expect_prefixed_stderr
}

t_usage() {
	run_attach --bogus
	check rc 2 "$RC"
	check_true "error named" grep -qx 'memdisk: unknown argument: --bogus' "$FAKE/out/stderr"
	expect_calls
	run_attach --help
	check help-rc 0 "$RC"
}

# Where memdisk-attach finds its pieces: beside itself, then the source tree's
# build/ and kernel-cmdline/, then PATH.
t_finder_beside() {
	copy_runtime "$FAKE/lib"
	cp "$TOP/kernel-cmdline/memdisk-cmdline.sh" "$FAKE/lib/"
	# shellcheck disable=SC2016 # the stub expands $FAKE and $*, not us
	printf '#!/bin/sh\necho "beside $*" >>"$FAKE/calls"\nexit 1\n' >"$FAKE/lib/memdiskfind"
	chmod +x "$FAKE/lib/memdiskfind"
	MEMDISKFIND='' ATTACH_PROG=$FAKE/lib/memdisk-attach run_attach
	check rc 1 "$RC"
	expect_calls 'beside --phram'
}

t_finder_build() {
	mkdir -p "$FAKE/src/kernel-cmdline" "$FAKE/src/build"
	copy_runtime "$FAKE/src/initramfs"
	cp "$TOP/kernel-cmdline/memdisk-cmdline.sh" "$FAKE/src/kernel-cmdline/"
	# shellcheck disable=SC2016
	printf '#!/bin/sh\necho "build $*" >>"$FAKE/calls"\nexit 1\n' >"$FAKE/src/build/memdiskfind"
	chmod +x "$FAKE/src/build/memdiskfind"
	MEMDISKFIND='' ATTACH_PROG=$FAKE/src/initramfs/memdisk-attach run_attach
	check rc 1 "$RC"
	expect_calls 'build --phram'
}

t_finder_path() {
	if [ -x /usr/lib/memdisk-phram/memdiskfind ]; then
		return 0 # an installed copy comes first; nothing to prove here
	fi
	copy_runtime "$FAKE/lib"
	cp "$TOP/kernel-cmdline/memdisk-cmdline.sh" "$FAKE/lib/"
	export FAKE_FIND_RC=1 FAKE_FIND_OUT=''
	MEMDISKFIND='' ATTACH_PROG=$FAKE/lib/memdisk-attach run_attach
	check rc 1 "$RC"
	expect_calls 'memdiskfind --phram'
}

run_test attach/found t_found
run_test attach/parts-hook t_parts_hook
run_test attach/syslinux-finder-output t_syslinux_finder
run_test attach/not-found t_not_found
run_test attach/not-found-rd.memdisk=1 t_not_found_enabled
run_test attach/disabled t_disabled
run_test attach/lookalike-options t_not_disabled_by_lookalike
run_test attach/phram-preloaded-sysfs t_phram_preloaded
run_test attach/old-kernel-reload-3-fields t_old_kernel_reload
run_test attach/old-kernel-sysfs-3-fields t_old_kernel_sysfs_retry
run_test attach/reuse-existing t_reuse
run_test attach/reuse-locked-devmem t_reuse_locked
run_test attach/reuse-load-block t_reuse_needs_block
run_test attach/mtd0-taken t_mtd0_taken
run_test attach/timeout-undo t_timeout
run_test attach/timeout-sysfs t_timeout_cmdline
run_test attach/timeout-real-clock t_timeout_real_clock
run_test attach/no-devtmpfs-mknod t_no_devtmpfs
run_test attach/vmalloc-too-small-i686 t_vmalloc_too_small
run_test attach/vmalloc-impossible-i586 t_vmalloc_impossible
run_test attach/vmalloc-edges-i686 t_vmalloc_edges
run_test attach/vmalloc-ioremaps-i686 t_vmalloc_ioremaps
run_test attach/vmalloc-fits-i686 t_vmalloc_fits
run_test attach/vmalloc-ignored-x86_64 t_vmalloc_64bit
run_test attach/module-missing t_module_missing
run_test attach/mtdblock-fallback t_block_module_fallback
run_test attach/block-modules-missing t_block_modules_missing
run_test attach/rw t_rw
run_test attach/lockdown t_lockdown
run_test attach/devmem-unreadable t_devmem_unreadable
run_test attach/rd.memdisk.phram t_phram_option
run_test attach/rd.memdisk.erasesize t_erasesize_option
run_test attach/phram-rejects t_phram_rejects
run_test attach/ioremap-fails t_ioremap_fails
run_test attach/info t_info
run_test attach/info-no-blkid t_info_no_blkid
run_test attach/info-fstype-fallback t_info_fstype_fallback
run_test attach/mount t_mount
run_test attach/mount-blkid-type t_mount_blkid_type
run_test attach/mount-fails t_mount_fails
run_test attach/debug t_debug
run_test attach/usage t_usage
run_test attach/finder-beside t_finder_beside
run_test attach/finder-build t_finder_build
run_test attach/finder-path t_finder_path
test_summary
