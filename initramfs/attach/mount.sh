# shellcheck shell=sh disable=SC2034 # MD_* variables are shared with the other parts
# mount.sh: --mount DIR (sourced by memdisk-attach).
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   md_mount   mounts MD_DEVNODE read-only on MD_MOUNT as MD_FSTYPE (iso9660
#              when unknown), loading the file system's module if needed;
#              does nothing when it is mounted there already; a disk
#              the kernel partitioned (pmemNpM) and that holds no file
#              system itself is refused in one line naming its partitions

md_mount() {
	_fs=${MD_FSTYPE:-iso9660}
	if [ -z "$MD_FSTYPE" ]; then
		_parts=
		for _p in "$SYS/block/${MD_DEV##*/}/${MD_DEV##*/}"p*; do
			[ -d "$_p" ] && _parts="$_parts /dev/${_p##*/}"
		done
		[ -z "$_parts" ] ||
			md_fail "cannot mount $MD_DEV on $MD_MOUNT: it is a partitioned disk image; mount one of its partitions:$_parts"
	fi
	# Already mounted there (by an earlier call)? Then there is nothing to do.
	if [ -r "$PROC/mounts" ]; then
		while read -r _src _dir _; do
			if [ "$_dir" = "$MD_MOUNT" ] && { [ "$_src" = "$MD_DEV" ] || [ "$_src" = "$MD_DEVNODE" ]; }; then
				md_debug "already mounted on $MD_MOUNT"
				return 0
			fi
		done <"$PROC/mounts"
	fi
	if [ ! -d "$MD_MOUNT" ]; then
		_out=$(mkdir -p "$MD_MOUNT" 2>&1) || md_fail "cannot create $MD_MOUNT: ${_out%%"$NL"*}"
	fi
	# The filesystem driver may be a module nobody loaded yet.
	_known=0
	if [ -r "$PROC/filesystems" ]; then
		while read -r _a _b; do
			[ "${_b:-$_a}" = "$_fs" ] && _known=1
		done <"$PROC/filesystems"
	fi
	_modwhy=
	if [ "$_known" = 0 ]; then
		_mod=$_fs
		[ "$_fs" != iso9660 ] || _mod=isofs
		md_modprobe "$_mod"
		case $? in
		0) ;;
		3) _modwhy="kernel module $_mod is missing ($MD_ERR)" ;;
		*) _modwhy="cannot load kernel module $_mod: $MD_MODPROBE_OUT" ;;
		esac
		[ -z "$_modwhy" ] || md_debug "$_modwhy"
	fi
	md_debug "mount -t $_fs -o ro $MD_DEVNODE $MD_MOUNT"
	# When the file system's module would not load, that is the cause.
	_out=$("${MD_BIN}mount" -t "$_fs" -o ro "$MD_DEVNODE" "$MD_MOUNT" 2>&1) ||
		md_fail "cannot mount $MD_DEV ($_fs) on $MD_MOUNT: ${_modwhy:-${_out%%"$NL"*}}"
}
