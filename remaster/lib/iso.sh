# shellcheck shell=sh
# Variables named MR_* and R_* are shared between the parts (see memdisk-remaster).
# shellcheck disable=SC2034,SC2153
# remaster/lib/iso.sh: read an ISO 9660 image without changing it (xorriso
# reads it; nothing is mounted). Sourced, never run.
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   mr_iso_inspect ISO       MR_ISO_SIZE, MR_ISO_VOLID, MR_ISO_UUID (blkid's
#                            volume-date UUID), MR_ISO_JOLIET (0/1),
#                            MR_ISO_BOOT (El Torito summary),
#                            MR_ISO_SYSAREA (MBR/GPT summary); the file list
#                            $MR_WORK/iso/files: "LBA BLOCKS SIZE /PATH" per
#                            file (hard links share an LBA)
#   mr_iso_has PATH          the ISO has that file (exact path)
#   mr_iso_find_ci PATH      the ISO path that matches PATH ignoring case
#   mr_iso_lba PATH          "LBA SIZE" of a file
#   mr_iso_extract ISO DIR PATH...
#                            copy files out to DIR/PATH
#   mr_iso_eltorito ISO      "-report_el_torito plain" lines
#   mr_iso_sysarea ISO       "-report_system_area plain" lines

MR_ISO_MAX=4294967296

_mr_xorriso_q() {
	xorriso -abort_on NEVER -return_with SORRY 32 -report_about WARNING "$@" 2>/dev/null
}

mr_iso_inspect() {
	_ii=$1
	mkdir -p "$MR_WORK/iso"
	MR_ISO_SIZE=$(mr_size "$_ii") || mr_die "cannot read $_ii"
	# One xorriso run (loading the tree is what takes time): the volume
	# descriptor, the boot records, and every file with its data's first
	# block (hard links, and files xorriso stored once, share an LBA).
	_mr_xorriso_q -indev "$_ii" -pvd_info -report_el_torito plain -report_system_area plain \
		-find / -type f -exec report_lba -- >"$MR_WORK/iso/report"
	MR_ISO_VOLID=$(sed -n 's/^Volume Id *: //p' "$MR_WORK/iso/report" | head -n 1)
	sed -n "s/^File data lba: *[0-9]* *, *\([0-9]*\) *, *\([0-9]*\) *, *\([0-9]*\) *, *'\(.*\)'\$/\1 \2 \3 \4/p" \
		"$MR_WORK/iso/report" >"$MR_WORK/iso/files"
	[ -s "$MR_WORK/iso/files" ] || mr_refuse "$_ii is not an ISO 9660 image (xorriso lists no files in it)"
	# The paths, newline-framed, for lookups without a subprocess.
	MR_ISO_PATHS=$MR_NL$(mr_iso_paths)$MR_NL
	grep '^El Torito' "$MR_WORK/iso/report" >"$MR_WORK/iso/eltorito"
	grep -v -e '^El Torito' -e '^File data lba' -e '^Report layout' "$MR_WORK/iso/report" |
		sed -n '/^System area options/,$p' >"$MR_WORK/iso/sysarea"
	MR_ISO_CACHED=$_ii
	MR_ISO_UUID=$(blkid -p -o value -s UUID "$_ii" 2>/dev/null)
	MR_ISO_BOOT=$(awk '/^El Torito boot img :/ { printf "%s%s %s", s, $6, $7; s = ", " }' "$MR_WORK/iso/eltorito")
	MR_ISO_SYSAREA=$(sed -n 's/^System area summary: *//p' "$MR_WORK/iso/sysarea")
	MR_ISO_JOLIET=0
	# Volume descriptors from sector 16: a supplementary one (type 2) with
	# a Joliet escape sequence (%/@, %/C, %/E) at byte 88.
	_vd=16
	while [ "$_vd" -lt 64 ]; do
		_t=$(mr_hex "$_ii" $((_vd * 2048)) 6)
		case $_t in
		ff4344303031*) break ;;
		024344303031*)
			case $(mr_hex "$_ii" $((_vd * 2048 + 88)) 3) in
			252f40 | 252f43 | 252f45) MR_ISO_JOLIET=1 ;;
			esac
			;;
		??4344303031*) ;;
		*) break ;;
		esac
		_vd=$((_vd + 1))
	done
}

MR_ISO_CACHED=

mr_iso_eltorito() {
	if [ "$1" = "$MR_ISO_CACHED" ] && [ -f "$MR_WORK/iso/eltorito" ]; then
		cat "$MR_WORK/iso/eltorito"
	else
		_mr_xorriso_q -indev "$1" -report_el_torito plain
	fi
}

mr_iso_sysarea() {
	if [ "$1" = "$MR_ISO_CACHED" ] && [ -f "$MR_WORK/iso/sysarea" ]; then
		cat "$MR_WORK/iso/sysarea"
	else
		_mr_xorriso_q -indev "$1" -report_system_area plain
	fi
}

mr_iso_has() {
	case $MR_ISO_PATHS in *"$MR_NL$1$MR_NL"*) return 0 ;; esac
	return 1
}

mr_iso_find_ci() {
	awk -v p="$1" '{ sub(/^[0-9]+ [0-9]+ [0-9]+ /, "") } tolower($0) == tolower(p) { print; exit }' "$MR_WORK/iso/files"
}

mr_iso_lba() {
	awk -v p="$1" '{ l = $1; s = $3; sub(/^[0-9]+ [0-9]+ [0-9]+ /, "") } $0 == p { print l, s; exit }' \
		"$MR_WORK/iso/files"
}

# mr_iso_paths: every file path, one per line.
mr_iso_paths() {
	sed 's/^[0-9]* [0-9]* [0-9]* //' "$MR_WORK/iso/files"
}

mr_iso_extract() {
	_ie_iso=$1
	_ie_dir=$2
	shift 2
	[ $# -gt 0 ] || return 0
	# One xorriso run for all of them (loading the tree is the slow part).
	_ie_list=$MR_WORK/iso/extract.list
	: >"$_ie_list"
	for _ie_p in "$@"; do
		mkdir -p "$_ie_dir$(dirname "$_ie_p")" || return 1
		printf '%s\n' "$_ie_p" >>"$_ie_list"
	done
	set --
	while IFS= read -r _ie_p; do
		set -- "$@" -extract "$_ie_p" "$_ie_dir$_ie_p"
	done <"$_ie_list"
	_mr_xorriso_q -osirrox on -indev "$_ie_iso" "$@" || return 1
	# osirrox keeps the ISO's modes (often read-only); our copies must be
	# writable.
	while IFS= read -r _ie_p; do
		chmod u+rw "$_ie_dir$_ie_p" 2>/dev/null
	done <"$_ie_list"
	return 0
}
