# shellcheck shell=sh
# Tests of memdisk-attach on a UEFI boot: the firmware's RAM disk in the ACPI
# NFIT (find-nfit.sh), attached through nfit + nd_pmem (backend-pmem.sh), or
# through phram when that path is not there. Against the fake kernel
# (tests/shell/stubs), under the shell being tested.
# shellcheck source=/dev/null
. "$TOP/tests/shell/lib.sh"

# The RAM disk of tests/fixtures/nfit/cd-odd: a Virtual CD of 5869 sectors
# of 2 KiB (not a whole number of pages) at 0x3d69c000.
START=0x3d69c000
SIZE=12019712
# As memdiskfind prints it (the empty command line quoted).
# shellcheck disable=SC2089
SHELL_CD="MEMDISK_START=$START
MEMDISK_SIZE=0xb76800
MEMDISK_SECTOR_SIZE=2048
MEMDISK_ERASESIZE=2048
MEMDISK_VERSION=
MEMDISK_CMDLINE=''
MEMDISK_SOURCE=nfit
MEMDISK_KIND=cd"
# phram over the same range: whole pages.
V4_PAGES=memdisk,0x3d69c000,0xb77000,4096
FIND='memdiskfind --source nfit --shell'

# A UEFI boot whose NFIT holds the RAM disk; the kernel's nfit driver makes a
# region of it (FAKE_ND_RANGES), nfit and nd_pmem can be loaded.
uefi_setup() {
	mkdir -p "$FAKE/root/sys/firmware/efi" "$FAKE/root/sys/firmware/acpi/tables"
	: >"$FAKE/root/sys/firmware/acpi/tables/NFIT"
	# shellcheck disable=SC2090
	export FAKE_NFIT_OUT="$SHELL_CD" FAKE_FIND_OUT='' FAKE_FIND_RC=1
	export FAKE_MODULES='nfit nd_pmem phram mtdblock_ro mtdblock isofs'
	export FAKE_ND_RANGES="$START:$SIZE"
}

region_ro() {
	cat "$FAKE/root/sys/bus/nd/devices/region$1/read_only" 2>/dev/null
}

t_nfit_cd() {
	uefi_setup
	run_attach
	check rc 0 "$RC"
	check stdout /dev/pmem0 "$OUT"
	check stderr '' "$ERR"
	expect_calls "$FIND" 'modprobe nfit' 'modprobe nd_pmem'
	check read-only 1 "$(region_ro 0)"
	check disk-ro 1 "$(cat "$FAKE/root/sys/block/pmem0/ro")"
	check no-phram '' "$(ls "$FAKE/root/sys/class/mtd")"
}

t_nfit_info() {
	uefi_setup
	# shellcheck disable=SC2089,SC2090 # blkid prints the quotes
	export FAKE_BLKID='LABEL="MDP_LIVE" UUID="2024-01-01-00-00-00-00" TYPE="iso9660"'
	run_attach --info
	check rc 0 "$RC"
	check stdout "MEMDISK_DEVICE='/dev/pmem0'
MEMDISK_MTD=''
MEMDISK_START='0x3d69c000'
MEMDISK_SIZE='0xb76800'
MEMDISK_FSTYPE='iso9660'
MEMDISK_LABEL='MDP_LIVE'
MEMDISK_UUID='2024-01-01-00-00-00-00'
MEMDISK_REUSED=0
MEMDISK_SOURCE='nfit'
MEMDISK_KIND='cd'
MEMDISK_BACKEND='pmem'" "$OUT"
}

t_nfit_disk() {
	uefi_setup
	# shellcheck disable=SC2090
	export FAKE_NFIT_OUT="MEMDISK_START=0x3d112000
MEMDISK_SIZE=0x1100200
MEMDISK_SOURCE=nfit
MEMDISK_KIND=disk" FAKE_ND_RANGES=0x3d112000:17826304
	run_attach --info
	check rc 0 "$RC"
	eval "$OUT"
	check info "/dev/pmem0|disk|pmem" "$MEMDISK_DEVICE|$MEMDISK_KIND|$MEMDISK_BACKEND"
	# The kernel partitions a pmem disk itself: no memdisk-probe, no phram
	# (commands, not paths: the tree may lie under a memdisk-phram directory).
	case "$NL$(cat "$FAKE/calls")" in
	*"${NL}memdisk-probe"* | *" phram"* | *"/phram."* | *"phram="*)
		check calls 'no memdisk-probe, no phram' "$(cat "$FAKE/calls")"
		;;
	esac
}

