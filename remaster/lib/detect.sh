# shellcheck shell=sh
# Variables named MR_* and R_* are shared between the parts (see memdisk-remaster).
# shellcheck disable=SC2034,SC2153
# remaster/lib/detect.sh: which generator built an unpacked initramfs, for
# which kernel, and where it keeps what the overlay must extend. Sourced.
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   mr_detect ROOT
#       ROOT is the merged view of every archive of one boot entry's
#       initrds. Sets:
#         MR_GEN       initramfs-tools | dracut | mkinitcpio ('' unknown)
#         MR_FLAVOUR   initramfs-tools: live-boot | casper | live-boot+casper
#                      | plain
#                      dracut, mkinitcpio: shell | systemd (mkinitcpio's
#                      busybox init is "shell" too)
#         MR_GENVER    dracut's or mkinitcpio's version when the image says
#         MR_HOOKDIR   dracut: the hook directory its init reads (resolved)
#         MR_RULESDIR  where the image keeps its udev rules (resolved)
#         MR_UNITDIR   systemd images: the unit directory (resolved)
#         MR_HAS_SH    1 when /bin/sh exists (memdisk-attach needs it)
#         MR_HAS_PHRAM 1 when the image has memdisk-phram already
#         MR_LINKS     "lib -> usr/lib ..." (the top-level symbolic links)
#       Returns 1 when the generator is unknown (MR_ERR says what was seen).
#   mr_kernel_version VMLINUZ
#       The version string of an x86 bzImage (its setup header), e.g.
#       6.1.0-27-amd64; nothing when it is not one.
#   mr_detect_kver ROOT KERNEL-VERSION
#       Sets MR_KVER and MR_MODDIR (resolved lib/modules/KVER, which may not
#       exist yet): the initramfs' only module directory, else the one that
#       matches KERNEL-VERSION, else KERNEL-VERSION.

# _mr_exists ROOT PATH: PATH exists in ROOT after resolving links.
_mr_exists() {
	_ex=$(mr_resolve "$1" "$2") || return 1
	[ -e "$1/$_ex" ]
}

_mr_is_systemd_init() {
	_si=$(mr_resolve "$1" init) || return 1
	case $_si in
	*systemd/systemd | *systemd/systemd-executor) return 0 ;;
	esac
	# An ELF /init (not a script) in an image that has systemd.
	[ -f "$1/$_si" ] && [ "$(mr_hex "$1/$_si" 0 4)" = 7f454c46 ] && _mr_exists "$1" usr/lib/systemd/systemd
}

