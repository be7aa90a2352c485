# shellcheck shell=sh disable=SC2034 # MD_* variables are shared with the other parts
# modules.sh: loading and unloading kernel modules (sourced by memdisk-attach).
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Initramfs images differ in what they carry to load a module:
#   - kmod's modprobe reads the binary indexes (modules.dep.bin); real
#     mkinitcpio keeps only those and deletes the text modules.dep;
#   - busybox's modprobe applet reads only the text modules.dep, and a
#     busybox shell built to prefer its applets (Debian's busybox-static)
#     runs that applet for "modprobe" even when kmod's is in the image;
#   - some images have no modprobe at all, only insmod.
# So, in this order: kmod's modprobe, called by its path (a command with a
# slash bypasses the shell's applets); the modprobe the shell finds, when
# there is a modules.dep for it; insmod with the files that modules.dep or
# modules.dep.bin name (dependencies first). A module none of them can load
# gets one line that says why: not in the image, no index, or the loader's
# own error.
#
#   md_modprobe NAME [PARAM=VALUE...]
#       0 loaded (or built in); 1 the loader failed: MD_MODPROBE_OUT is its
#       one-line message, naming the tool; 3 the module is not in this
#       initramfs: MD_ERR says how we know. MD_MODVIA: kmod, modprobe,
#       insmod or builtin.
#   md_modunload NAME    0 when NAME is not loaded (any more)
#   md_loaded NAME       NAME is in the kernel (/sys/module)
#   md_mod_absent NAME   0 only when this kernel surely has no NAME
#
# The module tree is $MEMDISK_SYSROOT/lib/modules/$(uname -r).

MD_KMOD=
MD_KMOD_LOOKED=0
MD_MODDIR=

# md_kmod_find: MD_KMOD, the path of kmod's modprobe ('' if there is none).
# With MEMDISK_BINDIR (tests) only that directory counts.
md_kmod_find() {
	[ "$MD_KMOD_LOOKED" = 1 ] && return 0
	MD_KMOD_LOOKED=1
	if [ -n "$MD_BIN" ]; then
		_mk_dirs=${MD_BIN%/}
	else
		_mk_dirs="${PATH:-}:/usr/sbin:/sbin:/usr/bin:/bin"
	fi
	_mk_ifs=$IFS
	IFS=:
	set -f
	for _mk_d in $_mk_dirs; do
		IFS=$_mk_ifs
		if [ -z "$_mk_d" ] || [ ! -f "$_mk_d/modprobe" ] || [ ! -x "$_mk_d/modprobe" ]; then
			continue
		fi
		case $("$_mk_d/modprobe" --version 2>/dev/null) in
		kmod*)
			MD_KMOD=$_mk_d/modprobe
			break
			;;
		esac
	done
	IFS=$_mk_ifs
	set +f
	md_debug "kmod's modprobe: ${MD_KMOD:-none}"
}

# md_moddir: MD_MODDIR, this kernel's module directory (under the sysroot),
# and MD_MODDIR_SHOWN, the same as the system names it.
md_moddir() {
	[ -n "$MD_MODDIR" ] && return 0
	MD_MODDIR_SHOWN=/lib/modules/$("${MD_BIN}uname" -r 2>/dev/null)
	MD_MODDIR=${MEMDISK_SYSROOT:-}$MD_MODDIR_SHOWN
}

# md_modname NAME: MD_MODNAME, NAME as the kernel names it ('-' is '_').
md_modname() {
	MD_MODNAME=
	_mn_rest=$1
	while [ -n "$_mn_rest" ]; do
		_mn_c=${_mn_rest%"${_mn_rest#?}"}
		_mn_rest=${_mn_rest#?}
		[ "$_mn_c" = - ] && _mn_c=_
		MD_MODNAME=$MD_MODNAME$_mn_c
	done
}

md_loaded() {
	md_modname "$1"
	[ -d "$SYS/module/$MD_MODNAME" ]
}

# md_modregex NAME: MD_MODRE, an extended regular expression for NAME in a
# file name ('-' and '_' match each other); MD_MODNAME as md_modname.
md_modregex() {
	md_modname "$1"
	MD_MODRE=
	_mr_rest=$MD_MODNAME
	while [ -n "$_mr_rest" ]; do
		_mr_c=${_mr_rest%"${_mr_rest#?}"}
		_mr_rest=${_mr_rest#?}
		case $_mr_c in
		_) _mr_c='[-_]' ;;
		[!a-zA-Z0-9]) _mr_c="\\$_mr_c" ;;
		esac
		MD_MODRE=$MD_MODRE$_mr_c
	done
}

