# shellcheck shell=sh
# Tests of how memdisk-attach loads kernel modules (initramfs/attach/modules.sh)
# in the images it meets, and of every failure message against what really
# happened: each names the real cause. Against the fake kernel
# (tests/shell/stubs), under the shell being tested.
# shellcheck source=/dev/null
. "$TOP/tests/shell/lib.sh"

V4=memdisk,0x7e00000,0x1000800,2048
M=/lib/modules/6.1.0-fake
MISSING='kernel module phram is missing; add phram and mtdblock_ro (or mtdblock) to the initramfs'

# The calls of a whole attach through insmod (dependencies first).
insmod_calls() {
	expect_calls 'memdiskfind --phram' "insmod $M/kernel/drivers/mtd/mtd.ko$1" \
		"insmod $M/kernel/drivers/mtd/devices/phram.ko$1 phram=$V4" \
		"insmod $M/kernel/drivers/mtd/mtd_blkdevs.ko$1" "insmod $M/kernel/drivers/mtd/mtdblock_ro.ko$1"
}

# ---- which loader ---------------------------------------------------------------
# kmod's modprobe is called by its path (a shell that prefers its applets
# would otherwise run busybox's): the debug log names the path.
t_kmod_by_path() {
	set_cmdline 'rd.memdisk.debug'
	fake_modtree bin
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	check_true "kmod's modprobe found" grep -qx "memdisk: debug: kmod's modprobe: $STUBS/modprobe" "$FAKE/out/stderr"
	check_true "called by its path" grep -qx "memdisk: debug: $STUBS/modprobe phram phram=$V4" "$FAKE/out/stderr"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4" 'modprobe mtdblock_ro'
}

# busybox's modprobe with the text modules.dep it needs: it does the work.
t_busybox_text_index() {
	export FAKE_MODPROBE=busybox
	fake_modtree text
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	check stderr '' "$ERR"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4" 'modprobe mtdblock_ro'
}

# The mkinitcpio case: only modules.dep.bin, and busybox's modprobe, which
# cannot read it: insmod with the files the binary index names.
t_busybox_bin_index() {
	export FAKE_MODPROBE=busybox
	fake_modtree bin
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	check stderr '' "$ERR"
	insmod_calls ''
}

# No modprobe at all, only insmod.
t_insmod_only() {
	fake_bindir_without modprobe
	fake_modtree bin
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	insmod_calls ''
}

# Undoing without kmod: rmmod, not busybox's modprobe -r (it needs
# modules.dep too).
t_undo_rmmod() {
	export FAKE_MODPROBE=busybox FAKE_NOBLOCK=1
	fake_modtree bin
	run_attach --timeout 0.2
	check rc 2 "$RC"
	check stderr "memdisk: /dev/mtdblock0 did not appear within 0.2 s (MTD device mtd0 'memdisk' is registered, block driver mtdblock_ro); phram unloaded again" "$ERR"
	check phram-unloaded no "$(test -d "$FAKE/root/sys/module/phram" && echo yes || echo no)"
	check last-call 'rmmod phram' "$(tail -n 1 "$FAKE/calls")"
}

# Built into the kernel: listed in modules.builtin.modinfo (mkinitcpio keeps
# it), so nothing is loaded and nothing is missing.
t_builtin_fs() {
	export FAKE_MODPROBE=busybox FAKE_MODULES='phram mtdblock_ro'
	fake_modtree bin
	printf 'isofs.file=fs/isofs/isofs\000isofs.license=GPL\000' >"$FAKE/root$M/modules.builtin.modinfo"
	run_attach --mount "$FAKE/m"
	check rc 0 "$RC"
	check stderr '' "$ERR"
	check last-call "mount -t iso9660 -o ro $FAKE/root/dev/mtdblock0 $FAKE/m" "$(tail -n 1 "$FAKE/calls")"
	check isofs-calls '' "$(grep isofs "$FAKE/calls")"
}

