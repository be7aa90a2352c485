# shellcheck shell=sh disable=SC2034 # MD_* variables are shared with the other parts
# messages.sh: what memdisk-attach says, and how (sourced by memdisk-attach).
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Every line on stderr starts with "memdisk:", so that a boot log shows whose
# line it is. A failure is one line that names the real cause, then exit 2.
#
#   md_debug TEXT   only with --debug or rd.memdisk.debug (MD_DEBUG=1)
#   md_warn TEXT    always
#   md_fail TEXT    always, then exit 2
#   md_quote VALUE  VALUE single-quoted for the shell: 'it'\''s'
#   md_have CMD     CMD exists (builtin, function or in PATH)

md_debug() {
	if [ "${MD_DEBUG:-0}" = 1 ]; then printf 'memdisk: debug: %s\n' "$*" >&2; fi
}

md_warn() {
	printf 'memdisk: %s\n' "$*" >&2
}

md_fail() {
	printf 'memdisk: %s\n' "$*" >&2
	exit 2
}

md_quote() {
	_q=$1
	_out=
	while :; do
		case $_q in
		*\'*)
			_out="$_out${_q%%\'*}'\\''"
			_q=${_q#*\'}
			;;
		*) break ;;
		esac
	done
	printf "'%s'" "$_out$_q"
}

md_have() {
	command -v "$1" >/dev/null 2>&1
}