# md_builtin NAME: NAME is built into the kernel (modules.builtin, or
# modules.builtin.modinfo, which mkinitcpio keeps).
md_builtin() {
	md_moddir
	md_modregex "$1"
	if [ -r "$MD_MODDIR/modules.builtin" ] &&
		LC_ALL=C grep -Eq "(^|/)$MD_MODRE\\.ko\$" "$MD_MODDIR/modules.builtin" 2>/dev/null; then
		return 0
	fi
	[ -r "$MD_MODDIR/modules.builtin.modinfo" ] &&
		tr '\000' '\n' <"$MD_MODDIR/modules.builtin.modinfo" 2>/dev/null | grep -q "^$MD_MODNAME\\.file="
}

# md_mod_files NAME: MD_MODFILES, the files (under MD_MODDIR) of NAME's
# dependencies in load order, then NAME's; MD_MODINDEX, the index that named
# them. 0 found; 1 the index does not list NAME; 2 no index (MD_MODINDEX
# ''); 4 no sed or tr to read one.
md_mod_files() {
	md_moddir
	md_modregex "$1"
	_mf_re="(^|/)$MD_MODRE\\.ko[^:/]*:"
	MD_MODFILES=
	MD_MODINDEX=
	_mf_line=
	# Reading an index takes sed (and tr for the binary one): without them
	# nothing can be said about the module (klibc-only images have kmod).
	if ! md_have sed || ! md_have tr; then
		return 4
	fi
	if [ -r "$MD_MODDIR/modules.dep" ]; then
		MD_MODINDEX=modules.dep
		_mf_line=$(LC_ALL=C sed -n -E "\\#$_mf_re#{p;q;}" "$MD_MODDIR/modules.dep" 2>/dev/null)
	elif [ -r "$MD_MODDIR/modules.dep.bin" ]; then
		# kmod's index: each value is "path: dependencies", NUL-terminated,
		# after a 4-byte priority whose low byte may be printable.
		MD_MODINDEX=modules.dep.bin
		_mf_line=$(tr '\000' '\n' <"$MD_MODDIR/modules.dep.bin" 2>/dev/null |
			LC_ALL=C sed -n -E "\\#$_mf_re#{p;q;}" 2>/dev/null)
	else
		return 2
	fi
	[ -n "$_mf_line" ] || return 1
	# Drop the priority bytes in front of the path until the path exists.
	_mf_i=0
	while :; do
		_mf_main=${_mf_line%%:*}
		[ -n "$_mf_main" ] && [ -f "$MD_MODDIR/$_mf_main" ] && break
		_mf_i=$((_mf_i + 1))
		[ "$_mf_i" -le 4 ] || return 1
		_mf_line=${_mf_line#?}
	done
	# Dependencies are listed so that the last one is loaded first.
	set -f
	for _mf_d in ${_mf_line#*:}; do
		MD_MODFILES="$_mf_d $MD_MODFILES"
	done
	set +f
	MD_MODFILES="$MD_MODFILES$_mf_main"
}

# md_mod_absent NAME: 0 only when NAME is not loaded, not built in, and this
# kernel's module index does not list it (Fedora's and RHEL's kernels have no
# phram: memdisk-attach copies the image instead, backend-copy.sh). When it
# cannot tell (no module tree, no index), 1: the module is tried and a
# failure says what is missing.
md_mod_absent() {
	md_loaded "$1" && return 1
	md_moddir
	[ -d "$MD_MODDIR" ] || return 1
	md_builtin "$1" && return 1
	md_mod_files "$1"
	[ $? -eq 1 ]
}

# md_insmod NAME [PARAMS]: NAME's dependencies, then NAME, with insmod.
md_insmod() {
	_mi_name=$1
	shift
	md_mod_files "$_mi_name"
	case $? in
	0) ;;
	4)
		MD_MODPROBE_OUT="no modprobe that can read $MD_MODDIR_SHOWN, and no sed and tr to look it up for insmod"
		return 1
		;;
	1)
		if md_builtin "$_mi_name"; then
			MD_MODVIA=builtin
			return 0
		fi
		MD_ERR="$MD_MODDIR_SHOWN/$MD_MODINDEX does not list it"
		return 3
		;;
	*)
		if md_builtin "$_mi_name"; then
			MD_MODVIA=builtin
			return 0
		fi
		if [ ! -d "$MD_MODDIR" ]; then
			MD_ERR="there is no $MD_MODDIR_SHOWN in this initramfs"
			return 3
		fi
		MD_MODPROBE_OUT="$MD_MODDIR_SHOWN has neither modules.dep nor modules.dep.bin to find it by (run depmod when building the initramfs)"
		return 1
		;;
	esac
	if ! md_have "${MD_BIN}insmod"; then
		MD_MODPROBE_OUT="there is no modprobe that can read $MD_MODINDEX and no insmod in this initramfs"
		return 1
	fi
	MD_MODVIA=insmod
	set -f
	for _mi_f in $MD_MODFILES; do
		_mi_n=${_mi_f##*/}
		md_loaded "${_mi_n%%.ko*}" && continue
		if [ "$_mi_f" = "${MD_MODFILES##* }" ]; then
			md_debug "insmod $MD_MODDIR_SHOWN/$_mi_f${*:+ $*}"
			_mi_why=
			_mi_out=$("${MD_BIN}insmod" "$MD_MODDIR/$_mi_f" "$@" 2>&1) && continue
		else
			md_debug "insmod $MD_MODDIR_SHOWN/$_mi_f (needed by $_mi_name)"
			_mi_why=" (needed by $_mi_name)"
			_mi_out=$("${MD_BIN}insmod" "$MD_MODDIR/$_mi_f" 2>&1) && continue
		fi
		set +f
		MD_MODPROBE_OUT="insmod $MD_MODDIR_SHOWN/$_mi_f$_mi_why: ${_mi_out%%"$NL"*}"
		return 1
	done
	set +f
	return 0
}

