# shellcheck shell=sh disable=SC2034 # MD_* variables are shared with the other parts
# find.sh: where the RAM disk is (sourced by memdisk-attach).
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   md_find   sets MD_START, MD_LEN (decimal bytes) and MD_ES (phram erase
#             size, '' when unknown). Returns 0 found, 1 none, 2 cannot tell
#             (MD_ERR says why).
#
# One function per source, tried in order: the range given on the kernel
# command line (rd.memdisk.phram=), then MEMDISK's tables in low memory
# (through memdiskfind).

md_find() {
	MD_ES=
	if [ -n "$MEMDISK_OPT_PHRAM" ]; then
		md_find_cmdline
		return
	fi
	md_find_mbft
}

# rd.memdisk.phram=START,LEN: no scan at all (e.g. /dev/mem locked down).
md_find_cmdline() {
	md_debug "range from rd.memdisk.phram=$MEMDISK_OPT_PHRAM (no scan)"
	memdisk_parse_number "$MEMDISK_OPT_PHRAM_START" && MD_START=$MEMDISK_NUM
	memdisk_parse_number "$MEMDISK_OPT_PHRAM_SIZE" && MD_LEN=$MEMDISK_NUM
	return 0
}

# MD_FINDER: $MEMDISKFIND, else memdiskfind beside memdisk-attach, in the
# source tree's build/, in PKGLIBDIR, or in PATH (syslinux's).
md_finder() {
	if [ -n "${MEMDISKFIND:-}" ]; then
		MD_FINDER=$MEMDISKFIND
		return 0
	fi
	for _c in "$SELFDIR/memdiskfind" "$SELFDIR/../build/memdiskfind" \
		"$SELFDIR/../build/memdiskfind.static" "$PKGLIBDIR/memdiskfind"; do
		if [ -f "$_c" ] && [ -x "$_c" ]; then
			MD_FINDER=$_c
			return 0
		fi
	done
	MD_FINDER=$(command -v memdiskfind 2>/dev/null) || return 1
}

# Split "a,b,c" into MD_F1.. MD_F4 and MD_NF (number of fields).
md_split() {
	_old_ifs=$IFS
	IFS=,
	set -f
	# shellcheck disable=SC2086
	set -- $1
	set +f
	IFS=$_old_ifs
	MD_NF=$#
	MD_F1=${1:-} MD_F2=${2:-} MD_F3=${3:-} MD_F4=${4:-}
}

# The kernel's lockdown mode ('' when none), for the /dev/mem error.
md_lockdown() {
	MD_LOCK=
	[ -r "$SYS/kernel/security/lockdown" ] || return 0
	read -r MD_LOCK <"$SYS/kernel/security/lockdown" || :
	case $MD_LOCK in
	*\[none\]* | '') MD_LOCK= ;;
	*) MD_LOCK=${MD_LOCK#*\[} MD_LOCK=${MD_LOCK%%\]*} ;;
	esac
}

# MEMDISK's mBFT, found by memdiskfind --phram.
md_find_mbft() {
	if ! md_finder; then
		MD_ERR="memdiskfind not found (beside $0, in $PKGLIBDIR or in PATH)"
		return 2
	fi
	md_debug "running $MD_FINDER --phram"
	_out=$("$MD_FINDER" --phram 2>&1)
	_rc=$?
	md_debug "memdiskfind exit $_rc: $_out"
	case $_rc in
	0) ;;
	1) return 1 ;;
	2)
		_why=$(printf '%s\n' "$_out" | while IFS= read -r _l; do
			case $_l in *[!\ ]*) printf '%s' "$_l" && break ;; esac
		done)
		md_lockdown
		if [ -n "$MD_LOCK" ]; then
			MD_ERR="cannot read /dev/mem: the kernel is locked down ($MD_LOCK); give the range with rd.memdisk.phram=START,LEN"
		else
			MD_ERR="cannot read /dev/mem${_why:+ ($_why)}; give the range with rd.memdisk.phram=START,LEN"
		fi
		return 2
		;;
	*)
		MD_ERR="$MD_FINDER failed (exit $_rc)${_out:+: $_out}"
		return 2
		;;
	esac
	# Our memdiskfind prints memdisk,START,LEN,ERASESIZE; syslinux's prints
	# START,LEN (and ignores --phram): accept both.
	_line=
	set -f
	# One word per line of output; globbing is off.
	# shellcheck disable=SC2086
	for _l in $_out; do
		case $_l in memdisk,*,*,* | [0-9]*,[0-9]*) _line=$_l ;; esac
	done
	set +f
	md_split "$_line"
	if [ "$MD_NF" = 4 ] && [ "$MD_F1" = memdisk ]; then
		_s=$MD_F2 _n=$MD_F3 MD_ES=$MD_F4
	elif [ "$MD_NF" = 2 ]; then
		_s=$MD_F1 _n=$MD_F2
	else
		MD_ERR="cannot understand memdiskfind's answer: $_out"
		return 2
	fi
	if memdisk_parse_number "$_s" && MD_START=$MEMDISK_NUM &&
		memdisk_parse_number "$_n" && MD_LEN=$MEMDISK_NUM && [ "$MD_LEN" -gt 0 ]; then
		if [ -z "$MD_ES" ] || memdisk_parse_number "$MD_ES"; then
			[ -z "$MD_ES" ] || MD_ES=$MEMDISK_NUM
			return 0
		fi
	fi
	MD_ERR="cannot understand memdiskfind's answer: $_out"
	return 2
}
