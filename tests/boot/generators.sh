# shellcheck shell=sh
# tests/boot/generators.sh: run the distributions' initramfs generators for
# an unpacked Debian kernel ($KDIR, $KVER from tests/boot/lib.sh's
# boot_kernel), without touching the host. Sourced after tests/boot/lib.sh.
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   gen_initramfs_tools_conf DIR
#       a private initramfs-tools configuration (zstd, the CD-ROM drivers,
#       no resume) to add hooks and scripts to
#   gen_mkinitramfs CONFDIR OUT LOG [RUNTIME-DIR]
#       Debian's mkinitramfs -d CONFDIR in a private mount namespace, where
#       the kernel's modules appear under /usr/lib/modules, its config under
#       /boot, and (with RUNTIME-DIR, laid out as PKGLIBDIR) our runtime in
#       /usr/lib/memdisk-phram with the udev rule; syslinux-utils' memdiskfind
#       is hidden (live-boot would add its own memdisk code). Needs root
#       (unshare -m).
#   gen_dracut OUT MODULES DRIVERS LOG [BASEDIR]
#       dracut (Debian's 059, or BASEDIR as dracutbasedir) with an empty
#       configuration, private tmpdir, --kmoddir for the unpacked kernel
#   gen_early_microcode_hook CONFDIR
#       an initramfs-tools hook that prepends an early-microcode archive
#       (prepend_earlyinitramfs, as the amd64-microcode and intel-microcode
#       packages do; a dummy update, which the kernel ignores)

gen_initramfs_tools_conf() {
	rm -rf "$1"
	mkdir -p "$1/conf.d" "$1/hooks" "$1/scripts"
	cat >"$1/initramfs.conf" <<'CONF'
MODULES=list
BUSYBOX=auto
KEYMAP=n
COMPRESS=zstd
DEVICE=
NFSROOT=auto
RUNSIZE=10%
FSTYPE=iso9660
CONF
	echo RESUME=none >"$1/conf.d/resume"
	# The CD-ROM case: IDE controller, CD driver, ISO 9660.
	printf '%s\n' ata_piix sr_mod isofs >"$1/modules"
}

gen_early_microcode_hook() {
	cat >"$1/hooks/zz-test-microcode" <<'HOOK'
#!/bin/sh
# Test hook: an early-microcode archive first, as the microcode packages'
# hooks add it (prepend_earlyinitramfs). The update is a dummy.
PREREQ=""
prereqs() { echo "$PREREQ"; }
case "${1:-}" in prereqs) prereqs; exit 0 ;; esac
. /usr/share/initramfs-tools/hook-functions
d=$(mktemp -d "${TMPDIR:-/tmp}/ucode.XXXXXX")
mkdir -p "$d/kernel/x86/microcode"
printf 'dummy microcode update for a boot test\n' >"$d/kernel/x86/microcode/GenuineIntel.bin"
(cd "$d" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >"$d.cpio"
prepend_earlyinitramfs "$d.cpio"
rm -rf "$d" "$d.cpio"
HOOK
	chmod 0755 "$1/hooks/zz-test-microcode"
}

gen_mkinitramfs() {
	_gm_conf=$1
	_gm_img=$2
	_gm_log=$3
	_gm_runtime=${4:-}
	_gm_ov=$(mktemp -d "$(dirname "$_gm_img")/ns.XXXXXX") || return 1
	mkdir -p "$_gm_ov/upper" "$_gm_ov/work" "$_gm_ov/tmp"
	rm -f "$_gm_img"
	# shellcheck disable=SC2016 # expanded by the namespace's shell
	OV=$_gm_ov CONF=$_gm_conf IMG=$_gm_img RUNTIME=$_gm_runtime RULE=$BOOT_TOP/udev/61-memdisk-phram.rules \
		unshare -m --propagation private sh -e -c '
		mount -t overlay overlay -o "lowerdir=/usr/lib,upperdir=$OV/upper,workdir=$OV/work" /usr/lib
		mkdir -p "/usr/lib/modules/$KVER"
		mount --bind "$KDIR/lib/modules/$KVER" "/usr/lib/modules/$KVER"
		if [ -n "$RUNTIME" ]; then
			mkdir -p /usr/lib/memdisk-phram /usr/lib/udev/rules.d
			cp -a "$RUNTIME/." /usr/lib/memdisk-phram/
			install -m 0644 "$RULE" /usr/lib/udev/rules.d/61-memdisk-phram.rules
		fi
		mount -t tmpfs tmpfs /boot
		cp "$KDIR/boot/config-$KVER" "/boot/config-$KVER"
		if [ -e /usr/bin/memdiskfind ]; then mount --bind /dev/null /usr/bin/memdiskfind; fi
		TMPDIR=$OV/tmp mkinitramfs -d "$CONF" -o "$IMG" "$KVER"
	' >"$_gm_log" 2>&1
	_gm_rc=$?
	rm -rf "$_gm_ov"
	[ "$_gm_rc" -eq 0 ] && [ -s "$_gm_img" ]
}

gen_dracut() {
	_gd_out=$1
	_gd_mods=$2
	_gd_drivers=$3
	_gd_log=$4
	_gd_base=${5:-}
	_gd_tmp=$(mktemp -d "$(dirname "$_gd_out")/dracut.XXXXXX") || return 1
	mkdir -p "$_gd_tmp/conf" "$_gd_tmp/tmp"
	rm -f "$_gd_out"
	if [ -n "$_gd_base" ]; then
		dracutbasedir=$_gd_base
		export dracutbasedir
	fi
	dracut --force --no-hostonly --no-hostonly-cmdline --conf /dev/null --confdir "$_gd_tmp/conf" \
		--tmpdir "$_gd_tmp/tmp" --kver "$KVER" --kmoddir "$KDIR/lib/modules/$KVER" --no-early-microcode \
		-m "$_gd_mods" --add-drivers "$_gd_drivers" "$_gd_out" >"$_gd_log" 2>&1
	_gd_rc=$?
	unset dracutbasedir
	rm -rf "$_gd_tmp"
	[ "$_gd_rc" -eq 0 ] && [ -s "$_gd_out" ]
}
