# shellcheck shell=sh disable=SC2034 # MD_* variables are shared with the other parts
# backend-pmem.sh: attach a firmware RAM disk (ACPI NFIT) through the kernel's
# own drivers, nfit + nd_pmem, as /dev/pmemN (sourced by memdisk-attach).
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The backend interface (as backend-phram.sh):
#   md_pmem_reuse    0 when the RAM disk has its /dev/pmemN already (udev
#                    loads nfit and nd_pmem by modalias as soon as they are
#                    in the image): sets MD_DEV, and makes it read-only
#   md_pmem_attach   load nfit, find the region whose resource is MD_START,
#                    make it read-only (unless MD_RW), load nd_pmem, find
#                    the namespace's block device. Returns 3 (after undoing
#                    what it did, MD_ERR says why) when this path is not
#                    available and nothing maps the range, so that the caller
#                    may use phram instead: nfit or nd_pmem cannot be loaded,
#                    or no region of the nfit driver is the RAM disk (a
#                    platform _FIT that leaves it out). Any other failure is
#                    md_fail.
#   md_pmem_wait     wait (bounded by MD_TIMEOUT_CS) for the device node;
#                    check it is read-only unless MD_RW
#   md_pmem_undo     unload what attach loaded; MD_UNDONE says what happened
# All set MD_DEV (/dev/pmemN) and MD_DEVNODE (the same under the test
# sysroot); MD_PMEM_REGION and MD_PMEM_NS name the nd devices.
#
# Why the kernel's driver: it maps the RAM disk write-back (cached), where
# phram's ioremap() is uncached, and needs no /dev/mem (lockdown, Secure
# Boot). A "disk" RAM disk (.img) is partitioned by the kernel itself
# (pmemNpM). phram and nd_pmem must never map the same range (phram's
# ioremap fails once nd_pmem has it, and two writers would be worse): the
# fallback happens only when no nd_pmem device covers the range.

MD_PMEM_LOADED=
MD_PMEM_REGION=
MD_PMEM_NS=
MD_PMEM_BLK=

# md_pmem_num FILE: MD_VAL, the number in a sysfs file (hex or decimal).
md_pmem_num() {
	MD_VAL=
	[ -r "$1" ] || return 1
	read -r _v <"$1" 2>/dev/null || return 1
	memdisk_parse_number "$_v" || return 1
	MD_VAL=$MEMDISK_NUM
}

# md_pmem_has MODULE DRIVERDIR: loaded as a module, or built in (its driver
# is registered).
md_pmem_has() {
	[ -d "$SYS/module/$1" ] || [ -d "$2" ]
}

# md_pmem_load MODULE DRIVERDIR: modprobe unless present; MD_ERR on failure.
md_pmem_load() {
	md_pmem_has "$1" "$2" && return 0
	if ! md_have "${MD_BIN}modprobe"; then
		MD_ERR="$1 is not loaded and there is no modprobe"
		return 1
	fi
	md_debug "modprobe $1"
	if ! _out=$("${MD_BIN}modprobe" "$1" 2>&1); then
		MD_ERR="cannot load $1: ${_out%%"$NL"*}"
		return 1
	fi
	MD_PMEM_LOADED="$1 $MD_PMEM_LOADED"
	return 0
}

# An NVDIMM bus exists (nfit registers it when the ACPI0012 device is bound).
md_pmem_bus() {
	for _b in "$SYS"/bus/nd/devices/ndbus*; do
		[ -d "$_b" ] && return 0
	done
	return 1
}

# Regions and namespaces are registered asynchronously: reading a bus's
# wait_probe waits until they all are (libnvdimm).
md_pmem_settle() {
	for _b in "$SYS"/bus/nd/devices/ndbus*; do
		[ -r "$_b/wait_probe" ] && read -r _ <"$_b/wait_probe" 2>/dev/null
	done
	return 0
}

