# shellcheck shell=sh
# tests/remaster/lib.sh: helpers of the memdisk-remaster unit tests, sourced
# by tests/remaster/run.
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   t_run NAME FUNCTION       run a case in a subshell; "ok NAME (N.N s)" or
#                             "FAIL NAME: why, log: FILE" (the log is kept
#                             under build/remaster-tests; with T_KEEP=1 the
#                             case's files too)
#   t_fail MESSAGE            record why the current case failed (the first
#                             reason wins) and return 1
#   t_eq WHAT EXPECTED ACTUAL, t_has WHAT FILE REGEX, t_hasnt ..., t_true WHAT CMD...
#   remaster ARGS...          run memdisk-remaster; RC, OUT (stdout), ERR
#   iso_get ISO PATH DEST     copy one file out of an ISO
#   overlay_list ISO PATH     "TYPE PATH [-> TARGET]" of each overlay entry

T_PASSED=0
T_FAILED=0

t_fail() {
	[ -n "$T_WHY" ] || T_WHY=$*
	echo "FAILED: $*" >>"$T_LOG"
	return 1
}

t_eq() {
	[ "$2" = "$3" ] || t_fail "$1: expected [$2], got [$3]"
}

t_has() {
	grep -Eq -- "$3" "$2" || t_fail "$1: no line matching '$3' in ${2##*/}"
}

t_hasnt() {
	! grep -Eq -- "$3" "$2" || t_fail "$1: a line matches '$3' in ${2##*/}: $(grep -Em1 -- "$3" "$2")"
}

t_true() {
	_tt_what=$1
	shift
	"$@" || t_fail "$_tt_what"
}

t_run() {
	T_WHY=
	T_LOG=$T_LOGDIR/$1.log
	: >"$T_LOG"
	T_DIR=$T_WORK/$1
	mkdir -p "$T_DIR"
	_tr_start=$(date +%s.%N)
	(
		T_WHY=
		"$2" >>"$T_LOG" 2>&1
		_tr_rc=$?
		if [ -z "$T_WHY" ] && [ "$_tr_rc" -ne 0 ]; then
			T_WHY="the case stopped with status $_tr_rc"
		fi
		printf '%s' "$T_WHY" >"$T_DIR/.why"
	)
	_tr_why=$(cat "$T_DIR/.why" 2>/dev/null || echo "the case died")
	_tr_t=$(awk -v s="$_tr_start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
	if [ -z "$_tr_why" ]; then
		T_PASSED=$((T_PASSED + 1))
		echo "ok $1 ($_tr_t s)"
		rm -f "$T_LOG"
	else
		T_FAILED=$((T_FAILED + 1))
		echo "FAIL $1: $_tr_why ($_tr_t s), log: $T_LOG"
	fi
	chmod -R u+rwX "$T_DIR" 2>/dev/null
	# T_KEEP=1: keep a failed case's files for debugging, beside its log.
	if [ -n "$_tr_why" ] && [ "${T_KEEP:-0}" = 1 ]; then
		rm -rf "$T_LOGDIR/$1.dir"
		mv "$T_DIR" "$T_LOGDIR/$1.dir" && echo "  (files kept in $T_LOGDIR/$1.dir)"
	fi
	rm -rf "$T_DIR"
}

# remaster ARGS...: the tool under test; its output is also logged.
remaster() {
	OUT=$T_DIR/.out
	ERR=$T_DIR/.err
	"$REMASTER" "$@" >"$OUT" 2>"$ERR"
	RC=$?
	{
		echo "\$ memdisk-remaster $* (exit $RC)"
		cat "$OUT"
		sed 's/^/stderr: /' "$ERR"
	} >>"$T_LOG"
	return 0
}

iso_get() {
	rm -f "$3"
	xorriso -osirrox on -indev "$1" -extract "$2" "$3" >/dev/null 2>&1
	chmod u+rw "$3" 2>/dev/null
	[ -f "$3" ]
}

# overlay_list ISO PATH: the overlay's entries, "d path", "f path MODE",
# "l path -> target", sorted.
overlay_list() {
	_ol=$T_DIR/.ovl
	rm -rf "$_ol"
	mkdir -p "$_ol"
	iso_get "$1" "$2" "$_ol.img" || return 1
	gzip -dc "$_ol.img" | (cd "$_ol" && cpio -idm --quiet 2>/dev/null)
	gzip -dc "$_ol.img" | cpio -t --quiet 2>/dev/null | while IFS= read -r _ol_p; do
		if [ -L "$_ol/$_ol_p" ]; then
			echo "l $_ol_p -> $(readlink "$_ol/$_ol_p")"
		elif [ -d "$_ol/$_ol_p" ]; then
			echo "d $_ol_p"
		else
			echo "f $_ol_p $(stat -c %a "$_ol/$_ol_p")"
		fi
	done
}

# overlay_file NAME: a file of the overlay last listed (after overlay_list).
overlay_file() {
	echo "$T_DIR/.ovl/$1"
}
