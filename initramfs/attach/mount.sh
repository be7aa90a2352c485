# shellcheck shell=sh disable=SC2034 # MD_* variables are shared with the other parts
# mount.sh: --mount DIR (sourced by memdisk-attach).
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   md_mount   mounts MD_DEVNODE read-only on MD_MOUNT as MD_FSTYPE (iso9660
#              when unknown), loading the file system's module if needed;
#              does nothing when it is mounted there already

md_mount() {
	_fs=${MD_FSTYPE:-iso9660}
	# Already mounted there (by an earlier call)? Then there is nothing to do.
	if [ -r "$PROC/mounts" ]; then
		while read -r _src _dir _; do
			if [ "$_dir" = "$MD_MOUNT" ] && { [ "$_src" = "$MD_DEV" ] || [ "$_src" = "$MD_DEVNODE" ]; }; then
				md_debug "already mounted on $MD_MOUNT"
				return 0
			fi
		done <"$PROC/mounts"
	fi
	[ -d "$MD_MOUNT" ] || mkdir -p "$MD_MOUNT" 2>/dev/null || md_fail "cannot create $MD_MOUNT"
	# The filesystem driver may be a module nobody loaded yet.
	_known=0
	if [ -r "$PROC/filesystems" ]; then
		while read -r _a _b; do
			[ "${_b:-$_a}" = "$_fs" ] && _known=1
		done <"$PROC/filesystems"
	fi
	if [ "$_known" = 0 ] && md_have "${MD_BIN}modprobe"; then
		_mod=$_fs
		[ "$_fs" != iso9660 ] || _mod=isofs
		"${MD_BIN}modprobe" "$_mod" >/dev/null 2>&1
	fi
	md_debug "mount -t $_fs -o ro $MD_DEVNODE $MD_MOUNT"
	_out=$("${MD_BIN}mount" -t "$_fs" -o ro "$MD_DEVNODE" "$MD_MOUNT" 2>&1) ||
		md_fail "cannot mount $MD_DEV ($_fs) on $MD_MOUNT: ${_out%%"$NL"*}"
}
