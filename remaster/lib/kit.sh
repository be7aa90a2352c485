# shellcheck shell=sh
# Variables named MR_* and R_* are shared between the parts (see memdisk-remaster).
# shellcheck disable=SC2034,SC2153
# remaster/lib/kit.sh: where the pieces that go into an overlay come from.
# Sourced, never run.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Run from a source tree, the pieces are the tree's own files (the hooks of
# each generator, the udev rule, the static binaries in build/, the runtime
# as build-aux/stage-runtime lays it out). Installed (make install-remaster),
# they are the installed runtime in PKGLIBDIR and the generator pieces that
# install-remaster put into PKGLIBDIR/remaster/kit. The runtime's files are
# the ones its runtime.list names, never a list of our own. --runtime DIR
# takes the runtime (and its runtime.list) from DIR instead.
#
#   mr_kit_init              find them; MR_KIT_FROM says where
#   mr_kit NAME              the file for NAME (dies when it is missing):
#     itools-premount   initramfs-tools init-premount script
#     dracut-hook       dracut pre-udev hook
#     mkinitcpio-hook   mkinitcpio runtime hook
#     mkinitcpio-unit   the systemd unit for mkinitcpio's systemd images
#     udev-rule         61-memdisk-phram.rules
#     verify            the guest-side proof (memdisk-verify)
#     verify-itools, verify-dracut, verify-mkinitcpio, verify-unit
#                       what runs it in each generator (rd.memdisk.verify only)
#     memdisk-sha256    static hasher for the proof
#   mr_kit_runtime           "SOURCE PATH MODE KIND" lines: the runtime files
#                            (runtime.list) every overlay carries in
#                            /usr/lib/memdisk-phram

# Set by make install-remaster (the line is rewritten). MEMDISK_PHRAM_DESTDIR
# (unset normally) prefixes it: a `make install DESTDIR=...` staging tree runs
# as it will once installed.
MR_PKGLIBDIR=/usr/lib/memdisk-phram
MR_PKGLIBDIR=${MEMDISK_PHRAM_DESTDIR:-}$MR_PKGLIBDIR

MR_RUNTIME_DIR=${MR_RUNTIME_DIR:-}

mr_kit_init() {
	MR_SRCTOP=
	_ki_top=$(cd "$MR_LIBDIR/../.." 2>/dev/null && pwd)
	if [ -n "$_ki_top" ] && [ -f "$_ki_top/initramfs/memdisk-attach" ] && [ -d "$_ki_top/hooks" ]; then
		MR_SRCTOP=$_ki_top
		MR_KIT_FROM="source tree $MR_SRCTOP"
	else
		MR_KIT_FROM="$MR_PKGLIBDIR"
	fi
	[ -z "$MR_RUNTIME_DIR" ] || MR_KIT_FROM="$MR_KIT_FROM, runtime from $MR_RUNTIME_DIR"
}

_mr_kit_path() {
	if [ -n "$MR_SRCTOP" ]; then
		case $1 in
		itools-premount) echo "$MR_SRCTOP/hooks/initramfs-tools/scripts/init-premount/memdisk-phram" ;;
		dracut-hook) echo "$MR_SRCTOP/hooks/dracut/90memdisk-phram/memdisk-phram-attach.sh" ;;
		mkinitcpio-hook) echo "$MR_SRCTOP/hooks/mkinitcpio/hooks/memdisk-phram" ;;
		mkinitcpio-unit) echo "$MR_SRCTOP/hooks/mkinitcpio/memdisk-phram.service" ;;
		udev-rule) echo "$MR_SRCTOP/udev/61-memdisk-phram.rules" ;;
		verify) echo "$MR_SRCTOP/remaster/guest/memdisk-verify" ;;
		verify-itools) echo "$MR_SRCTOP/remaster/guest/initramfs-tools-init-bottom" ;;
		verify-dracut) echo "$MR_SRCTOP/remaster/guest/dracut-pre-pivot.sh" ;;
		verify-mkinitcpio) echo "$MR_SRCTOP/remaster/guest/mkinitcpio-hook" ;;
		verify-unit) echo "$MR_SRCTOP/remaster/guest/memdisk-verify.service" ;;
		memdisk-sha256) echo "$MR_SRCTOP/build/memdisk-sha256" ;;
		*) return 1 ;;
		esac
	else
		case $1 in
		memdisk-sha256) echo "$MR_PKGLIBDIR/memdisk-sha256" ;;
		*) echo "$MR_PKGLIBDIR/remaster/kit/$1" ;;
		esac
	fi
}

mr_kit() {
	_k=$(_mr_kit_path "$1") || mr_die "internal: no kit piece named $1"
	[ -f "$_k" ] || mr_die "$_k is missing (run make, or reinstall memdisk-phram)"
	echo "$_k"
}

