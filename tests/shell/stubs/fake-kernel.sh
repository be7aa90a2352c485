# shellcheck shell=sh disable=SC2034 # MODDIR, FK_ERR: read by the stubs that source this
# A fake kernel for memdisk-attach's tests: phram, mtdblock and their sysfs
# files, acted out in a directory tree ($FAKE/root). Sourced by the stub
# commands; behaviour is chosen by FAKE_* variables (see tests/shell/lib.sh).
SYS=$FAKE/root/sys
DEV=$FAKE/root/dev

fk_log() {
	printf '[    1.000000] %s\n' "$*" >>"$FAKE/kmsg"
}

fk_call() {
	printf '%s\n' "$*" >>"$FAKE/calls"
}

fk_block_loaded() {
	[ -d "$SYS/module/mtdblock_ro" ] || [ -d "$SYS/module/mtdblock" ]
}

# Give mtdN its block device (sysfs entry and, with devtmpfs, the node).
fk_block() {
	[ "${FAKE_NOBLOCK:-0}" = 1 ] && return 0
	mkdir -p "$SYS/block/mtdblock$1"
	echo "31:$1" >"$SYS/block/mtdblock$1/dev"
	[ "${FAKE_NODEVTMPFS:-0}" = 1 ] || : >"$DEV/mtdblock$1"
}

# Setting the parameter, as the kernel logs it: the taint line, phram's own
# complaint and the module loader's generic one when phram refuses.
fk_phram_set() {
	fk_log "Setting dangerous option phram - tainting kernel"
	fk_phram_setup "$1" && return 0
	fk_log "phram: \`$1' invalid for parameter \`phram'"
	return 1
}

# What phram_setup does with one parameter value.
fk_phram_setup() {
	fk_val=$1
	old_ifs=$IFS
	IFS=,
	# shellcheck disable=SC2086
	set -- $fk_val
	IFS=$old_ifs
	if [ $# -gt 3 ] && [ "${FAKE_PHRAM:-new}" = old ]; then
		fk_log "phram: too many arguments"
		return 1
	fi
	if [ $# -lt 3 ]; then
		fk_log "phram: not enough arguments"
		return 1
	fi
	if [ -n "${FAKE_PHRAM_PARSEFAIL:-}" ]; then
		fk_log "phram: $FAKE_PHRAM_PARSEFAIL"
		return 1
	fi
	fk_es=${4:-4096}
	if [ "${FAKE_PHRAM:-new}" = new ] && [ $(($3 % fk_es)) -ne 0 ]; then
		fk_log "phram: len is not multiple of erasesize"
		return 1
	fi
	fk_n=0
	while [ -e "$SYS/class/mtd/mtd$fk_n" ]; do fk_n=$((fk_n + 1)); done
	fk_d=$SYS/class/mtd/mtd$fk_n
	mkdir -p "$fk_d" "$SYS/class/mtd/mtd${fk_n}ro"
	echo "$1" >"$fk_d/name"
	echo ram >"$fk_d/type"
	echo $(($3)) >"$fk_d/size"
	echo "$fk_es" >"$fk_d/erasesize"
	: >"$fk_d/.phram"
	fk_log "phram: $1 device: $3 at $2 for erasesize $fk_es"
	if fk_block_loaded; then fk_block "$fk_n"; fi
	return 0
}

# Load phram: the module directory, and the writable parameter (a FIFO read
# by a background "kernel") unless FAKE_PHRAM_SYSFS=0 (kernels before 5.4).
fk_phram_load() {
	mkdir -p "$SYS/module/phram"
	[ "${FAKE_PHRAM_SYSFS:-1}" = 1 ] || return 0
	mkdir -p "$SYS/module/phram/parameters"
	fk_p=$SYS/module/phram/parameters/phram
	mkfifo "$fk_p"
	(
		while :; do
			fk_line=
			read -r fk_line <"$fk_p" || [ -n "$fk_line" ] || continue
			fk_phram_set "$fk_line" || :
		done
	) </dev/null >/dev/null 2>&1 &
	echo $! >"$FAKE/phram.pid"
	echo $! >>"$FAKE/pids"
}

fk_phram_unload() {
	if [ -f "$FAKE/phram.pid" ]; then
		kill "$(cat "$FAKE/phram.pid")" 2>/dev/null
		rm -f "$FAKE/phram.pid"
	fi
	for fk_d in "$SYS"/class/mtd/mtd*; do
		[ -e "$fk_d/.phram" ] || continue
		fk_n=${fk_d##*/mtd}
		rm -rf "$fk_d" "${fk_d}ro" "$SYS/block/mtdblock$fk_n" "$DEV/mtdblock$fk_n"
	done
	rm -rf "$SYS/module/phram"
}

# ---- modules ----------------------------------------------------------------
# The fake kernel's module tree (tests/shell/lib.sh fake_modtree lays it out).
MODDIR=$FAKE/root/lib/modules/6.1.0-fake

# fk_deps NAME: the modules NAME needs, the last one to load first (as
# modules.dep lists them).
fk_deps() {
	case $1 in
	phram) echo mtd ;;
	mtdblock | mtdblock_ro) echo "mtd_blkdevs mtd" ;;
	mtd_blkdevs) echo mtd ;;
	isofs) echo cdrom ;;
	*) echo ;;
	esac
}

