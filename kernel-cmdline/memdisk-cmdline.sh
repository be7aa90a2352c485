# shellcheck shell=sh
# The MEMDISK_OPT_* variables are this library's output, read by its callers.
# shellcheck disable=SC2034
# memdisk-cmdline.sh: read memdisk-phram's options from the kernel command line.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# A POSIX sh library, sourced (never executed) by memdisk-attach and by the
# generator hooks; it runs under busybox ash, dash and klibc sh. It only sets
# variables and defines functions: no exit, no set -e, no output on stdout
# except from memdisk_cmdline_get. Internal names start with _mdc_.
#
#   memdisk_cmdline_parse [CMDLINE]
#       Parse CMDLINE (default: the contents of ${MEMDISK_SYSROOT}/proc/cmdline)
#       and set:
#         MEMDISK_OPT_ENABLE     ''  rd.memdisk not given (automatic detection)
#                                0   rd.memdisk=0|no|off|false (disabled)
#                                1   rd.memdisk, rd.memdisk=1|yes|on|true
#         MEMDISK_OPT_RW         0|1 rd.memdisk.rw
#         MEMDISK_OPT_DEBUG      0|1 rd.memdisk.debug
#         MEMDISK_OPT_ERASESIZE  ''|decimal bytes  rd.memdisk.erasesize=N
#         MEMDISK_OPT_PHRAM      ''|0xSTART,0xLEN  rd.memdisk.phram=START,LEN
#         MEMDISK_OPT_PHRAM_START, MEMDISK_OPT_PHRAM_SIZE  the same, as 0x hex
#         MEMDISK_OPT_TIMEOUT    ''|seconds (digits, up to 2 decimals)
#                                rd.memdisk.timeout=SECONDS
#         MEMDISK_OPT_BACKEND    auto|phram|copy  rd.memdisk.backend=
#                                (auto: phram, or the copy in RAM when
#                                the kernel has no phram)
#         MEMDISK_OPT_ERRORS     one line per option whose (last) value is
#                                invalid; that option keeps its default
#       Always returns 0.
#   memdisk_cmdline_get NAME [CMDLINE]
#       Print the value of the last NAME=VALUE (nothing for a bare NAME);
#       return 0 if NAME occurs, 1 if not.
#   memdisk_bool VALUE
#       Return 0 for ''|1|y|yes|on|true, 1 for 0|n|no|off|false, 2 otherwise.
#   memdisk_parse_number VALUE
#       Set MEMDISK_NUM to VALUE in decimal; VALUE is decimal, 0x hex or 0
#       octal, optionally followed by ki, Mi or Gi (phram's syntax). Return 1
#       (MEMDISK_NUM unchanged) if VALUE is not such a number.
#
# Parsing follows the kernel's own splitting (lib/cmdline.c next_arg): words
# are separated by blanks outside double quotes, a value may be quoted
# (opt="a b") and so may the whole word ("opt=a b"); the quotes are removed.
# Only whole words count: nord.memdisk=0 or rd.memdisk.rwx are other options.
# The last occurrence of an option wins. A bare "--" ends the kernel's
# parameters (what follows is for init), so parsing stops there too. Blanks
# inside quotes are kept as single spaces.

# Call CALLBACK NAME HASVALUE VALUE for each word of CMDLINE.
# HASVALUE is 1 for NAME=VALUE (VALUE may be empty), 0 for a bare NAME.
_mdc_foreach() {
	_mdc_cb=$1
	_mdc_noglob=0
	case $- in *f*) _mdc_noglob=1 ;; esac
	_mdc_ifs_set=${IFS+1}
	_mdc_ifs_old=${IFS-}
	set -f
	IFS=' 	
'
	# Word splitting on blanks is the point; -f keeps globs literal.
	# shellcheck disable=SC2086
	set -- $2
	if [ -n "$_mdc_ifs_set" ]; then IFS=$_mdc_ifs_old; else unset IFS; fi
	[ "$_mdc_noglob" = 1 ] || set +f

	_mdc_acc=
	_mdc_open=0
	for _mdc_w in "$@"; do
		if [ "$_mdc_open" = 1 ]; then
			_mdc_acc="$_mdc_acc $_mdc_w"
		else
			_mdc_acc=$_mdc_w
		fi
		# An odd number of quotes in this word toggles "inside quotes".
		_mdc_t=$_mdc_w
		while :; do
			case $_mdc_t in
			*\"*)
				_mdc_t=${_mdc_t#*\"}
				_mdc_open=$((1 - _mdc_open))
				;;
			*) break ;;
			esac
		done
		[ "$_mdc_open" = 1 ] && continue
		_mdc_word "$_mdc_acc" || return 0
		_mdc_acc=
	done
	# An unterminated quote runs to the end of the line, as in the kernel.
	[ -z "$_mdc_acc" ] || _mdc_word "$_mdc_acc" || :
	return 0
}