t_nfit_disk_mount() {
	# --mount on a partitioned disk image: one line naming the partitions.
	uefi_setup
	# shellcheck disable=SC2089,SC2090 # blkid prints the quotes
	export FAKE_NFIT_OUT="MEMDISK_START=0x3d112000
MEMDISK_SIZE=0x1100200
MEMDISK_SOURCE=nfit
MEMDISK_KIND=disk" FAKE_ND_RANGES=0x3d112000:17826304 FAKE_BLKID='PTTYPE="gpt"'
	fake_kernel
	fk_nfit_load
	fk_pmem_load
	mkdir -p "$FAKE/root/sys/block/pmem0/pmem0p1" "$FAKE/root/sys/block/pmem0/pmem0p2"
	run_attach --mount "$FAKE/mnt"
	check rc 2 "$RC"
	check stderr "memdisk: cannot mount /dev/pmem0 on $FAKE/mnt: it is a partitioned disk image; mount one of its partitions: /dev/pmem0p1 /dev/pmem0p2" "$ERR"
}

t_nfit_rw() {
	uefi_setup
	set_cmdline 'quiet rd.memdisk.rw'
	run_attach
	check rc 0 "$RC"
	check stdout /dev/pmem0 "$OUT"
	check read-only 0 "$(region_ro 0)"
}

t_nfit_reuse_udev() {
	# udev loaded nfit and nd_pmem by modalias before us: /dev/pmem0 exists,
	# writable. memdisk-attach loads nothing and makes it read-only.
	uefi_setup
	fake_kernel
	fk_nfit_load
	fk_pmem_load
	run_attach --info
	check rc 0 "$RC"
	eval "$OUT"
	check info "/dev/pmem0|1|pmem" "$MEMDISK_DEVICE|$MEMDISK_REUSED|$MEMDISK_BACKEND"
	expect_calls "$FIND" "blkid $FAKE/root/dev/pmem0"
	check read-only 1 "$(region_ro 0)"
}

t_nfit_again() {
	uefi_setup
	run_attach
	check rc 0 "$RC"
	: >"$FAKE/calls"
	run_attach
	check again-rc 0 "$RC"
	check again-stdout /dev/pmem0 "$OUT"
	expect_calls "$FIND"
}

t_nfit_nvdimm_beside() {
	# A real NVDIMM (region0) beside the RAM disk (region1): the RAM disk's
	# pmem1 is taken, the NVDIMM's pmem0 left alone (writable).
	uefi_setup
	export FAKE_ND_RANGES="0x100000000:134217728 $START:$SIZE"
	run_attach
	check rc 0 "$RC"
	check stdout /dev/pmem1 "$OUT"
	check nvdimm-ro 0 "$(region_ro 0)"
	check ramdisk-ro 1 "$(region_ro 1)"
}

t_nfit_fit_override() {
	# The platform's _FIT describes only the NVDIMM: no region is the RAM
	# disk. nfit, which we loaded, goes again; phram takes the RAM disk
	# (whole pages).
	uefi_setup
	export FAKE_ND_RANGES="0x100000000:134217728"
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	check stderr "memdisk: no region of the kernel's nfit driver is the RAM disk (the platform's _FIT may leave it out): attaching the RAM disk through phram instead" "$ERR"
	expect_calls "$FIND" 'modprobe nfit' 'modprobe -r nfit' "modprobe phram phram=$V4_PAGES" 'modprobe mtdblock_ro'
	check nfit-unloaded no "$(test -d "$FAKE/root/sys/module/nfit" && echo yes || echo no)"
}

t_nfit_fit_override_udev() {
	# The same with nfit and nd_pmem loaded by udev (the NVDIMM is pmem0):
	# nothing of theirs is unloaded or made read-only.
	uefi_setup
	export FAKE_ND_RANGES="0x100000000:134217728"
	fake_kernel
	fk_nfit_load
	fk_pmem_load
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	expect_calls "$FIND" "modprobe phram phram=$V4_PAGES" 'modprobe mtdblock_ro'
	check nvdimm-ro 0 "$(region_ro 0)"
	check_true "the NVDIMM's /dev/pmem0 stays" [ -e "$FAKE/root/dev/pmem0" ]
}

