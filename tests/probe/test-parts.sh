# shellcheck shell=sh
# Tests of initramfs/attach/phram-partitions.sh, sourced by the real memdisk-attach,
# against the runtime's fake kernel (tests/shell/lib.sh, tests/shell/stubs)
# and a stub memdisk-probe. Run under the shell being tested (TEST_SH).
# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck source=/dev/null
. "$TOP/tests/shell/lib.sh"

P1=memdisk_p1,0x7f00000,0xe00000,4096
P2=memdisk_p2,0x8d00000,0x200000,4096

# memdisk-attach with its parts (phram-partitions.sh among them) and the
# command-line library side by side (as in an initramfs), and a stub
# memdisk-probe printing FAKE_PROBE_OUT.
parts_setup() {
	copy_runtime "$FAKE/lib"
	cp "$TOP/initramfs/attach/phram-partitions.sh" "$FAKE/lib/attach/"
	cp "$TOP/kernel-cmdline/memdisk-cmdline.sh" "$FAKE/lib/"
	cat >"$FAKE/lib/memdisk-probe" <<'STUB'
#!/bin/sh
printf 'memdisk-probe %s\n' "$*" >>"$FAKE/calls"
case " $* " in *" --shell "*)
	printf '%s\n' "${FAKE_PROBE_SHELL:-}"
	exit 0
	;;
esac
[ -z "${FAKE_PROBE_OUT:-}" ] || printf '%s\n' "$FAKE_PROBE_OUT"
exit "${FAKE_PROBE_RC:-0}"
STUB
	chmod +x "$FAKE/lib/memdisk-probe"
	# shellcheck disable=SC2034 # read by prun (tests/shell/lib.sh)
	ATTACH_PROG=$FAKE/lib/memdisk-attach
	export FAKE_PROBE_OUT="$P1$NL$P2"
}

# prun [ARGS]: run_attach (tests/shell/lib.sh) with our stub memdisk-probe,
# which lib.sh's own run_attach replaces by one that always declines. Sets
# RC, OUT, ERR.
prun() {
	# TEST_SH may be two words ("busybox sh"): split on purpose.
	# shellcheck disable=SC2086
	MEMDISK_SYSROOT=$FAKE/root MEMDISKFIND=$STUBS/memdiskfind MEMDISK_BINDIR=$STUBS \
		MEMDISK_PROBE=${PROBE_ENV-$FAKE/lib/memdisk-probe} \
		timeout 60 $TEST_SH "$FAKE/lib/memdisk-attach" "$@" >"$FAKE/out/stdout" 2>"$FAKE/out/stderr"
	RC=$?
	OUT=$(cat "$FAKE/out/stdout")
	ERR=$(cat "$FAKE/out/stderr")
}

mtd_name() {
	cat "$FAKE/root/sys/class/mtd/mtd$1/name" 2>/dev/null
}

t_split() {
	parts_setup
	prun
	check rc 0 "$RC"
	check stdout "/dev/mtdblock0$NL/dev/mtdblock1" "$OUT"
	check stderr '' "$ERR"
	# The first partition through modprobe, the second through the sysfs
	# parameter (no call: the fake kernel reads the write).
	expect_calls 'memdiskfind --phram' 'memdisk-probe --phram' "modprobe phram phram=$P1" 'modprobe mtdblock_ro'
	check mtd0 memdisk_p1 "$(mtd_name 0)"
	check mtd1 memdisk_p2 "$(mtd_name 1)"
	check size1 $((0x200000)) "$(cat "$FAKE/root/sys/class/mtd/mtd1/size")"
	check_true "no MTD device named memdisk" [ ! -e "$FAKE/root/sys/class/mtd/mtd2" ]
}

t_probe_beside() {
	parts_setup
	# No MEMDISK_PROBE: found beside memdisk-attach, as in an initramfs.
	PROBE_ENV='' prun
	check rc 0 "$RC"
	check stdout "/dev/mtdblock0$NL/dev/mtdblock1" "$OUT"
	expect_calls 'memdiskfind --phram' 'memdisk-probe --phram' "modprobe phram phram=$P1" 'modprobe mtdblock_ro'
}

t_whole_image() {
	parts_setup
	export FAKE_PROBE_OUT='memdisk,0x7e00000,0x1000800,2048'
	prun
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	expect_calls 'memdiskfind --phram' 'memdisk-probe --phram' \
		'modprobe phram phram=memdisk,0x7e00000,0x1000800,2048' 'modprobe mtdblock_ro'
	check mtd0 memdisk "$(mtd_name 0)"
}

