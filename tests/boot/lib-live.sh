# shellcheck shell=sh
# tests/boot/lib-live.sh: live images built the way distributions build them,
# with the generators' own tools and our hooks from a `make install` staging
# tree; sourced after tests/boot/lib.sh.
#
#   live_stage                 LIVE_STAGE: `make install DESTDIR=... PREFIX=/usr`
#                              of this tree (every generator's pieces)
#   live_token                 LIVE_TOKEN: a random token (only the live root
#                              holds it, so only the live root can print it)
#   live_root DIR INIT         a tiny root: static busybox, applet links, INIT
#                              as /sbin/init, LIVE_TOKEN in /etc/mdp-token
#   live_proof_init FILE       the live roots' /sbin/init that proves where the
#                              root came from (see the file it writes)
#   live_dracut_initrd OUT "MODULES" "DRIVERS"
#                              dracut's image for $KVER from a private dracut
#                              base (the host's modules + ours), no hostonly
#   live_itools_initrd OUT CONFDIR
#                              Debian's mkinitramfs for $KVER, in a private
#                              mount namespace where the staged pieces appear
#                              under /usr (the host is not touched)
#   live_itools_confdir DIR    an initramfs-tools configuration with our hook
#
# Images are cached (OUT.key) by every input: generator versions, kernel,
# the staged files.

LIVE_OUT=$BOOT_OUT/live
mkdir -p "$LIVE_OUT"

live_stage() {
	LIVE_STAGE=$LIVE_OUT/stage
	rm -rf "$LIVE_STAGE"
	make -s -C "$BOOT_TOP" install DESTDIR="$LIVE_STAGE" PREFIX=/usr >"$LIVE_OUT/install.log" 2>&1 || {
		echo "live: make install failed, log: $LIVE_OUT/install.log" >&2
		return 1
	}
}

live_token() {
	LIVE_TOKEN=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
}

# _live_stage_files: the staged files, for cache keys (contents count).
_live_stage_files() {
	find "$LIVE_STAGE" -type f ! -path '*/share/*' | LC_ALL=C sort
}

live_root() (
	set -e
	mkdir -p "$1/bin" "$1/sbin" "$1/etc" "$1/proc" "$1/sys" "$1/dev" "$1/run" "$1/tmp" "$1/root" "$1/mnt"
	cp /bin/busybox "$1/bin/busybox"
	for applet in sh cat awk grep mount poweroff sleep readlink sha256sum head ls dd echo basename dirname; do
		ln -sf busybox "$1/bin/$applet"
	done
	cp "$2" "$1/sbin/init"
	chmod 0755 "$1/sbin/init"
	echo "$LIVE_TOKEN" >"$1/etc/mdp-token"
	# systemd's switch-root refuses a root without os-release.
	printf '%s\n' 'NAME="memdisk-phram live test"' 'ID=memdisk-phram-test' >"$1/etc/os-release"
)