t_nfit_no_nd_pmem() {
	# nd_pmem cannot be loaded: nfit is unloaded again, phram takes the range.
	uefi_setup
	export FAKE_MODULES='nfit phram mtdblock_ro mtdblock isofs'
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	check stderr "memdisk: cannot load nd_pmem: modprobe: FATAL: Module nd_pmem not found in directory /lib/modules/6.1.0-fake: attaching the RAM disk through phram instead" "$ERR"
	expect_calls "$FIND" 'modprobe nfit' 'modprobe nd_pmem' 'modprobe -r nfit' "modprobe phram phram=$V4_PAGES" 'modprobe mtdblock_ro'
	check nfit-unloaded no "$(test -d "$FAKE/root/sys/module/nfit" && echo yes || echo no)"
}

t_nfit_no_nfit() {
	uefi_setup
	export FAKE_MODULES='phram mtdblock_ro mtdblock isofs'
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	check stderr "memdisk: cannot load nfit: modprobe: FATAL: Module nfit not found in directory /lib/modules/6.1.0-fake: attaching the RAM disk through phram instead" "$ERR"
	expect_calls "$FIND" 'modprobe nfit' "modprobe phram phram=$V4_PAGES" 'modprobe mtdblock_ro'
}

t_nfit_no_bus() {
	# nfit loads but never registers a bus: a bounded wait, then phram.
	uefi_setup
	export FAKE_ND_NOBUS=1
	run_attach --timeout 0.3
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	check stderr "memdisk: nfit is loaded but made no NVDIMM bus within 0.3 s (no ACPI0012 device?): attaching the RAM disk through phram instead" "$ERR"
	# It waited, and it stopped (the bound is loose: the machine may be busy).
	check_true "gave up after ${ELAPSED} cs, before 0.3 s" [ "$ELAPSED" -ge 30 ]
	check_true "waited ${ELAPSED} cs for a 0.3 s timeout" [ "$ELAPSED" -lt 2000 ]
}

t_nfit_overlap() {
	# A region overlaps the RAM disk without starting with it: neither
	# driver may map it; nothing stays loaded.
	uefi_setup
	export FAKE_ND_RANGES="0x3d000000:134217728"
	run_attach
	check rc 2 "$RC"
	check stdout '' "$OUT"
	check stderr "memdisk: region0 (0x3d000000, 134217728 bytes) overlaps the RAM disk but does not start with it; not attaching it (nfit drivers unloaded again)" "$ERR"
	check no-phram '' "$(ls "$FAKE/root/sys/class/mtd")"
	check modules '' "$(ls "$FAKE/root/sys/module")"
}

t_nfit_ro_fails() {
	uefi_setup
	export FAKE_ND_RO_BROKEN=1
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: cannot make region0 read-only ($FAKE/root/sys/bus/nd/devices/region0/read_only); nfit drivers unloaded again" "$ERR"
	check modules '' "$(ls "$FAKE/root/sys/module")"
}

t_nfit_no_block() {
	# nd_pmem loads but makes no block device: it may map the range, so no
	# phram; a bounded wait, one line, everything unloaded.
	uefi_setup
	export FAKE_NOBLOCK=1
	run_attach --timeout 0.3
	check rc 2 "$RC"
	check stderr "memdisk: nd_pmem made no block device for the RAM disk's namespace namespace0.0 in region0 within 0.3 s; nfit drivers unloaded again" "$ERR"
	check no-phram '' "$(ls "$FAKE/root/sys/class/mtd")"
	check modules '' "$(ls "$FAKE/root/sys/module")"
}

t_nfit_no_devtmpfs() {
	uefi_setup
	export FAKE_NODEVTMPFS=1
	echo "sysfs /sys sysfs rw 0 0" >"$FAKE/root/proc/mounts"
	run_attach
	check rc 0 "$RC"
	check stdout /dev/pmem0 "$OUT"
	expect_calls "$FIND" 'modprobe nfit' 'modprobe nd_pmem' "mknod $FAKE/root/dev/pmem0 b 259 0"
}

