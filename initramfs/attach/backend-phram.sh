# shellcheck shell=sh disable=SC2034 # MD_* variables are shared with the other parts
# backend-phram.sh: attach a RAM range with phram + mtdblock(_ro) (sourced by
# memdisk-attach).
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The backend interface (every backend-NAME.sh has these four):
#   md_phram_reuse    0 when the image is attached already (MTD "memdisk",
#                     by another hook or an earlier run): sets MD_DEV
#   md_phram_attach   attach MD_START/MD_LEN (honours MD_RW and
#                     rd.memdisk.erasesize=); fails with one line after
#                     undoing what it did
#   md_phram_wait     wait (bounded by MD_TIMEOUT_CS) for the block device;
#                     fails with one line saying what stays attached
#   md_phram_undo     undo what attach did; MD_UNDONE says what happened
# All of them set MD_DEV (/dev/mtdblockN as the system names it) and
# MD_DEVNODE (the same under the test sysroot) once the MTD device is known.
#
# Also used by phram-partitions.sh (one device per partition):
# md_phram_set, md_kernel_reason, md_block, md_block_ready, MD_N, MD_MTD.

MD_LOADED_PHRAM=0
MD_VIA=

# MD_DEV and MD_DEVNODE for mtdblock$MD_N.
md_phram_devnames() {
	MD_DEV=/dev/mtdblock$MD_N
	MD_DEVNODE=$DEV/mtdblock$MD_N
}

# Set MD_MTD (mtdN) to the MTD device named "memdisk" of type ram.
md_find_mtd() {
	for _d in "$SYS"/class/mtd/mtd*; do
		case ${_d##*/} in mtd*ro) continue ;; esac
		[ -r "$_d/name" ] || continue
		read -r _name <"$_d/name" || continue
		[ "$_name" = memdisk ] || continue
		_type=
		[ -r "$_d/type" ] && read -r _type <"$_d/type"
		[ "$_type" = ram ] || continue
		MD_MTD=${_d##*/}
		return 0
	done
	return 1
}

# The node exists. Without devtmpfs on /dev nobody makes it, so make it from
# sysfs as soon as the kernel has the disk.
MD_DEVTMPFS=
md_block_ready() {
	[ -e "$DEV/mtdblock$MD_N" ] && return 0
	if [ -z "$MD_DEVTMPFS" ]; then
		MD_DEVTMPFS=1
		if [ -r "$PROC/mounts" ]; then
			MD_DEVTMPFS=0
			while read -r _src _dir _type _; do
				[ "$_dir" = /dev ] && [ "$_type" = devtmpfs ] && MD_DEVTMPFS=1
			done <"$PROC/mounts"
		fi
	fi
	[ "$MD_DEVTMPFS" = 0 ] && [ -r "$SYS/block/mtdblock$MD_N/dev" ] || return 1
	read -r _mm <"$SYS/block/mtdblock$MD_N/dev" || return 1
	md_debug "no devtmpfs: making /dev/mtdblock$MD_N ($_mm)"
	"${MD_BIN}mknod" "$DEV/mtdblock$MD_N" b "${_mm%:*}" "${_mm#*:}" 2>/dev/null
	[ -e "$DEV/mtdblock$MD_N" ]
}

# phram's reason for refusing a range, from the kernel log. Each attempt
# starts with "Setting dangerous option phram"; after it, phram's own line
# ("phram: ioremap failed") says more than the generic one the module loader
# adds ("phram: `...' invalid for parameter `phram'"), so prefer it.
md_kernel_reason() {
	MD_REASON=
	md_have "${MD_BIN}dmesg" || return 0
	MD_REASON=$("${MD_BIN}dmesg" 2>/dev/null | {
		_own='' _generic=''
		while IFS= read -r _l; do
			case $_l in
			*"dangerous option phram"*) _own='' _generic='' ;;
			*phram:\ *" device: "*) ;;
			*phram:\ *"invalid for parameter"*) _generic="phram: ${_l#*phram: }" ;;
			*phram:\ *) _own="phram: ${_l#*phram: }" ;;
			esac
		done
		printf '%s' "${_own:-$_generic}"
	})
}

# After phram was given a range, is the device there? The kernel registers it
# before modprobe returns or the parameter write completes; only a write to
# the parameter gets a short grace period (MEMDISK_SETTLE).
md_registered() {
	if [ "$MD_VIA" = sysfs ]; then
		md_wait "$MD_SETTLE_CS" md_find_mtd
	else
		md_find_mtd
	fi
}

