# shellcheck shell=sh
# Variables named MR_* and R_* are shared between the parts (see memdisk-remaster).
# shellcheck disable=SC2034,SC2153
# remaster/lib/config.sh: find the boot loader configurations on the ISO,
# the initrd lists their entries load, and write the edited copies.
# Sourced, never run. The reading and editing of each file is cfg.awk's.
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   mr_cfg_discover ISO   $MR_WORK/cfg/list: "DIALECT TOPDIR PATH" per
#                         configuration (syslinux, grub, sdboot), extracted
#                         to $MR_WORK/cfg/orig/PATH and scanned to
#                         $MR_WORK/cfg/scan/PATH; includes are followed
#   mr_cfg_refs           $MR_WORK/cfg/refs: one TAB-separated line per
#                         initrd file named: CFG LINE KIND GROUP INDEX COUNT
#                         LABEL TOKEN ISO-PATH (ISO-PATH empty: not found)
#   mr_cfg_resolve DIALECT CFG TOPDIR TOKEN
#                         the ISO path TOKEN names, as that loader reads it
#   mr_cfg_edit CFG EDITS NEW
#                         CFG with EDITS applied, as NEW
#
# Syslinux resolves a relative path against its working directory (the
# directory of the configuration it loaded first, e.g. /isolinux) and
# matches names without regard to case on ISO 9660; GRUB paths may carry a
# device "(...)" or variables in front.

mr_cfg_awk() {
	awk -f "$MR_LIBDIR/cfg.awk" "$@"
}