# Split one word into name and value, strip quotes, hand it to the callback.
# Returns 1 on "--" (end of the kernel's parameters).
_mdc_word() {
	_mdc_a=$1
	_mdc_quoted=0
	case $_mdc_a in \"*)
		_mdc_a=${_mdc_a#\"}
		_mdc_quoted=1
		;;
	esac
	case $_mdc_a in
	*=*)
		_mdc_name=${_mdc_a%%=*}
		_mdc_val=${_mdc_a#*=}
		_mdc_has=1
		case $_mdc_val in
		\"*)
			_mdc_val=${_mdc_val#\"}
			_mdc_val=${_mdc_val%\"}
			;;
		*) [ "$_mdc_quoted" = 0 ] || _mdc_val=${_mdc_val%\"} ;;
		esac
		;;
	*)
		_mdc_name=$_mdc_a
		_mdc_val=
		_mdc_has=0
		[ "$_mdc_quoted" = 0 ] || _mdc_name=${_mdc_name%\"}
		;;
	esac
	if [ "$_mdc_has" = 0 ] && [ "$_mdc_name" = -- ]; then
		return 1
	fi
	"$_mdc_cb" "$_mdc_name" "$_mdc_has" "$_mdc_val"
	return 0
}

memdisk_bool() {
	case $1 in
	'' | 1 | y | Y | yes | on | true) return 0 ;;
	0 | n | N | no | off | false) return 1 ;;
	*) return 2 ;;
	esac
}

memdisk_parse_number() {
	_mdc_n=$1
	_mdc_mul=1
	case $_mdc_n in
	*ki) _mdc_n=${_mdc_n%ki} _mdc_mul=1024 ;;
	*Mi) _mdc_n=${_mdc_n%Mi} _mdc_mul=1048576 ;;
	*Gi) _mdc_n=${_mdc_n%Gi} _mdc_mul=1073741824 ;;
	esac
	# Validate before any arithmetic expansion sees the text; the length
	# limits keep every value far below 2^63.
	case $_mdc_n in
	0[xX]*)
		_mdc_d=${_mdc_n#0[xX]}
		case $_mdc_d in '' | *[!0-9a-fA-F]*) return 1 ;; esac
		[ ${#_mdc_d} -le 12 ] || return 1
		_mdc_n=0x$_mdc_d
		;;
	0) ;;
	0*)
		case $_mdc_n in *[!0-7]*) return 1 ;; esac
		[ ${#_mdc_n} -le 16 ] || return 1
		;;
	[1-9]*)
		case $_mdc_n in *[!0-9]*) return 1 ;; esac
		[ ${#_mdc_n} -le 15 ] || return 1
		;;
	*) return 1 ;;
	esac
	MEMDISK_NUM=$((_mdc_n * _mdc_mul))
	return 0
}

# Print the command line the kernel was booted with (empty if unreadable).
memdisk_cmdline_read() {
	_mdc_line=
	if [ -r "${MEMDISK_SYSROOT:-}/proc/cmdline" ]; then
		read -r _mdc_line <"${MEMDISK_SYSROOT:-}/proc/cmdline" || :
	fi
	printf '%s\n' "$_mdc_line"
}

_mdc_get_cb() {
	if [ "$1" = "$_mdc_want" ]; then
		_mdc_found=1
		_mdc_value=$3
	fi
}

memdisk_cmdline_get() {
	_mdc_want=$1
	_mdc_found=0
	_mdc_value=
	if [ $# -ge 2 ]; then
		_mdc_foreach _mdc_get_cb "$2"
	else
		_mdc_foreach _mdc_get_cb "$(memdisk_cmdline_read)"
	fi
	[ "$_mdc_found" = 1 ] || return 1
	[ -z "$_mdc_value" ] || printf '%s\n' "$_mdc_value"
	return 0
}

# Boolean option: set variable $1 from value $3 of option $2; an invalid
# value resets it to $4 and records an error.
_mdc_set_bool() {
	memdisk_bool "$3"
	case $? in
	0) eval "$1=1" _mdc_err_"$1"= ;;
	1) eval "$1=0" _mdc_err_"$1"= ;;
	*)
		eval "$1=\$4"
		eval "_mdc_err_$1=\"ignoring \$2=\$3: not a boolean (use 0|no|off or 1|yes|on)\""
		;;
	esac
}