# ---- what each failure says ---------------------------------------------------------
# Really missing, as kmod says.
t_missing_kmod() {
	export FAKE_MODULES='mtdblock_ro mtdblock'
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: $MISSING (modprobe: FATAL: Module phram not found in directory $M)" "$ERR"
}

# Really missing, from the binary index (busybox's modprobe cannot tell).
t_missing_bin_index() {
	# No memdisk-copy either (else the copy backend takes over: test-copy.sh).
	export FAKE_MODPROBE=busybox FAKE_MODULES='mtdblock_ro mtdblock' MEMDISK_COPY="$FAKE/no-memdisk-copy"
	fake_modtree bin
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: $MISSING ($M/modules.dep.bin does not list it)" "$ERR"
	expect_calls 'memdiskfind --phram'
}

# Really missing, from the text index, as busybox's modprobe says it.
t_missing_text_index() {
	# No memdisk-copy either (else the copy backend takes over: test-copy.sh).
	export FAKE_MODPROBE=busybox FAKE_MODULES='mtdblock_ro mtdblock' MEMDISK_COPY="$FAKE/no-memdisk-copy"
	fake_modtree text
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: $MISSING ($M/modules.dep does not list it)" "$ERR"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4"
}

# No module directory at all for this kernel.
t_no_module_tree() {
	export FAKE_MODPROBE=busybox
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: $MISSING (there is no $M in this initramfs)" "$ERR"
}

# Modules there, but no index to find them by: say so (not "missing").
t_no_index() {
	export FAKE_MODPROBE=busybox
	fake_modtree none
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: cannot load kernel module phram: $M has neither modules.dep nor modules.dep.bin to find it by (run depmod when building the initramfs)" "$ERR"
}

# zstd-compressed modules and busybox's insmod: its own error, with the
# file it could not load.
t_compressed_insmod() {
	export FAKE_MODPROBE=busybox
	fake_modtree bin .zst
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: cannot load kernel module phram: insmod $M/kernel/drivers/mtd/mtd.ko.zst (needed by phram): insmod: can't insert '$M/kernel/drivers/mtd/mtd.ko.zst': invalid module format" "$ERR"
}

# Neither modprobe (that can read the index) nor insmod.
t_no_loader() {
	fake_bindir_without modprobe insmod
	fake_modtree bin
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: cannot load kernel module phram: there is no modprobe that can read modules.dep.bin and no insmod in this initramfs" "$ERR"
}

# The kernel refuses the module file itself: not "phram rejected the range"
# (phram never ran; the kernel log has nothing from it).
t_bad_module() {
	export FAKE_MODULES_BAD=phram
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: cannot load kernel module phram: modprobe: ERROR: could not insert 'phram': Exec format error" "$ERR"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=$V4"
}

# phram ran and refused the range: that stays "phram rejected", with
# phram's own reason.
t_range_rejected() {
	export FAKE_PHRAM_FAIL='Invalid start or length'
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: phram rejected $V4: phram: Invalid start or length" "$ERR"
}

# mtdblock_ro is there but will not load, mtdblock is missing: the first is
# the cause, not the missing fallback.
t_block_first_error() {
	export FAKE_MODULES='phram mtdblock_ro' FAKE_MODULES_BAD=mtdblock_ro
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: cannot load kernel module mtdblock_ro: modprobe: ERROR: could not insert 'mtdblock_ro': Exec format error; phram unloaded again" "$ERR"
}

# Only one block module asked for (rd.memdisk.rw) and missing.
t_block_rw_missing() {
	export FAKE_MODULES='phram mtdblock_ro'
	set_cmdline 'rd.memdisk.rw'
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: kernel module mtdblock is missing; add it to the initramfs (modprobe: FATAL: Module mtdblock not found in directory $M); phram unloaded again" "$ERR"
}