# _mr_cfg_kind PATH: syslinux, grub, sdboot or nothing, from the name.
_mr_cfg_kind() {
	_ck=$(printf '%s\n' "$1" | tr '[:upper:]' '[:lower:]')
	case $_ck in
	*/isolinux.cfg | */syslinux.cfg | */extlinux.conf) echo syslinux ;;
	*/grub.cfg | */loopback.cfg) echo grub ;;
	*/loader/entries/*.conf) echo sdboot ;;
	esac
}

# _mr_path_clean PATH: "//" and "/./" folded, ".." applied (no subprocess).
_mr_path_clean() {
	_pc_in=$1
	_pc_out=
	while [ -n "$_pc_in" ]; do
		case $_pc_in in
		*/*)
			_pc_c=${_pc_in%%/*}
			_pc_in=${_pc_in#*/}
			;;
		*)
			_pc_c=$_pc_in
			_pc_in=
			;;
		esac
		case $_pc_c in
		'' | .) ;;
		..) _pc_out=${_pc_out%/*} ;;
		*) _pc_out=$_pc_out/$_pc_c ;;
		esac
	done
	printf '%s\n' "${_pc_out:-/}"
}

mr_cfg_resolve() {
	_cr_dialect=$1
	_cr_cfg=$2
	_cr_top=$3
	_cr_t=$4
	case $_cr_dialect in
	grub)
		# (device)/path, ($root)/path, ${var}/path: the path part.
		case $_cr_t in
		\(*\)/*) _cr_t=/${_cr_t#*)/} ;;
		esac
		case $_cr_t in
		*\$*)
			_cr_tail=${_cr_t##*\}}
			case $_cr_tail in
			*\$*) _cr_tail=/${_cr_t#*\$*/} ;;
			esac
			case $_cr_tail in /*) ;; *) _cr_tail=/$_cr_tail ;; esac
			# A file whose path ends with the tail, if only one does.
			_cr_hits=$(mr_iso_paths | awk -v t="$_cr_tail" 'length($0) >= length(t) && substr($0, length($0) - length(t) + 1) == t')
			if [ "$(printf '%s\n' "$_cr_hits" | grep -c .)" = 1 ]; then
				echo "$_cr_hits"
			fi
			return 0
			;;
		esac
		;;
	esac
	case $_cr_t in
	/*) set -- "$_cr_t" ;;
	*) set -- "$_cr_top/$_cr_t" "$(dirname "$_cr_cfg")/$_cr_t" "/$_cr_t" ;;
	esac
	for _cr_c in "$@"; do
		_cr_c=$(_mr_path_clean "$_cr_c")
		if mr_iso_has "$_cr_c"; then
			echo "$_cr_c"
			return 0
		fi
	done
	# ISO 9660 without Rock Ridge, or a loader that ignores case.
	for _cr_c in "$@"; do
		_cr_c=$(_mr_path_clean "$_cr_c")
		_cr_ci=$(mr_iso_find_ci "$_cr_c")
		if [ -n "$_cr_ci" ]; then
			echo "$_cr_ci"
			return 0
		fi
	done
	return 0
}

mr_cfg_discover() {
	_cd_iso=$1
	_cd=$MR_WORK/cfg
	mkdir -p "$_cd/orig" "$_cd/scan"
	: >"$_cd/list"
	# Roots: configurations by name; and for syslinux and GRUB every other
	# .cfg beside them (menus loaded by com32 modules, files GRUB sources).
	mr_iso_paths | awk '
		{
			p = $0
			l = tolower(p)
			d = p
			sub(/\/[^\/]*$/, "", d)
			if (d == "") d = "/"
			k = ""
			if (l ~ /\/(isolinux\.cfg|syslinux\.cfg|extlinux\.conf)$/) k = "syslinux"
			else if (l ~ /\/(grub\.cfg|loopback\.cfg)$/) k = "grub"
			else if (l ~ /\/loader\/entries\/[^\/]*\.conf$/) k = "sdboot"
			if (k != "") printf "%s\t%s\t%s\n", k, d, p
		}' >"$_cd/roots"
	mr_iso_paths | awk -F'\t' -v roots="$_cd/roots" '
		BEGIN {
			while ((getline l < roots) > 0) {
				split(l, f, "\t")
				if (f[1] != "sdboot" && !(f[2] in kind)) kind[f[2]] = f[1]
			}
		}
		{
			d = $0
			sub(/\/[^\/]*$/, "", d)
			if (d == "") d = "/"
			if ((d in kind) && tolower($0) ~ /\.(cfg|conf)$/) printf "%s\t%s\t%s\n", kind[d], d, $0
		}' >"$_cd/siblings"
	cat "$_cd/roots" "$_cd/siblings" | awk -F'\t' '!seen[$3]++' >"$_cd/todo"
	# Follow includes until nothing new turns up.
	_cd_round=0
	while [ -s "$_cd/todo" ] && [ "$_cd_round" -lt 10 ]; do
		_cd_round=$((_cd_round + 1))
		# shellcheck disable=SC2046 # one path per line, no spaces expected
		cut -f3 "$_cd/todo" | {
			set --
			while IFS= read -r _cd_p; do set -- "$@" "$_cd_p"; done
			mr_iso_extract "$_cd_iso" "$_cd/orig" "$@"
		} || mr_die "cannot read the boot configurations from $_cd_iso"
		cat "$_cd/todo" >>"$_cd/list"
		: >"$_cd/next"
		while IFS="$MR_TAB" read -r _cd_k _cd_top _cd_p; do
			[ -f "$_cd/orig$_cd_p" ] || continue
			mkdir -p "$_cd/scan${_cd_p%/*}"
			mr_cfg_awk -v dialect="$_cd_k" -v mode=scan "$_cd/orig$_cd_p" >"$_cd/scan$_cd_p"
			awk -F'\t' '$1 == "INC" { print $3 }' "$_cd/scan$_cd_p" | while IFS= read -r _cd_inc; do
				_cd_r=$(mr_cfg_resolve "$_cd_k" "$_cd_p" "$_cd_top" "$_cd_inc")
				[ -n "$_cd_r" ] || continue
				awk -F'\t' -v p="$_cd_r" '$3 == p { f = 1 } END { exit !f }' "$_cd/list" "$_cd/next" && continue
				printf '%s\t%s\t%s\n' "$_cd_k" "$_cd_top" "$_cd_r" >>"$_cd/next"
			done
		done <"$_cd/todo"
		mv "$_cd/next" "$_cd/todo"
	done
	# A file found both as a syslinux sibling and a GRUB one: the dialect
	# it parses in (GRUB has menuentry, syslinux has LABEL).
	awk -F'\t' '!seen[$3]++' "$_cd/list" >"$_cd/list.u" && mv "$_cd/list.u" "$_cd/list"
}

mr_cfg_refs() {
	_cf=$MR_WORK/cfg
	: >"$_cf/refs"
	while IFS="$MR_TAB" read -r _cf_k _cf_top _cf_p; do
		[ -f "$_cf/scan$_cf_p" ] || continue
		# shellcheck disable=SC2034 # the record's first field
		awk -F'\t' '$1 == "REF"' "$_cf/scan$_cf_p" | while IFS="$MR_TAB" read -r _cf_rec _cf_line _cf_kind _cf_group _cf_i _cf_n _cf_label _cf_tok; do
			_cf_iso=$(mr_cfg_resolve "$_cf_k" "$_cf_p" "$_cf_top" "$_cf_tok")
			printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$_cf_p" "$_cf_line" "$_cf_kind" "$_cf_group" \
				"$_cf_i" "$_cf_n" "$_cf_label" "$_cf_tok" "$_cf_iso"
		done
	done <"$_cf/list" >>"$_cf/refs"
}

# mr_cfg_dialect CFG: the dialect a listed configuration was read in.
mr_cfg_dialect() {
	awk -F'\t' -v p="$1" '$3 == p { print $1; exit }' "$MR_WORK/cfg/list"
}
mr_cfg_topdir() {
	awk -F'\t' -v p="$1" '$3 == p { print $2; exit }' "$MR_WORK/cfg/list"
}

mr_cfg_edit() {
	mkdir -p "$(dirname "$3")"
	mr_cfg_awk -v dialect="$(mr_cfg_dialect "$1")" -v mode=edit -v edits="$2" "$MR_WORK/cfg/orig$1" >"$3"
}