# MD_PMEM_REGION: the region whose resource is MD_START. Returns 1 if none,
# 2 if another region overlaps the range (MD_ERR): then phram must not map
# it either.
md_pmem_region() {
	MD_PMEM_REGION=
	_end=$((MD_START + MD_LEN))
	for _r in "$SYS"/bus/nd/devices/region*; do
		md_pmem_num "$_r/resource" || continue
		_rs=$MD_VAL
		if [ "$_rs" = "$MD_START" ]; then
			MD_PMEM_REGION=${_r##*/}
			return 0
		fi
		md_pmem_num "$_r/size" || continue
		if [ "$_rs" -lt "$_end" ] && [ $((_rs + MD_VAL)) -gt "$MD_START" ]; then
			MD_ERR="${_r##*/} ($(printf '0x%x' "$_rs"), $MD_VAL bytes) overlaps the RAM disk but does not start with it"
			return 2
		fi
	done
	return 1
}

# MD_PMEM_NS and MD_PMEM_BLK: the namespace at MD_START and its block device
# (raw mode: namespaceX.Y/block/pmemN).
md_pmem_block() {
	for _n in "$SYS"/bus/nd/devices/namespace*; do
		md_pmem_num "$_n/resource" || continue
		[ "$MD_VAL" = "$MD_START" ] || continue
		MD_PMEM_NS=${_n##*/}
		for _d in "$_n"/block/pmem*; do
			[ -d "$_d" ] || continue
			MD_PMEM_BLK=${_d##*/}
			MD_DEV=/dev/$MD_PMEM_BLK
			MD_DEVNODE=$DEV/$MD_PMEM_BLK
			return 0
		done
	done
	return 1
}

# The node exists; without devtmpfs nobody makes it: make it from sysfs.
md_pmem_node() {
	[ -e "$MD_DEVNODE" ] && return 0
	[ -r "$SYS/block/$MD_PMEM_BLK/dev" ] || return 1
	# devtmpfs makes it as soon as the disk exists: give it the wait.
	if [ -r "$PROC/mounts" ]; then
		while read -r _src _dir _type _; do
			[ "$_dir" = /dev ] && [ "$_type" = devtmpfs ] && return 1
		done <"$PROC/mounts"
	fi
	read -r _mm <"$SYS/block/$MD_PMEM_BLK/dev" || return 1
	md_debug "no devtmpfs: making $MD_DEV ($_mm)"
	"${MD_BIN}mknod" "$MD_DEVNODE" b "${_mm%:*}" "${_mm#*:}" 2>/dev/null
	[ -e "$MD_DEVNODE" ]
}

# Make the region read-only (the kernel passes it on to the disk and its
# partitions, also when nd_pmem has made them already). Skipped with MD_RW.
md_pmem_readonly() {
	[ "$MD_RW" = 1 ] && return 0
	_ro=$SYS/bus/nd/devices/$MD_PMEM_REGION/read_only
	md_pmem_num "$_ro" && [ "$MD_VAL" = 1 ] && return 0
	md_debug "echo 1 >$_ro"
	{ printf '1\n' >"$_ro"; } 2>/dev/null
	md_pmem_num "$_ro" && [ "$MD_VAL" = 1 ] && return 0
	MD_ERR="cannot make $MD_PMEM_REGION read-only ($_ro)"
	return 1
}

md_pmem_undo() {
	MD_UNDONE=
	[ -n "$MD_PMEM_LOADED" ] || return 1
	_left=
	for _m in $MD_PMEM_LOADED; do
		md_debug "modprobe -r $_m"
		if ! "${MD_BIN}modprobe" -r "$_m" >/dev/null 2>&1 || [ -d "$SYS/module/$_m" ]; then
			_left="$_left $_m"
		fi
	done
	MD_PMEM_LOADED=
	if [ -n "$_left" ]; then
		MD_UNDONE="could not unload$_left"
		return 1
	fi
	MD_UNDONE="nfit drivers unloaded again"
	return 0
}

# ---- the backend interface ----------------------------------------------------
md_pmem_reuse() {
	md_pmem_bus || return 1
	md_pmem_settle
	md_pmem_block || return 1
	md_pmem_region || return 1
	md_debug "reusing $MD_DEV ($MD_PMEM_NS, $MD_PMEM_REGION: made by nd_pmem already)"
	md_pmem_readonly || md_fail "$MD_ERR; $MD_DEV stays writable"
	return 0
}

md_pmem_attach() {
	md_debug "NFIT RAM disk at $(printf '0x%x' "$MD_START"), $MD_LEN bytes: nfit + nd_pmem"
	md_pmem_load nfit "$SYS/bus/acpi/drivers/nfit" || return 3
	if ! md_wait "$MD_TIMEOUT_CS" md_pmem_bus; then
		MD_ERR="nfit is loaded but made no NVDIMM bus within $MD_TIMEOUT s (no ACPI0012 device?)"
		md_pmem_undo
		return 3
	fi
	md_pmem_settle
	md_pmem_region
	case $? in
	0) ;;
	1)
		MD_ERR="no region of the kernel's nfit driver is the RAM disk (the platform's _FIT may leave it out)"
		md_pmem_undo
		return 3
		;;
	*)
		md_pmem_undo
		md_fail "$MD_ERR; not attaching it${MD_UNDONE:+ ($MD_UNDONE)}"
		;;
	esac
	# Before nd_pmem makes the disk: nothing can open it writable meanwhile.
	if ! md_pmem_readonly; then
		md_pmem_undo
		md_fail "$MD_ERR${MD_UNDONE:+; $MD_UNDONE}"
	fi
	md_pmem_load nd_pmem "$SYS/bus/nd/drivers/nd_pmem" || {
		_why=$MD_ERR
		md_pmem_undo
		MD_ERR=$_why
		return 3
	}
	md_pmem_settle
	md_wait "$MD_TIMEOUT_CS" md_pmem_block && return 0
	md_pmem_undo
	md_fail "nd_pmem made no block device for the RAM disk's namespace${MD_PMEM_NS:+ $MD_PMEM_NS} in $MD_PMEM_REGION within $MD_TIMEOUT s${MD_UNDONE:+; $MD_UNDONE}"
}

md_pmem_wait() {
	if ! md_wait "$MD_TIMEOUT_CS" md_pmem_node; then
		[ "$MD_REUSED" = 1 ] || md_pmem_undo
		md_fail "$MD_DEV did not appear within $MD_TIMEOUT s ($MD_PMEM_NS has block device $MD_PMEM_BLK)${MD_UNDONE:+; $MD_UNDONE}"
	fi
	[ "$MD_RW" = 1 ] && return 0
	md_pmem_num "$SYS/block/$MD_PMEM_BLK/ro" && [ "$MD_VAL" = 1 ] && return 0
	[ "$MD_REUSED" = 1 ] || md_pmem_undo
	md_fail "$MD_DEV is writable although $MD_PMEM_REGION is read-only${MD_UNDONE:+; $MD_UNDONE}"
}