# --mount when the file system's module is missing: that is the cause, not
# mount's "unknown filesystem type".
t_mount_fs_missing() {
	export FAKE_MODPROBE=busybox FAKE_MODULES='phram mtdblock_ro'
	export FAKE_MOUNT_ERR="unknown filesystem type 'iso9660'"
	fake_modtree bin
	run_attach --mount "$FAKE/m"
	check rc 2 "$RC"
	check stderr "memdisk: cannot mount /dev/mtdblock0 (iso9660) on $FAKE/m: kernel module isofs is missing ($M/modules.dep.bin does not list it)" "$ERR"
}

# --mount when the mount point cannot be made: mkdir's reason.
t_mount_mkdir_fails() {
	: >"$FAKE/file"
	run_attach --mount "$FAKE/file/m"
	check rc 2 "$RC"
	case $ERR in
	"memdisk: cannot create $FAKE/file/m: "*"Not a directory"*) ;;
	*) check stderr "memdisk: cannot create $FAKE/file/m: ...Not a directory" "$ERR" ;;
	esac
}

# Without devtmpfs memdisk-attach makes the node; when mknod fails, that
# is the cause of the timeout.
t_mknod_fails() {
	export FAKE_NODEVTMPFS=1 FAKE_MKNOD_ERR='Read-only file system'
	echo 'none / rootfs rw 0 0' >"$FAKE/root/proc/mounts"
	run_attach --timeout 0.2
	check rc 2 "$RC"
	check stderr "memdisk: /dev/mtdblock0 did not appear within 0.2 s (MTD device mtd0 'memdisk' is registered, block driver mtdblock_ro; without devtmpfs it was to be made by mknod, which failed: mknod: /dev/mtdblock0: Read-only file system); phram unloaded again" "$ERR"
}

# An erasesize that does not divide the length: whose number it was.
t_erasesize_from_finder() {
	export FAKE_FIND_OUT='memdisk,0x7e00000,0x1000800,4096'
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: the erasesize 4096 that $STUBS/memdiskfind gave does not divide the image length 0x1000800" "$ERR"
}

# A finder that is there but cannot run (its interpreter is missing): not
# "memdiskfind failed", and not /dev/mem.
t_finder_cannot_run() {
	printf '#!/nonexistent/interpreter\n' >"$FAKE/memdiskfind"
	chmod +x "$FAKE/memdiskfind"
	MEMDISKFIND=$FAKE/memdiskfind run_attach
	check rc 2 "$RC"
	case $ERR in
	"memdisk: cannot run $FAKE/memdiskfind (exit 12"[67]": "*"): its program interpreter or shared libraries are missing from the initramfs, or it is built for another architecture") ;;
	*) check stderr "memdisk: cannot run $FAKE/memdiskfind (exit 127: ...): its program interpreter ..." "$ERR" ;;
	esac
}

run_test modules/kmod-by-path t_kmod_by_path
run_test modules/busybox-text-index t_busybox_text_index
run_test modules/busybox-bin-index-insmod t_busybox_bin_index
run_test modules/insmod-only t_insmod_only
run_test modules/undo-rmmod t_undo_rmmod
run_test modules/builtin-fs t_builtin_fs
run_test modules/missing-kmod t_missing_kmod
run_test modules/missing-bin-index t_missing_bin_index
run_test modules/missing-text-index t_missing_text_index
run_test modules/no-module-tree t_no_module_tree
run_test modules/no-index t_no_index
run_test modules/compressed-insmod t_compressed_insmod
run_test modules/no-loader t_no_loader
run_test modules/bad-module-not-rejected-range t_bad_module
run_test modules/range-rejected t_range_rejected
run_test modules/block-first-error t_block_first_error
run_test modules/block-rw-missing t_block_rw_missing
run_test messages/mount-fs-module-missing t_mount_fs_missing
run_test messages/mount-mkdir-fails t_mount_mkdir_fails
run_test messages/mknod-fails t_mknod_fails
run_test messages/erasesize-from-finder t_erasesize_from_finder
run_test messages/finder-cannot-run t_finder_cannot_run
test_summary
