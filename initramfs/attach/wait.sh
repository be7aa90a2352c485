# shellcheck shell=sh disable=SC2034 # MD_* variables are shared with the other parts
# wait.sh: bounded waiting without fixed sleeps (sourced by memdisk-attach).
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   md_wait CS TEST [ARGS]  run TEST until it succeeds (0) or CS centiseconds
#                           pass (1)
#
# Polls in steps of 10 ms (sleep 0.01, or busybox usleep; 1 s steps if neither
# takes fractions). The bound is checked against /proc/uptime when it moves,
# and against a step count in any case, so a wait always ends.

MD_STEP=
md_nap() {
	if [ -z "$MD_STEP" ]; then
		if sleep 0.01 2>/dev/null; then
			MD_STEP='sleep'
		elif md_have usleep && usleep 10000 2>/dev/null; then
			MD_STEP=usleep
		else
			MD_STEP=slow
		fi
		return 0
	fi
	case $MD_STEP in
	sleep) sleep 0.01 ;;
	usleep) usleep 10000 ;;
	*) sleep 1 ;;
	esac
}

# MD_NOW: centiseconds since boot, '' when /proc/uptime cannot tell.
md_uptime_cs() {
	MD_NOW=
	[ -r "$PROC/uptime" ] || return 1
	read -r _up _ <"$PROC/uptime" || return 1
	case $_up in [0-9]*.[0-9][0-9]) ;; *) return 1 ;; esac
	_f=${_up#*.}
	MD_NOW=$((${_up%.*} * 100 + ${_f#0}))
}

md_wait() {
	_left=$1
	shift
	"$@" && return 0
	md_uptime_cs
	_end=
	[ -z "$MD_NOW" ] || _end=$((MD_NOW + _left))
	while [ "$_left" -gt 0 ]; do
		md_nap
		if [ "$MD_STEP" = slow ]; then _left=$((_left - 100)); else _left=$((_left - 1)); fi
		"$@" && return 0
		if [ -n "$_end" ] && md_uptime_cs && [ "$MD_NOW" -ge "$_end" ]; then
			break
		fi
	done
	return 1
}
