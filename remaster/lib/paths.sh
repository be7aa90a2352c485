# shellcheck shell=sh
# Variables named MR_* and R_* are shared between the parts (see memdisk-remaster).
# shellcheck disable=SC2034,SC2153
# remaster/lib/paths.sh: paths inside an unpacked initramfs, resolved the way
# the kernel resolves them at boot. Sourced, never run.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Why: an initramfs with a merged /usr has "lib -> usr/lib" (and bin, sbin,
# lib64). The kernel's unpacker follows that link for "lib/modules/x.ko",
# but an archive entry "lib" of type directory replaces the link with an
# empty directory, and the boot dies. So the overlay never names a path
# through a link: every path is resolved first, and only the resolved form
# goes into the archive.
#
#   mr_resolve ROOT PATH   print PATH (absolute or relative to /) with every
#                          symbolic link inside ROOT followed, relative to
#                          ROOT, without a leading slash; components that do
#                          not exist are kept as they are. Absolute link
#                          targets are taken from ROOT, never from the host.
#                          Fails after 40 links (a loop).
#   mr_resolve_v ROOT PATH the same into MR_RESOLVED, without a subshell
#   mr_path_has_link ROOT PATH
#                          0 when PATH itself or one of its parents is a
#                          symbolic link in ROOT (what the overlay must
#                          never contain).

mr_resolve() {
	mr_resolve_v "$1" "$2" || return 1
	printf '%s\n' "$MR_RESOLVED"
}

# mr_resolve_v ROOT PATH: the same into MR_RESOLVED (no subshell).
mr_resolve_v() {
	MR_RESOLVED=
	_rv_root=$1
	_rv_rest=$2
	_rv_done=
	_rv_links=0
	while [ -n "$_rv_rest" ]; do
		case $_rv_rest in
		*/*)
			_rv_c=${_rv_rest%%/*}
			_rv_rest=${_rv_rest#*/}
			;;
		*)
			_rv_c=$_rv_rest
			_rv_rest=
			;;
		esac
		case $_rv_c in
		'' | .) continue ;;
		..)
			case $_rv_done in
			*/*) _rv_done=${_rv_done%/*} ;;
			*) _rv_done= ;;
			esac
			continue
			;;
		esac
		_rv_next=${_rv_done:+$_rv_done/}$_rv_c
		if [ -L "$_rv_root/$_rv_next" ]; then
			_rv_links=$((_rv_links + 1))
			[ "$_rv_links" -le 40 ] || return 1
			_rv_t=$(readlink "$_rv_root/$_rv_next") || return 1
			# An absolute target starts again at the initramfs' root; a
			# relative one at the link's directory (_rv_done).
			case $_rv_t in /*) _rv_done= ;; esac
			_rv_rest=$_rv_t${_rv_rest:+/$_rv_rest}
		else
			_rv_done=$_rv_next
		fi
	done
	MR_RESOLVED=$_rv_done
}

mr_path_has_link() {
	_pl_root=$1
	_pl_rest=${2#/}
	_pl_done=
	while [ -n "$_pl_rest" ]; do
		case $_pl_rest in
		*/*)
			_pl_c=${_pl_rest%%/*}
			_pl_rest=${_pl_rest#*/}
			;;
		*)
			_pl_c=$_pl_rest
			_pl_rest=
			;;
		esac
		[ -n "$_pl_c" ] || continue
		_pl_done=${_pl_done:+$_pl_done/}$_pl_c
		[ -L "$_pl_root/$_pl_done" ] && return 0
	done
	return 1
}