t_probe_fails() {
	parts_setup
	export FAKE_PROBE_OUT='' FAKE_PROBE_RC=2
	prun
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	check mtd0 memdisk "$(mtd_name 0)"
}

t_no_probe() {
	parts_setup
	rm "$FAKE/lib/memdisk-probe"
	PROBE_ENV='' prun
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	expect_calls 'memdiskfind --phram' 'modprobe phram phram=memdisk,0x7e00000,0x1000800,2048' 'modprobe mtdblock_ro'
}

t_reuse_partition() {
	parts_setup
	# Another hook attached partition 1 already: only 2 is added.
	fake_mtd 0 memdisk_p1 ram block
	prun
	check rc 0 "$RC"
	check stdout "/dev/mtdblock0$NL/dev/mtdblock1" "$OUT"
	expect_calls 'memdiskfind --phram' 'memdisk-probe --phram' "modprobe phram phram=$P2" 'modprobe mtdblock_ro'
	check mtd1 memdisk_p2 "$(mtd_name 1)"
}

t_info() {
	parts_setup
	export FAKE_BLKID='TYPE="ext4" LABEL="it'"'"'s" UUID="1234"'
	prun --info
	check rc 0 "$RC"
	eval "$OUT"
	check parts '/dev/mtdblock0 /dev/mtdblock1' "${MEMDISK_PARTS:-}"
	check device /dev/mtdblock0 "${MEMDISK_DEVICE:-}"
	check p2-device /dev/mtdblock1 "${MEMDISK_P2_DEVICE:-}"
	check p2-mtd mtd1 "${MEMDISK_P2_MTD:-}"
	check p2-label "it's" "${MEMDISK_P2_LABEL:-}"
	check start 0x7e00000 "${MEMDISK_START:-}"
}

t_info_without_blkid() {
	parts_setup
	# No blkid in the initramfs: the file systems memdisk-probe saw.
	export FAKE_PROBE_SHELL="MEMDISK_P1_FSTYPE='vfat'
MEMDISK_P1_LABEL='BOOT'
MEMDISK_P2_FSTYPE='ext4'
MEMDISK_P2_LABEL='DATA'
MEMDISK_P2_UUID='0123'"
	prun --info
	check rc 0 "$RC"
	eval "$OUT"
	check p1-fstype vfat "${MEMDISK_P1_FSTYPE:-}"
	check p2-label DATA "${MEMDISK_P2_LABEL:-}"
	check p2-uuid 0123 "${MEMDISK_P2_UUID:-}"
	check fstype vfat "${MEMDISK_FSTYPE:-}"
	prun --mount "$FAKE/mnt"
	check mount-rc 0 "$RC"
	check_true "mount of partition 1 (vfat)" grep -q "^mount -t vfat -o ro .*/dev/mtdblock0 $FAKE/mnt\$" "$FAKE/calls"
}

t_bad_answer() {
	parts_setup
	export FAKE_PROBE_OUT="memdisk_p1,garbage"
	prun
	check rc 2 "$RC"
	check stderr "memdisk: cannot understand memdisk-probe's answer: memdisk_p1,garbage" "$ERR"
	# Not a number: never reaches an eval.
	# shellcheck disable=SC2016 # literally
	export FAKE_PROBE_OUT='memdisk_p1$(x),0x1,0x1000,4096'
	prun --info
	check rc2 2 "$RC"
}

t_phram_refuses() {
	parts_setup
	export FAKE_PHRAM_PARSEFAIL='len is not multiple of erasesize'
	prun
	check rc 2 "$RC"
	check stdout '' "$OUT"
	case $ERR in
	"memdisk: phram rejected $P1 (partition 1): phram: len is not multiple of erasesize"*) ;;
	*) check stderr "phram rejected $P1 ..." "$ERR" ;;
	esac
}

run_test parts-split t_split
run_test parts-probe-beside t_probe_beside
run_test parts-whole-image t_whole_image
run_test parts-probe-fails t_probe_fails
run_test parts-no-probe t_no_probe
run_test parts-reuse-partition t_reuse_partition
run_test parts-info t_info
run_test parts-info-without-blkid t_info_without_blkid
run_test parts-bad-answer t_bad_answer
run_test parts-phram-refuses t_phram_refuses
test_summary
