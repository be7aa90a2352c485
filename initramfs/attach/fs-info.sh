# shellcheck shell=sh disable=SC2034 # MD_* variables are shared with the other parts
# fs-info.sh: the file system on the attached device (sourced by
# memdisk-attach).
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   md_probe   sets MD_FSTYPE, MD_LABEL, MD_UUID for MD_DEVNODE ('' when
#              unknown)
#
# From blkid's "DEV: KEY="value" ..." line (util-linux and busybox both print
# it). Without blkid (Debian's busybox has none), klibc's fstype still gives
# the type.

md_probe() {
	MD_FSTYPE='' MD_LABEL='' MD_UUID=''
	if ! md_have "${MD_BIN}blkid"; then
		md_have "${MD_BIN}fstype" || return 0
		_out=$("${MD_BIN}fstype" "$MD_DEVNODE" 2>/dev/null) || return 0
		case $_out in
		FSTYPE=*)
			MD_FSTYPE=${_out#FSTYPE=}
			MD_FSTYPE=${MD_FSTYPE%%"$NL"*}
			;;
		esac
		[ "$MD_FSTYPE" != unknown ] || MD_FSTYPE=''
		return 0
	fi
	_out=$("${MD_BIN}blkid" "$MD_DEVNODE" 2>/dev/null) || return 0
	_rest=${_out#*: }
	while :; do
		case $_rest in *=\"*) ;; *) break ;; esac
		_key=${_rest%%=\"*}
		_key=${_key##* }
		_rest=${_rest#*=\"}
		# The value runs to the next quote that is not escaped by a backslash.
		_val=
		while :; do
			case $_rest in *\"*) ;; *) break 2 ;; esac
			_piece=${_rest%%\"*}
			_rest=${_rest#*\"}
			case $_piece in
			*\\)
				_val="$_val${_piece%\\}\""
				continue
				;;
			esac
			_val=$_val$_piece
			break
		done
		case $_key in
		TYPE) MD_FSTYPE=$_val ;;
		LABEL) MD_LABEL=$_val ;;
		UUID) MD_UUID=$_val ;;
		esac
	done
}
