# shellcheck shell=sh
# Variables named MR_* and R_* are shared between the parts (see memdisk-remaster).
# shellcheck disable=SC2034,SC2153
# remaster/lib/util.sh: messages, exit statuses, the work directory, small
# helpers shared by every part of memdisk-remaster. Sourced, never run.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Exit statuses (the man page lists them):
#   0  done (written, dry run shown, or verify PASS)
#   1  refused: the input cannot be remastered safely (one line says why),
#      or verify FAIL
#   2  error: a tool failed, a file could not be read or written
#   3  nothing to do: every boot entry already has memdisk-phram
#   64 usage error
MR_EXIT_REFUSED=1
MR_EXIT_ERROR=2
MR_EXIT_NOTHING=3
MR_EXIT_USAGE=64

MR_PROG=memdisk-remaster
MR_JSON=${MR_JSON:-0}
MR_QUIET=${MR_QUIET:-0}
MR_VERBOSE=${MR_VERBOSE:-0}
MR_WORK=
MR_KEEP_WORK=${MR_KEEP_WORK:-0}
MR_NL='
'
MR_TAB='	'

# Progress and findings: stdout in text mode; nothing in JSON mode (stdout
# then carries the JSON document alone).
mr_say() {
	[ "$MR_JSON" = 1 ] || [ "$MR_QUIET" = 1 ] || printf '%s\n' "$*"
}

# Details, only with --verbose (stderr, so that JSON stays clean).
mr_debug() {
	[ "$MR_VERBOSE" = 1 ] && printf '%s: [%s s] %s\n' "$MR_PROG" "$(mr_elapsed "${MR_START:-$(mr_now)}")" "$*" >&2
	return 0
}

# Warnings go to stderr and into the report.
MR_WARNINGS=
mr_warn() {
	printf '%s: warning: %s\n' "$MR_PROG" "$*" >&2
	MR_WARNINGS="$MR_WARNINGS$*$MR_NL"
}

# mr_stop STATUS KIND MESSAGE: one line on stderr; in JSON mode also a
# document with the status; then exit.
mr_stop() {
	_st_status=$1
	_st_kind=$2
	shift 2
	printf '%s: %s: %s\n' "$MR_PROG" "$_st_kind" "$*" >&2
	if [ "$MR_JSON" = 1 ]; then
		printf '{"status":%s,"exit":%s,"reason":%s}\n' "$(mr_json_str "$_st_kind")" "$_st_status" "$(mr_json_str "$*")"
	fi
	exit "$_st_status"
}
mr_refuse() { mr_stop "$MR_EXIT_REFUSED" refused "$@"; }
mr_die() { mr_stop "$MR_EXIT_ERROR" error "$@"; }
mr_usage_error() { mr_stop "$MR_EXIT_USAGE" usage "$*; see $MR_PROG --help"; }

# mr_need CMD PACKAGE...: die naming the Debian package when CMD is missing.
mr_need() {
	_nd_cmd=$1
	shift
	command -v "$_nd_cmd" >/dev/null 2>&1 || mr_die "$_nd_cmd is missing (apt-get install $*)"
}

# The work directory: private, removed on exit (also on errors and signals)
# unless --keep-work. Files that cpio extracted may be read-only: chmod
# first so that rm can remove them as any user.
mr_work_init() {
	if [ -n "${MR_WORK_DIR:-}" ]; then
		MR_WORK=$MR_WORK_DIR
		mkdir -p "$MR_WORK" || mr_die "cannot create $MR_WORK"
		MR_KEEP_WORK=1
	else
		MR_WORK=$(mktemp -d "${TMPDIR:-/tmp}/memdisk-remaster.XXXXXX") || mr_die "cannot create a work directory in ${TMPDIR:-/tmp}"
	fi
	trap 'mr_work_cleanup' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

mr_work_cleanup() {
	_wc_rc=$?
	mr_verify_stop_qemu 2>/dev/null
	if [ -n "$MR_WORK" ] && [ -d "$MR_WORK" ]; then
		if [ "$MR_KEEP_WORK" = 1 ]; then
			printf '%s: work directory kept: %s\n' "$MR_PROG" "$MR_WORK" >&2
		else
			chmod -R u+rwX "$MR_WORK" 2>/dev/null
			rm -rf "$MR_WORK"
		fi
	fi
	exit "$_wc_rc"
}

# Placeholder until verify.sh is sourced (it defines the real one).
mr_verify_stop_qemu() { :; }

# mr_json_str STRING: a JSON string literal.
mr_json_str() {
	printf '%s' "$1" | awk '
		BEGIN {
			RS = "\001"
			ORS = ""
			for (i = 1; i < 32; i++) ord[sprintf("%c", i)] = i
		}
		{ s = s $0 }
		END {
			gsub(/\\/, "\\\\", s)
			gsub(/"/, "\\\"", s)
			gsub(/\t/, "\\t", s)
			gsub(/\r/, "\\r", s)
			gsub(/\n/, "\\n", s)
			out = ""
			for (i = 1; i <= length(s); i++) {
				c = substr(s, i, 1)
				if (c < " ") out = out sprintf("\\u%04x", ord[c])
				else out = out c
			}
			printf "\"%s\"", out
		}'
}

# mr_json_list WORD...: a JSON array of strings.
mr_json_list() {
	_jl_sep=
	printf '['
	for _jl_w in "$@"; do
		printf '%s%s' "$_jl_sep" "$(mr_json_str "$_jl_w")"
		_jl_sep=,
	done
	printf ']'
}

# mr_hex FILE OFFSET COUNT: COUNT bytes at OFFSET as lowercase hex, no spaces.
mr_hex() {
	od -An -v -tx1 -j "$2" -N "$3" "$1" 2>/dev/null | tr -d ' \n'
}

# mr_le16 / mr_le32 FILE OFFSET: little-endian numbers.
mr_le16() {
	_le=$(mr_hex "$1" "$2" 2)
	[ ${#_le} -eq 4 ] || return 1
	echo $((0x${_le#??}${_le%??}))
}
mr_le32() {
	_le=$(mr_hex "$1" "$2" 4)
	[ ${#_le} -eq 8 ] || return 1
	_b0=${_le%??????} _r=${_le#??}
	_b1=${_r%????} _r=${_r#??}
	_b2=${_r%??} _b3=${_r#??}
	echo $((0x$_b3$_b2$_b1$_b0))
}

# mr_size FILE: its size in bytes.
mr_size() {
	stat -L -c %s "$1"
}

# mr_human BYTES: "123 B", "12.3 KiB", "4.5 MiB", "1.2 GiB".
mr_human() {
	awk -v b="$1" 'BEGIN {
		if (b < 1024) { printf "%d B", b; exit }
		split("KiB MiB GiB TiB", u, " ")
		i = 0
		while (b >= 1024 && i < 4) { b /= 1024; i++ }
		printf "%.1f %s", b, u[i]
	}'
}

# mr_now: seconds since the epoch with a fraction; mr_elapsed START.
mr_now() {
	date +%s.%N
}
mr_elapsed() {
	awk -v s="$1" -v e="$(mr_now)" 'BEGIN { printf "%.1f", e - s }'
}

# mr_sha256 FILE: the hex digest.
mr_sha256() {
	_sh=$(sha256sum <"$1") || return 1
	echo "${_sh%% *}"
}

# mr_words_contain WORD LIST: LIST (space separated) has WORD.
mr_words_contain() {
	case " $2 " in *" $1 "*) return 0 ;; esac
	return 1
}