# fk_load NAME [PARAMS]: what the kernel does when NAME (whose dependencies
# are loaded) is inserted. 0 loaded; else FK_ERR is the errno text.
fk_load() {
	fk_mod=$1
	shift
	FK_ERR=
	case " ${FAKE_MODULES_BAD:-} " in
	*" $fk_mod "*)
		FK_ERR="Exec format error"
		return 1
		;;
	esac
	[ -d "$SYS/module/$fk_mod" ] && return 0
	case $fk_mod in
	phram)
		if [ -n "${FAKE_PHRAM_FAIL:-}" ]; then
			fk_log "Setting dangerous option phram - tainting kernel"
			fk_log "phram: $FAKE_PHRAM_FAIL"
			fk_log "phram: \`${1#phram=}' invalid for parameter \`phram'"
			FK_ERR="Input/output error"
			return 1
		fi
		fk_phram_load
		for fk_arg in "$@"; do
			case $fk_arg in phram=*) fk_phram_set "${fk_arg#phram=}" || : ;; esac
		done
		;;
	mtdblock | mtdblock_ro)
		if fk_block_loaded; then
			FK_ERR="Device or resource busy"
			return 1
		fi
		mkdir -p "$SYS/module/$fk_mod"
		for fk_d in "$SYS"/class/mtd/mtd*; do
			[ -e "$fk_d/name" ] || continue
			fk_block "${fk_d##*/mtd}"
		done
		;;
	nfit) fk_nfit_load ;;
	nd_pmem) fk_pmem_load ;;
	*) mkdir -p "$SYS/module/$fk_mod" ;;
	esac
	return 0
}

fk_unload() {
	case $1 in
	phram) fk_phram_unload ;;
	nd_pmem) fk_pmem_unload ;;
	nfit) fk_nfit_unload ;;
	*) rm -rf "$SYS/module/$1" ;;
	esac
}

# ---- nfit, libnvdimm, nd_pmem (UEFI: the firmware's NFIT RAM disk) ----------
# FAKE_ND_RANGES: "START:SIZE ..." the SPA ranges the kernel's nfit driver
# makes regions of (with one raw namespace each), as the kernel prints them
# (0x%llx, decimal); FAKE_ND_NOBUS=1: nfit loads but registers no bus;
# FAKE_ND_RO_BROKEN=1: a region's read_only cannot be set.
# Real sysfs has links in /sys/bus/nd/devices; plain directories do here.
# /sys/block/pmemN/ro is a link to the region's read_only: the kernel passes
# the region's state on to its disks.
fk_nfit_load() {
	mkdir -p "$SYS/module/nfit" "$SYS/module/libnvdimm" "$SYS/bus/acpi/drivers"
	[ "${FAKE_ND_NOBUS:-0}" = 1 ] && return 0
	fk_nd=$SYS/bus/nd/devices
	mkdir -p "$fk_nd/ndbus0"
	echo 1 >"$fk_nd/ndbus0/wait_probe"
	fk_i=0
	for fk_r in ${FAKE_ND_RANGES:-}; do
		mkdir -p "$fk_nd/region$fk_i" "$fk_nd/namespace$fk_i.0"
		echo "${fk_r%%:*}" >"$fk_nd/region$fk_i/resource"
		echo "${fk_r#*:}" >"$fk_nd/region$fk_i/size"
		if [ "${FAKE_ND_RO_BROKEN:-0}" = 1 ]; then
			ln -s /dev/null "$fk_nd/region$fk_i/read_only"
		else
			echo 0 >"$fk_nd/region$fk_i/read_only"
		fi
		echo "${fk_r%%:*}" >"$fk_nd/namespace$fk_i.0/resource"
		echo "${fk_r#*:}" >"$fk_nd/namespace$fk_i.0/size"
		fk_i=$((fk_i + 1))
	done
	fk_log "nfit ACPI0012:00: $fk_i regions"
}

# nd_pmem claims every namespace: namespaceN.0/block/pmemN, /sys/block/pmemN.
fk_pmem_load() {
	mkdir -p "$SYS/module/nd_pmem" "$SYS/module/nd_btt"
	[ "${FAKE_NOBLOCK:-0}" = 1 ] && return 0
	for fk_ns in "$SYS"/bus/nd/devices/namespace*; do
		[ -d "$fk_ns" ] || continue
		fk_n=${fk_ns##*/namespace}
		fk_n=${fk_n%%.*}
		mkdir -p "$fk_ns/block/pmem$fk_n" "$SYS/block/pmem$fk_n"
		echo "259:$fk_n" >"$SYS/block/pmem$fk_n/dev"
		ln -s "$SYS/bus/nd/devices/region$fk_n/read_only" "$SYS/block/pmem$fk_n/ro"
		[ "${FAKE_NODEVTMPFS:-0}" = 1 ] || : >"$DEV/pmem$fk_n"
	done
}

fk_pmem_unload() {
	for fk_ns in "$SYS"/bus/nd/devices/namespace*; do
		[ -d "$fk_ns" ] || continue
		fk_n=${fk_ns##*/namespace}
		fk_n=${fk_n%%.*}
		rm -rf "$fk_ns/block" "$SYS/block/pmem$fk_n" "$DEV/pmem$fk_n"
	done
	rm -rf "$SYS/module/nd_pmem" "$SYS/module/nd_btt"
}

fk_nfit_unload() {
	fk_pmem_unload
	rm -rf "$SYS/bus/nd" "$SYS/module/nfit" "$SYS/module/libnvdimm"
}