# _mr_rules_dir ROOT: the resolved directory that holds the image's rules.
_mr_rules_dir() {
	for _rd in usr/lib/udev/rules.d lib/udev/rules.d etc/udev/rules.d; do
		_rr=$(mr_resolve "$1" "$_rd") || continue
		for _f in "$1/$_rr"/*.rules; do
			[ -f "$_f" ] && {
				echo "$_rr"
				return 0
			}
		done
	done
	# No rules at all (no udev in the image): where udev would look.
	mr_resolve "$1" usr/lib/udev/rules.d
}

# _mr_dracut_hookdir ROOT: the hookdir= dracut-lib.sh sets, resolved.
_mr_dracut_hookdir() {
	_hd=
	for _lib in usr/lib/dracut-lib.sh lib/dracut-lib.sh; do
		_l=$(mr_resolve "$1" "$_lib") || continue
		[ -f "$1/$_l" ] || continue
		_hd=$(sed -n 's/^[[:space:]]*\(export[[:space:]]\{1,\}\)\{0,1\}hookdir=\([^[:space:];]*\).*/\2/p' "$1/$_l" | head -n 1)
		_hd=${_hd#[\"\']}
		_hd=${_hd%[\"\']}
		break
	done
	case $_hd in
	/*) ;;
	*)
		# Not a plain path: whichever hook directory the image has,
		# dracut-ng's first.
		_hd=
		for _c in var/lib/dracut/hooks lib/dracut/hooks; do
			if _mr_exists "$1" "$_c"; then
				_hd=/$_c
				break
			fi
		done
		[ -n "$_hd" ] || _hd=/lib/dracut/hooks
		;;
	esac
	mr_resolve "$1" "$_hd"
}

_mr_links() {
	for _f in "$1"/* "$1"/usr/*; do
		[ -L "$_f" ] || continue
		printf '%s -> %s\n' "${_f#"$1"/}" "$(readlink "$_f")"
	done
}

mr_detect() {
	_dt=$1
	MR_GEN='' MR_FLAVOUR='' MR_GENVER='' MR_HOOKDIR='' MR_UNITDIR='' MR_HAS_SH=0 MR_HAS_PHRAM=0
	MR_LINKS=$(_mr_links "$_dt" | tr '\n' ',' | sed 's/,$//; s/,/, /g')
	_mr_exists "$_dt" bin/sh && MR_HAS_SH=1
	_mr_exists "$_dt" usr/lib/memdisk-phram/memdisk-attach && MR_HAS_PHRAM=1
	MR_RULESDIR=$(_mr_rules_dir "$_dt")
	if _mr_exists "$_dt" usr/lib/systemd/system; then
		MR_UNITDIR=$(mr_resolve "$_dt" usr/lib/systemd/system)
	fi
	if _mr_exists "$_dt" lib/dracut-lib.sh || _mr_exists "$_dt" usr/lib/dracut-lib.sh; then
		MR_GEN=dracut
		MR_FLAVOUR=shell
		_mr_is_systemd_init "$_dt" && MR_FLAVOUR=systemd
		MR_HOOKDIR=$(_mr_dracut_hookdir "$_dt")
		for _v in "$_dt/$(mr_resolve "$_dt" lib/dracut)"/dracut-*; do
			[ -f "$_v" ] || continue
			case ${_v##*/dracut-} in [0-9]*) MR_GENVER=${_v##*/dracut-} ;; esac
		done
		return 0
	fi
	if _mr_exists "$_dt" scripts/functions && { _mr_exists "$_dt" conf/initramfs.conf ||
		_mr_exists "$_dt" conf/conf.d || _mr_exists "$_dt" scripts/init-top; }; then
		MR_GEN=initramfs-tools
		# The boot line picks one (boot=live, boot=casper); an image may
		# carry both, and the overlay serves both.
		MR_FLAVOUR=
		_mr_exists "$_dt" scripts/live && MR_FLAVOUR=live-boot
		_mr_exists "$_dt" scripts/casper && MR_FLAVOUR=${MR_FLAVOUR:+$MR_FLAVOUR+}casper
		[ -n "$MR_FLAVOUR" ] || MR_FLAVOUR=plain
		return 0
	fi
	if _mr_exists "$_dt" init_functions || { _mr_exists "$_dt" config && _mr_exists "$_dt" hooks; } ||
		{ _mr_exists "$_dt" config && _mr_exists "$_dt" buildconfig; }; then
		MR_GEN=mkinitcpio
		MR_FLAVOUR=shell
		_mr_is_systemd_init "$_dt" && MR_FLAVOUR=systemd
		_v=$(mr_resolve "$_dt" VERSION)
		[ -f "$_dt/$_v" ] && MR_GENVER=$(head -c 32 "$_dt/$_v" | tr -dc '0-9A-Za-z._-')
		return 0
	fi
	_seen=
	for _f in "$_dt"/*; do
		[ -e "$_f" ] || [ -L "$_f" ] || continue
		_seen="$_seen ${_f##*/}"
	done
	MR_ERR="no dracut-lib.sh, no initramfs-tools scripts/functions, no mkinitcpio init_functions or config (top level:${_seen:- empty})"
	return 1
}

mr_kernel_version() {
	[ "$(mr_hex "$1" 514 4)" = 48647253 ] || return 0 # "HdrS"
	_kv_ptr=$(mr_le16 "$1" 526) || return 0
	[ "$_kv_ptr" -gt 0 ] || return 0
	dd if="$1" iflag=skip_bytes,count_bytes skip=$((_kv_ptr + 512)) count=128 2>/dev/null |
		tr '\000' '\n' | head -n 1 | sed 's/[[:space:]].*//' | tr -dc '0-9A-Za-z._+~-'
}

mr_detect_kver() {
	_kv_root=$1
	_kv_want=$2
	MR_KVER=
	_kv_base=$(mr_resolve "$_kv_root" lib/modules)
	_kv_list=
	_kv_n=0
	for _d in "$_kv_root/$_kv_base"/*; do
		[ -d "$_d" ] || continue
		_kv_list="$_kv_list ${_d##*/}"
		_kv_n=$((_kv_n + 1))
	done
	if [ "$_kv_n" = 1 ]; then
		MR_KVER=${_kv_list# }
	elif [ -n "$_kv_want" ] && mr_words_contain "$_kv_want" "$_kv_list"; then
		MR_KVER=$_kv_want
	else
		MR_KVER=$_kv_want
	fi
	[ -n "$MR_KVER" ] || return 1
	MR_MODDIR=$(mr_resolve "$_kv_root" "lib/modules/$MR_KVER")
}