_mdc_parse_cb() {
	case $1 in
	rd.memdisk)
		_mdc_set_bool MEMDISK_OPT_ENABLE rd.memdisk "$3" ''
		;;
	rd.memdisk.rw)
		_mdc_set_bool MEMDISK_OPT_RW rd.memdisk.rw "$3" 0
		;;
	rd.memdisk.debug)
		_mdc_set_bool MEMDISK_OPT_DEBUG rd.memdisk.debug "$3" 0
		;;
	rd.memdisk.erasesize)
		MEMDISK_OPT_ERASESIZE=
		_mdc_err_MEMDISK_OPT_ERASESIZE=
		if memdisk_parse_number "$3" && [ "$MEMDISK_NUM" -gt 0 ]; then
			MEMDISK_OPT_ERASESIZE=$MEMDISK_NUM
		else
			_mdc_err_MEMDISK_OPT_ERASESIZE="ignoring rd.memdisk.erasesize=$3: not a positive number"
		fi
		;;
	rd.memdisk.phram)
		MEMDISK_OPT_PHRAM=
		MEMDISK_OPT_PHRAM_START=
		MEMDISK_OPT_PHRAM_SIZE=
		_mdc_err_MEMDISK_OPT_PHRAM="ignoring rd.memdisk.phram=$3: expected START,LEN (numbers, LEN > 0)"
		case $3 in *,*,*) return 0 ;; *,*) ;; *) return 0 ;; esac
		memdisk_parse_number "${3%%,*}" || return 0
		_mdc_s=$MEMDISK_NUM
		memdisk_parse_number "${3#*,}" || return 0
		[ "$MEMDISK_NUM" -gt 0 ] || return 0
		MEMDISK_OPT_PHRAM_START=$(printf '0x%x' "$_mdc_s")
		MEMDISK_OPT_PHRAM_SIZE=$(printf '0x%x' "$MEMDISK_NUM")
		MEMDISK_OPT_PHRAM=$MEMDISK_OPT_PHRAM_START,$MEMDISK_OPT_PHRAM_SIZE
		_mdc_err_MEMDISK_OPT_PHRAM=
		;;
	rd.memdisk.backend)
		_mdc_err_MEMDISK_OPT_BACKEND=
		case $3 in
		auto | phram | copy) MEMDISK_OPT_BACKEND=$3 ;;
		*)
			MEMDISK_OPT_BACKEND=auto
			_mdc_err_MEMDISK_OPT_BACKEND="ignoring rd.memdisk.backend=$3: use auto, phram or copy"
			;;
		esac
		;;
	rd.memdisk.timeout)
		MEMDISK_OPT_TIMEOUT=
		_mdc_err_MEMDISK_OPT_TIMEOUT=
		if memdisk_valid_seconds "$3"; then
			MEMDISK_OPT_TIMEOUT=$3
		else
			_mdc_err_MEMDISK_OPT_TIMEOUT="ignoring rd.memdisk.timeout=$3: expected seconds (e.g. 5 or 2.5)"
		fi
		;;
	esac
	return 0
}

# Seconds as digits with at most two decimals (0.01 s is the poll step).
memdisk_valid_seconds() {
	case $1 in
	'' | .* | *. | *.*.* | *[!0-9.]*) return 1 ;;
	*.???*) return 1 ;;
	esac
	case ${1%%.*} in ?????*) return 1 ;; esac
	return 0
}

# Seconds (as accepted above) to centiseconds, in MEMDISK_NUM.
memdisk_seconds_to_cs() {
	memdisk_valid_seconds "$1" || return 1
	case $1 in
	*.?) _mdc_i=${1%.*} _mdc_f=${1#*.}0 ;;
	*.??) _mdc_i=${1%.*} _mdc_f=${1#*.} ;;
	*) _mdc_i=$1 _mdc_f=00 ;;
	esac
	# Strip leading zeros so that 08 is not read as octal.
	while :; do case $_mdc_i in 0?*) _mdc_i=${_mdc_i#0} ;; *) break ;; esac; done
	_mdc_f=${_mdc_f#0}
	MEMDISK_NUM=$((_mdc_i * 100 + _mdc_f))
	return 0
}

memdisk_cmdline_parse() {
	MEMDISK_OPT_ENABLE=
	MEMDISK_OPT_RW=0
	MEMDISK_OPT_DEBUG=0
	MEMDISK_OPT_ERASESIZE=
	MEMDISK_OPT_PHRAM=
	MEMDISK_OPT_PHRAM_START=
	MEMDISK_OPT_PHRAM_SIZE=
	MEMDISK_OPT_TIMEOUT=
	MEMDISK_OPT_BACKEND=auto
	MEMDISK_OPT_ERRORS=
	_mdc_err_MEMDISK_OPT_ENABLE=
	_mdc_err_MEMDISK_OPT_RW=
	_mdc_err_MEMDISK_OPT_DEBUG=
	_mdc_err_MEMDISK_OPT_ERASESIZE=
	_mdc_err_MEMDISK_OPT_PHRAM=
	_mdc_err_MEMDISK_OPT_TIMEOUT=
	_mdc_err_MEMDISK_OPT_BACKEND=
	if [ $# -ge 1 ]; then
		_mdc_foreach _mdc_parse_cb "$1"
	else
		_mdc_foreach _mdc_parse_cb "$(memdisk_cmdline_read)"
	fi
	for _mdc_e in "$_mdc_err_MEMDISK_OPT_ENABLE" "$_mdc_err_MEMDISK_OPT_RW" \
		"$_mdc_err_MEMDISK_OPT_DEBUG" "$_mdc_err_MEMDISK_OPT_ERASESIZE" \
		"$_mdc_err_MEMDISK_OPT_PHRAM" "$_mdc_err_MEMDISK_OPT_TIMEOUT" "$_mdc_err_MEMDISK_OPT_BACKEND"; do
		[ -n "$_mdc_e" ] || continue
		MEMDISK_OPT_ERRORS="$MEMDISK_OPT_ERRORS${MEMDISK_OPT_ERRORS:+
}$_mdc_e"
	done
	return 0
}