md_modprobe() {
	MD_MODPROBE_OUT=
	MD_MODVIA=
	MD_ERR=
	md_moddir
	md_kmod_find
	_mp_tool=
	_mp_via=
	if [ -n "$MD_KMOD" ]; then
		_mp_tool=$MD_KMOD
		_mp_via=kmod
	elif md_have "${MD_BIN}modprobe"; then
		if [ -r "$MD_MODDIR/modules.dep" ]; then
			_mp_tool=${MD_BIN}modprobe
			_mp_via=modprobe
		else
			md_debug "no kmod and no $MD_MODDIR_SHOWN/modules.dep for the shell's modprobe: insmod"
		fi
	fi
	if [ -n "$_mp_tool" ]; then
		md_debug "$_mp_tool $*"
		MD_MODVIA=$_mp_via
		_mp_out=$("$_mp_tool" "$@" 2>&1) && return 0
		MD_MODPROBE_OUT=${_mp_out%%"$NL"*}
		case $_mp_out in
		*[Nn]ot\ found* | *"can't open"* | *[Nn]o\ such\ file*) ;;
		*) return 1 ;;
		esac
		md_debug "$MD_MODPROBE_OUT; looking $1 up in $MD_MODDIR_SHOWN"
	fi
	# No modprobe that can work here, or it did not find the module: look
	# it up ourselves (a file that is there is loaded; one that is not is
	# missing, and that is said with the loader's own words).
	_mp_said=$MD_MODPROBE_OUT
	md_insmod "$@"
	_mp_rc=$?
	if [ "$_mp_rc" = 3 ] && [ "$_mp_via" = kmod ]; then
		MD_ERR=$_mp_said
	fi
	return "$_mp_rc"
}

md_modunload() {
	md_loaded "$1" || return 0
	md_kmod_find
	if [ -n "$MD_KMOD" ]; then
		md_debug "$MD_KMOD -r $1"
		"$MD_KMOD" -r "$1" >/dev/null 2>&1
	elif md_have "${MD_BIN}rmmod"; then
		md_debug "rmmod $1"
		"${MD_BIN}rmmod" "$1" >/dev/null 2>&1
	else
		md_debug "modprobe -r $1"
		"${MD_BIN}modprobe" -r "$1" >/dev/null 2>&1
	fi
	! md_loaded "$1"
}