# Give phram one range: the sysfs parameter when phram is loaded (or built
# in), modprobe otherwise. Returns 3 if the phram module is missing.
md_phram_set() {
	_param=$SYS/module/phram/parameters/phram
	if [ -d "$SYS/module/phram" ]; then
		if [ ! -e "$_param" ]; then
			MD_ERR="phram is loaded (or built in) but $_param does not exist (kernel before 5.4?); boot with phram.phram=$1"
			return 2
		fi
		MD_VIA=sysfs
		md_debug "writing $1 to $_param"
		# The write may fail (EINVAL) or claim success: sysfs decides.
		{ printf '%s\n' "$1" >"$_param"; } 2>/dev/null || md_debug "the write failed"
		return 0
	fi
	if ! md_have "${MD_BIN}modprobe"; then
		MD_ERR="phram is not loaded and there is no modprobe"
		return 2
	fi
	md_debug "modprobe phram phram=$1"
	MD_VIA=modprobe
	MD_MODPROBE_OUT=$("${MD_BIN}modprobe" phram "phram=$1" 2>&1)
	_rc=$?
	[ -d "$SYS/module/phram" ] && MD_LOADED_PHRAM=1
	if [ "$_rc" -ne 0 ] && [ "$MD_LOADED_PHRAM" = 0 ]; then
		case $MD_MODPROBE_OUT in
		*[Nn]ot\ found* | *[Nn]o\ such\ file*)
			MD_ERR="kernel module phram is missing; add phram and mtdblock_ro (or mtdblock) to the initramfs (${MD_MODPROBE_OUT%%"$NL"*})"
			return 3
			;;
		esac
	fi
	return 0
}

# Undo what can be undone: phram can only drop all its devices at once, so
# only unload it if we loaded it.
md_phram_undo() {
	if [ "$MD_LOADED_PHRAM" = 1 ] && [ -d "$SYS/module/phram" ]; then
		md_debug "modprobe -r phram"
		if "${MD_BIN}modprobe" -r phram >/dev/null 2>&1 && [ ! -d "$SYS/module/phram" ]; then
			MD_UNDONE="phram unloaded again"
			return 0
		fi
		MD_UNDONE="could not unload phram"
		return 1
	fi
	MD_UNDONE=
	return 1
}

# Give phram the range (4 fields, or 3 on kernels before 5.11); sets MD_MTD.
md_phram_register() {
	MD_V4=memdisk,$(printf '0x%x,0x%x' "$MD_START" "$MD_LEN"),$MD_ES
	MD_V3=memdisk,$(printf '0x%x,0x%x' "$MD_START" "$MD_LEN")
	md_phram_set "$MD_V4"
	case $? in 0) ;; *) md_fail "$MD_ERR" ;; esac
	md_registered && return 0
	md_kernel_reason
	_first=$MD_REASON
	_tried=$MD_V4
	# Kernels before 5.11 take no erasesize ("too many arguments"): retry with
	# three fields. Not otherwise: on newer kernels three fields only fail
	# more (len must then be a multiple of PAGE_SIZE).
	case $_first in
	*"too many"* | '')
		md_debug "phram refused 4 fields (${_first:-no reason in the kernel log}); retrying with $MD_V3"
		if [ -d "$SYS/module/phram" ] && [ ! -e "$SYS/module/phram/parameters/phram" ] &&
			[ "$MD_LOADED_PHRAM" = 1 ]; then
			# No writable parameter (before 5.4): load the module again.
			"${MD_BIN}modprobe" -r phram >/dev/null 2>&1
			MD_LOADED_PHRAM=0
		fi
		md_phram_set "$MD_V3"
		case $? in 0) ;; *) md_fail "$MD_ERR" ;; esac
		md_registered && return 0
		md_kernel_reason
		_tried="$MD_V4 and $MD_V3"
		;;
	esac
	_why=${MD_REASON:-$_first}
	[ -n "$_why" ] || _why=${MD_MODPROBE_OUT:-no reason in the kernel log}
	_why=${_why%%"$NL"*}
	case $_why in
	*ioremap*)
		case $("${MD_BIN}uname" -m 2>/dev/null) in
		i?86)
			_vused_mib=0
			md_vmalloc_hint
			_why="$_why (32-bit kernel: try vmalloc=${MD_VMALLOC}M)"
			;;
		esac
		;;
	esac
	md_phram_undo
	md_fail "phram rejected $_tried: $_why${MD_UNDONE:+; $MD_UNDONE}"
}