# The live root's init prints one line that only a root booted from the
# RAM disk can compose:
#   MDP-LIVE token=T medium=DEV disk=DISK ro=0|1 size=N sha256=H memdisk=LINK
# medium: the device the generator mounted as the live medium (dracut
# /run/initramfs/live, live-boot /run/live/medium, casper /cdrom) or, for a
# plain root, the root itself; disk: the whole disk it is on; size, sha256:
# of that whole disk; memdisk: where /dev/memdisk points (our udev rule).
# Then one "MDP-LIVE-LINK NAME -> DEVICE" line per /dev/disk/by-label link
# and /dev/memdisk* link.
live_proof_init() {
	cat >"$1" <<'INIT'
#!/bin/sh
PATH=/bin
mount -t proc proc /proc 2>/dev/null
mount -t sysfs sysfs /sys 2>/dev/null
medium=
for mp in /run/initramfs/live /run/live/medium /cdrom /; do
	medium=$(awk -v m="$mp" '$2 == m { d = $1 } END { print d }' /proc/mounts)
	[ -n "$medium" ] && break
done
dev=$(readlink -f "$medium")
blk=${dev##*/}
disk=$blk
if [ -e "/sys/class/block/$blk/partition" ]; then
	disk=$(basename "$(dirname "$(readlink -f "/sys/class/block/$blk")")")
fi
ro=$(cat "/sys/class/block/$blk/ro" 2>/dev/null)
size=$(($(cat "/sys/class/block/$disk/size" 2>/dev/null || echo 0) * 512))
# O_DIRECT: past the page cache, which the mounted medium shares.
sum=$(dd if="/dev/$disk" bs=1M iflag=direct 2>/dev/null | sha256sum)
link=$(readlink -f /dev/memdisk 2>/dev/null)
echo "MDP-LIVE token=$(cat /etc/mdp-token) medium=$dev disk=/dev/$disk ro=$ro size=$size sha256=${sum%% *} memdisk=${link:-none}"
for l in /dev/disk/by-label/* /dev/memdisk*; do
	[ -L "$l" ] && echo "MDP-LIVE-LINK ${l#/dev/} -> $(readlink -f "$l")"
done
poweroff -f
sleep 30
INIT
	chmod 0755 "$1"
}

# ---- dracut ---------------------------------------------------------------------
# A private dracut base: links to /usr/lib/dracut plus our staged module.
_live_dracut_base() {
	LIVE_DRACUT_BASE=$LIVE_OUT/dracutbase
	rm -rf "$LIVE_DRACUT_BASE" "$LIVE_OUT/dracut-confdir"
	mkdir -p "$LIVE_DRACUT_BASE/modules.d" "$LIVE_OUT/dracut-confdir"
	for _ld_f in /usr/lib/dracut/*; do
		[ "${_ld_f##*/}" = modules.d ] || ln -s "$_ld_f" "$LIVE_DRACUT_BASE/${_ld_f##*/}"
	done
	for _ld_m in /usr/lib/dracut/modules.d/*; do
		ln -s "$_ld_m" "$LIVE_DRACUT_BASE/modules.d/${_ld_m##*/}"
	done
	rm -f "$LIVE_DRACUT_BASE/modules.d/90memdisk-phram"
	ln -s "$LIVE_STAGE/usr/lib/dracut/modules.d/90memdisk-phram" "$LIVE_DRACUT_BASE/modules.d/90memdisk-phram"
}

live_dracut_initrd() {
	# shellcheck disable=SC2046 # one file per line
	_ld_key=$(boot_key dracut-v1 "$(dpkg-query -W -f='${Version}' dracut-core 2>/dev/null)" "$KVER" "$2" "$3" \
		$(_live_stage_files))
	if [ -f "$1" ] && [ "$(cat "$1.key" 2>/dev/null)" = "$_ld_key" ]; then
		return 0
	fi
	rm -f "$1" "$1.key"
	[ -n "${LIVE_DRACUT_BASE:-}" ] || _live_dracut_base
	_ld_tmp=$(mktemp -d "$LIVE_OUT/dracut-tmp.XXXXXX")
	_ld_start=$(boot_now)
	# shellcheck disable=SC2086 # the driver list is one argument
	dracutbasedir=$LIVE_DRACUT_BASE MEMDISK_PHRAM_DESTDIR=$LIVE_STAGE dracut --force --no-hostonly \
		--no-hostonly-cmdline --conf /dev/null --confdir "$LIVE_OUT/dracut-confdir" --tmpdir "$_ld_tmp" \
		--kver "$KVER" --kmoddir "$KDIR/lib/modules/$KVER" --no-early-microcode \
		-m "$2" --add-drivers "$3" "$1" >"$1.log" 2>&1
	_ld_rc=$?
	rm -rf "$_ld_tmp"
	if [ "$_ld_rc" -ne 0 ]; then
		rm -f "$1"
		return 1
	fi
	echo "$_ld_key" >"$1.key"
	boot_log "built ${1##*/} (dracut) in $(boot_elapsed "$_ld_start") s"
}

