# shellcheck shell=sh disable=SC2034 # MD_* variables are shared with the other parts
# report.sh: what memdisk-attach prints on stdout (sourced by memdisk-attach).
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   md_report   the device path; with --info, shell assignments instead:
#               MEMDISK_DEVICE MEMDISK_MTD MEMDISK_START MEMDISK_SIZE
#               MEMDISK_FSTYPE MEMDISK_LABEL MEMDISK_UUID MEMDISK_REUSED
#               MEMDISK_SOURCE (mbft, nfit or cmdline) MEMDISK_KIND (cd, disk
#               or '') MEMDISK_BACKEND (phram, pmem, or copy: a loop device
#               over a copy in RAM) (values single-quoted)

md_report() {
	if [ "$MD_INFO" != 1 ]; then
		printf '%s\n' "$MD_DEV"
		return 0
	fi
	# A device attached before us: its size from sysfs when the finder did
	# not say (/dev/mem locked down).
	if [ "$MD_REUSED" = 1 ] && [ -z "${MD_LEN:-}" ] && [ -n "${MD_MTD:-}" ]; then
		MD_LEN=''
		[ ! -r "$SYS/class/mtd/$MD_MTD/size" ] || read -r MD_LEN <"$SYS/class/mtd/$MD_MTD/size"
	fi
	[ "${MD_SOURCE:-}" != mbft ] || [ -n "${MD_KIND:-}" ] || md_mbft_kind
	_start='' _size=''
	[ -z "${MD_START:-}" ] || _start=$(printf '0x%x' "$MD_START")
	[ -z "${MD_LEN:-}" ] || _size=$(printf '0x%x' "$MD_LEN")
	printf 'MEMDISK_DEVICE=%s\n' "$(md_quote "$MD_DEV")"
	printf 'MEMDISK_MTD=%s\n' "$(md_quote "${MD_MTD:-}")"
	printf 'MEMDISK_START=%s\n' "$(md_quote "$_start")"
	printf 'MEMDISK_SIZE=%s\n' "$(md_quote "$_size")"
	printf 'MEMDISK_FSTYPE=%s\n' "$(md_quote "$MD_FSTYPE")"
	printf 'MEMDISK_LABEL=%s\n' "$(md_quote "$MD_LABEL")"
	printf 'MEMDISK_UUID=%s\n' "$(md_quote "$MD_UUID")"
	printf 'MEMDISK_REUSED=%s\n' "$MD_REUSED"
	printf 'MEMDISK_SOURCE=%s\n' "$(md_quote "${MD_SOURCE:-}")"
	printf 'MEMDISK_KIND=%s\n' "$(md_quote "${MD_KIND:-}")"
	printf 'MEMDISK_BACKEND=%s\n' "$(md_quote "${MD_BACKEND:-}")"
}