# _mr_is_static FILE: an ELF executable without a program interpreter
# (PT_INTERP): it needs no shared libraries of the image. Read from its
# program headers (ELF64 or ELF32, little-endian), no ldd.
_mr_is_static() {
	[ "$(mr_hex "$1" 0 4)" = 7f454c46 ] || return 1
	case $(mr_hex "$1" 4 1) in
	02) _st_phoff=$(mr_le32 "$1" 32) _st_phent=$(mr_le16 "$1" 54) _st_phnum=$(mr_le16 "$1" 56) ;;
	01) _st_phoff=$(mr_le32 "$1" 28) _st_phent=$(mr_le16 "$1" 42) _st_phnum=$(mr_le16 "$1" 44) ;;
	*) return 1 ;;
	esac
	[ -n "$_st_phoff" ] && [ -n "$_st_phent" ] && [ -n "$_st_phnum" ] || return 1
	[ "$_st_phnum" -gt 0 ] && [ "$_st_phnum" -lt 256 ] && [ "$_st_phent" -ge 4 ] || return 1
	# p_type is the first 4 bytes of each entry; 3 is PT_INTERP.
	! od -An -v -tu4 -w"$_st_phent" -j "$_st_phoff" -N $((_st_phent * _st_phnum)) "$1" 2>/dev/null |
		awk '$1 == 3 { found = 1 } END { exit !found }'
}

# _mr_runtime_dir: the directory laid out as PKGLIBDIR, with runtime.list:
# --runtime DIR, the installed PKGLIBDIR, or (source tree) the tree staged
# by build-aux/stage-runtime, which reads the same list.
_mr_runtime_dir() {
	if [ -n "$MR_RUNTIME_DIR" ]; then
		echo "$MR_RUNTIME_DIR"
	elif [ -n "$MR_SRCTOP" ]; then
		if [ ! -f "$MR_WORK/runtime/runtime.list" ]; then
			"$MR_SRCTOP/build-aux/stage-runtime" "$MR_WORK/runtime" >"$MR_WORK/stage-runtime.log" 2>&1 ||
				mr_die "cannot stage the runtime: $(tail -n 1 "$MR_WORK/stage-runtime.log") (run make first)"
		fi
		echo "$MR_WORK/runtime"
	else
		echo "$MR_PKGLIBDIR"
	fi
}

# mr_kit_runtime: "SOURCE PATH MODE" of every runtime file the overlay
# carries: those runtime.list names, as each generator's hook installs them.
# Optional files ("elf?", "lib?": memdisk-probe and the partition part, for
# disk images) stay out: an ISO is attached whole, and memdisk-probe is
# linked against the host's libblkid.
mr_kit_runtime() {
	if [ -n "$MR_WORK" ] && [ -f "$MR_WORK/runtime.files" ]; then
		cat "$MR_WORK/runtime.files"
		return 0
	fi
	_kr_dir=$(_mr_runtime_dir)
	[ -f "$_kr_dir/runtime.list" ] || mr_die "$_kr_dir/runtime.list is missing (install memdisk-phram's runtime, or give --runtime DIR)"
	while read -r _kr_kind _kr_path; do
		case $_kr_kind in
		'' | \#* | *\?) continue ;;
		lib) _kr_mode=0644 ;;
		*) _kr_mode=0755 ;;
		esac
		echo "$_kr_dir/$_kr_path $_kr_path $_kr_mode $_kr_kind"
	done <"$_kr_dir/runtime.list"
}

# mr_kit_has PATH: runtime.list names PATH (e.g. attach/backend-copy.sh);
# after mr_kit_check.
mr_kit_has() {
	awk -v p="$1" '$2 == p { f = 1 } END { exit !f }' "$MR_WORK/runtime.files"
}

# mr_kit_check: every piece is there and the binaries are static.
mr_kit_check() {
	rm -f "$MR_WORK/runtime.files"
	mr_kit_runtime >"$MR_WORK/runtime.files.tmp" || exit "$MR_EXIT_ERROR"
	mv "$MR_WORK/runtime.files.tmp" "$MR_WORK/runtime.files"
	while read -r _kc_src _kc_name _kc_mode _kc_kind; do
		[ -f "$_kc_src" ] || mr_die "$_kc_src is missing (make; or install memdisk-phram's runtime)"
		if [ "$_kc_kind" = elf ] && ! _mr_is_static "$_kc_src"; then
			mr_die "$_kc_src is dynamically linked; the initramfs needs the static build (make static, with klcc from klibc-utils)"
		fi
	done <"$MR_WORK/runtime.files"
	for _kc in itools-premount dracut-hook mkinitcpio-hook mkinitcpio-unit udev-rule verify verify-itools \
		verify-dracut verify-mkinitcpio verify-unit memdisk-sha256; do
		_kc_p=$(_mr_kit_path "$_kc")
		[ -f "$_kc_p" ] || mr_die "$_kc_p is missing (run make, or reinstall memdisk-phram)"
	done
	_kc_p=$(_mr_kit_path memdisk-sha256)
	_mr_is_static "$_kc_p" || mr_die "$_kc_p is not a static program"
}