t_nfit_none() {
	# UEFI boot, no NFIT at all: nothing runs, nothing is printed.
	mkdir -p "$FAKE/root/sys/firmware/efi"
	run_attach
	check rc 1 "$RC"
	check stdout '' "$OUT"
	check stderr '' "$ERR"
	expect_calls
}

t_nfit_no_ramdisk() {
	# An NFIT with an NVDIMM only: the finder says none; no MEMDISK scan on
	# UEFI, no module, nothing printed.
	uefi_setup
	export FAKE_NFIT_OUT='' FAKE_NFIT_RC=1
	run_attach
	check rc 1 "$RC"
	check stderr '' "$ERR"
	expect_calls "$FIND"
	check modules '' "$(ls "$FAKE/root/sys/module")"
}

t_nfit_disabled() {
	uefi_setup
	set_cmdline 'quiet rd.memdisk=0'
	run_attach
	check rc 1 "$RC"
	check stderr '' "$ERR"
	expect_calls
}

t_nfit_finder_error() {
	uefi_setup
	export FAKE_NFIT_OUT='' FAKE_NFIT_RC=2 FAKE_NFIT_ERR='memdiskfind: /sys/firmware/acpi/tables/NFIT: Permission denied'
	run_attach
	check rc 2 "$RC"
	check stderr 'memdisk: cannot read the ACPI NFIT: memdiskfind: /sys/firmware/acpi/tables/NFIT: Permission denied' "$ERR"
	check modules '' "$(ls "$FAKE/root/sys/module")"
}

t_nfit_old_finder() {
	# A finder without --source nfit (syslinux's, or ours before the NFIT):
	# one warning, then the boot goes on as without a RAM disk.
	uefi_setup
	export FAKE_NFIT_OUT='' FAKE_NFIT_RC=64
	run_attach
	check rc 1 "$RC"
	check stderr "memdisk: the ACPI NFIT may hold a RAM disk, but $STUBS/memdiskfind cannot read it (no --source nfit); install memdisk-phram's memdiskfind" "$ERR"
}

t_nfit_garbled() {
	uefi_setup
	export FAKE_NFIT_OUT='MEMDISK_START=zz'
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: cannot understand memdiskfind's answer: MEMDISK_START=zz" "$ERR"
}

t_bios_untouched() {
	# A BIOS boot with an NFIT (a machine with NVDIMMs) and MEMDISK: the
	# NFIT has no RAM disk, MEMDISK's image is attached with phram as ever.
	mkdir -p "$FAKE/root/sys/firmware/acpi/tables"
	: >"$FAKE/root/sys/firmware/acpi/tables/NFIT"
	export FAKE_NFIT_OUT='' FAKE_NFIT_RC=1
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	expect_calls "$FIND" 'memdiskfind --phram' 'modprobe phram phram=memdisk,0x7e00000,0x1000800,2048' 'modprobe mtdblock_ro'
}

run_test nfit/cd t_nfit_cd
run_test nfit/info t_nfit_info
run_test nfit/disk t_nfit_disk
run_test nfit/disk-mount-partitioned t_nfit_disk_mount
run_test nfit/rw t_nfit_rw
run_test nfit/reuse-udev t_nfit_reuse_udev
run_test nfit/again t_nfit_again
run_test nfit/nvdimm-beside t_nfit_nvdimm_beside
run_test nfit/fit-override-phram t_nfit_fit_override
run_test nfit/fit-override-udev t_nfit_fit_override_udev
run_test nfit/no-nd_pmem-phram t_nfit_no_nd_pmem
run_test nfit/no-nfit-phram t_nfit_no_nfit
run_test nfit/no-bus-phram t_nfit_no_bus
run_test nfit/overlap t_nfit_overlap
run_test nfit/read-only-fails t_nfit_ro_fails
run_test nfit/no-block t_nfit_no_block
run_test nfit/no-devtmpfs-mknod t_nfit_no_devtmpfs
run_test nfit/none t_nfit_none
run_test nfit/no-ramdisk t_nfit_no_ramdisk
run_test nfit/disabled t_nfit_disabled
run_test nfit/finder-error t_nfit_finder_error
run_test nfit/old-finder t_nfit_old_finder
run_test nfit/garbled t_nfit_garbled
run_test nfit/bios-untouched t_bios_untouched
test_summary