# Load the block layer for mtd$MD_N unless its node exists already.
md_block() {
	md_block_ready && return 0
	if [ -d "$SYS/module/mtdblock_ro" ] || [ -d "$SYS/module/mtdblock" ]; then
		# Already loaded by someone else: it creates the node itself. They share
		# a major, so the other one cannot be loaded beside it.
		if [ "$MD_RW" = 1 ] && [ -d "$SYS/module/mtdblock_ro" ]; then
			md_warn "read-write asked for, but mtdblock_ro is loaded: the device is read-only"
		fi
		MD_BLOCKMOD=loaded
		return 0
	fi
	if [ "$MD_RW" = 1 ]; then _mods=mtdblock; else _mods="mtdblock_ro mtdblock"; fi
	_out=
	for _m in $_mods; do
		md_debug "modprobe $_m"
		if _out=$("${MD_BIN}modprobe" "$_m" 2>&1); then
			MD_BLOCKMOD=$_m
			return 0
		fi
	done
	md_phram_undo
	[ "$MD_RW" = 1 ] || _mods="mtdblock_ro or mtdblock"
	md_fail "cannot load $_mods: ${_out%%"$NL"*}${MD_UNDONE:+; $MD_UNDONE}"
}

# The largest power of 2 up to 4096 that divides the length (as memdiskfind).
md_default_es() {
	MD_ES=4096
	while [ "$MD_ES" -gt 1 ] && [ $((MD_LEN % MD_ES)) -ne 0 ]; do
		MD_ES=$((MD_ES / 2))
	done
}

# 0 when phram can be used: loaded or built in (/sys/module/phram), or a
# module of the running kernel; 1 only when that kernel's module directory
# is there and has no phram at all (Fedora, RHEL): then memdisk-attach
# copies the image instead (backend-copy.sh). When it cannot tell, phram is
# tried (and says what is missing).
md_phram_available() {
	[ -d "$SYS/module/phram" ] && return 0
	_kv=$("${MD_BIN}uname" -r 2>/dev/null)
	_md=$MODS/$_kv
	[ -n "$_kv" ] && [ -d "$_md" ] || return 0
	# Where the file is in every layout seen (mkinitcpio puts all modules
	# in kernel/), then the index (modules.dep and modules.builtin).
	for _f in "$_md"/kernel/drivers/mtd/devices/phram.ko* "$_md"/kernel/phram.ko* \
		"$_md"/updates/phram.ko* "$_md"/extra/phram.ko*; do
		[ -e "$_f" ] && return 0
	done
	for _f in "$_md/modules.dep" "$_md/modules.builtin"; do
		[ -r "$_f" ] || continue
		while IFS= read -r _l; do
			case $_l in */phram.ko* | phram.ko*) return 0 ;; esac
		done <"$_f"
	done
	[ -r "$_md/modules.dep" ] || [ -r "$_md/modules.dep.bin" ] || return 0
	return 1
}

# ---- the backend interface ----------------------------------------------------
md_phram_reuse() {
	md_find_mtd || return 1
	md_debug "reusing $MD_MTD (already named memdisk)"
	MD_N=${MD_MTD#mtd}
	md_phram_devnames
}

md_phram_attach() {
	if [ -n "$MEMDISK_OPT_ERASESIZE" ]; then
		MD_ES=$MEMDISK_OPT_ERASESIZE
	elif [ -z "$MD_ES" ]; then
		md_default_es
	fi
	if [ $((MD_LEN % MD_ES)) -ne 0 ]; then
		md_fail "erasesize $MD_ES does not divide the image length $(printf '0x%x' "$MD_LEN")"
	fi
	md_debug "image at $(printf '0x%x' "$MD_START"), $(printf '0x%x' "$MD_LEN") bytes, erasesize $MD_ES"
	md_check_vmalloc
	md_phram_register
	MD_N=${MD_MTD#mtd}
	md_phram_devnames
	md_debug "MTD device $MD_MTD"
}

md_phram_wait() {
	md_block
	md_wait "$MD_TIMEOUT_CS" md_block_ready && return 0
	if [ "$MD_REUSED" = 1 ]; then
		_state="$MD_MTD was attached before us and is left as it is"
	elif md_phram_undo; then
		_state="$MD_UNDONE"
	elif [ -n "$MD_UNDONE" ]; then
		_state="$MD_MTD stays registered: $MD_UNDONE"
	else
		_state="$MD_MTD stays registered (phram cannot remove a single device)"
	fi
	md_fail "$MD_DEV did not appear within $MD_TIMEOUT s (MTD device $MD_MTD 'memdisk' is registered, block driver ${MD_BLOCKMOD:-built in}); $_state"
}