# ---- initramfs-tools ---------------------------------------------------------------
# live_itools_confdir DIR [MODULE...]: MODULES=list with the named modules
# (loaded at boot by init), our hook and boot script from the stage.
live_itools_confdir() {
	_lc_dir=$1
	shift
	rm -rf "$_lc_dir"
	mkdir -p "$_lc_dir/conf.d" "$_lc_dir/hooks" "$_lc_dir/scripts/init-premount"
	cat >"$_lc_dir/initramfs.conf" <<'CONF'
MODULES=list
BUSYBOX=auto
KEYMAP=n
COMPRESS=zstd
DEVICE=
NFSROOT=auto
RUNSIZE=10%
FSTYPE=iso9660
CONF
	echo RESUME=none >"$_lc_dir/conf.d/resume"
	printf '%s\n' "$@" >"$_lc_dir/modules"
	cp "$LIVE_STAGE/usr/share/initramfs-tools/hooks/memdisk-phram" "$_lc_dir/hooks/"
	cp "$LIVE_STAGE/usr/share/initramfs-tools/scripts/init-premount/memdisk-phram" "$_lc_dir/scripts/init-premount/"
}

live_itools_initrd() {
	# shellcheck disable=SC2046 # one file per line
	_li_key=$(boot_key itools-v1 "$KVER" "$(dpkg-query -W -f='${Package}=${Version} ' initramfs-tools-core \
		live-boot live-boot-initramfs-tools busybox udev klibc-utils kmod 2>/dev/null)" \
		$(find "$2" -type f | LC_ALL=C sort) $(_live_stage_files))
	if [ -s "$1" ] && [ "$(cat "$1.key" 2>/dev/null)" = "$_li_key" ]; then
		return 0
	fi
	rm -f "$1" "$1.key"
	_li_ov=$(mktemp -d "$LIVE_OUT/ns.XXXXXX")
	mkdir -p "$_li_ov/upper" "$_li_ov/work" "$_li_ov/tmp"
	_li_start=$(boot_now)
	# A private mount namespace: an overlay on /usr/lib holds the kernel's
	# modules (bind mount), our staged runtime and udev rule; a tmpfs on /boot
	# the kernel config; syslinux-utils' memdiskfind is hidden (live-boot adds
	# its own memdisk code only when /usr/bin/memdiskfind is executable).
	# shellcheck disable=SC2016 # expanded by the namespace's shell
	OV=$_li_ov CONF=$2 IMG=$1 STAGE=$LIVE_STAGE unshare -m --propagation private sh -e -c '
		mount -t overlay overlay -o "lowerdir=/usr/lib,upperdir=$OV/upper,workdir=$OV/work" /usr/lib
		mkdir -p "/usr/lib/modules/$KVER"
		mount --bind "$KDIR/lib/modules/$KVER" "/usr/lib/modules/$KVER"
		cp -a "$STAGE/usr/lib/memdisk-phram" /usr/lib/
		mkdir -p /usr/lib/udev/rules.d
		cp "$STAGE/usr/lib/udev/rules.d/61-memdisk-phram.rules" /usr/lib/udev/rules.d/
		mount -t tmpfs tmpfs /boot
		cp "$KDIR/boot/config-$KVER" "/boot/config-$KVER"
		if [ -e /usr/bin/memdiskfind ]; then mount --bind /dev/null /usr/bin/memdiskfind; fi
		TMPDIR=$OV/tmp mkinitramfs -d "$CONF" -o "$IMG" "$KVER"
	' >"$1.log" 2>&1
	rm -rf "$_li_ov"
	[ -s "$1" ] || return 1
	echo "$_li_key" >"$1.key"
	boot_log "built ${1##*/} (mkinitramfs) in $(boot_elapsed "$_li_start") s"
}
