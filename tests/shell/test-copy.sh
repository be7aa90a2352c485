# shellcheck shell=sh
# Tests of the copy fallback (initramfs/attach/backend-copy.sh) inside the
# real memdisk-attach, over the fake kernel, with the real memdisk-copy
# reading a stand-in for physical memory (MEMDISK_MEM): automatic when the
# kernel has no phram, opt-in (rd.memdisk.backend=copy) where it has.
# shellcheck source=/dev/null
. "$TOP/tests/shell/lib.sh"

COPY=$TOP/build/memdisk-copy
# 130 KiB at 1 MiB: small enough to copy quickly under three shells.
START=0x100000
LEN=0x20800

# copy_setup [phram]: the memory file with random bytes at START, the
# running kernel's module directory (with or without phram), RAM to spare.
copy_setup() {
	export FAKE_FIND_OUT="memdisk,$START,$LEN,2048"
	export MEMDISK_COPY="$COPY" MEMDISK_MEM="$FAKE/mem"
	head -c $((START + LEN + 4096)) /dev/zero >"$FAKE/mem"
	head -c $((LEN)) /dev/urandom >"$FAKE/image"
	dd if="$FAKE/image" of="$FAKE/mem" bs=4096 seek=$((START / 4096)) conv=notrunc 2>/dev/null
	m=$FAKE/root/lib/modules/6.1.0-fake
	mkdir -p "$m/kernel/drivers/block" "$m/kernel/fs/isofs"
	: >"$m/kernel/drivers/block/loop.ko"
	{
		echo 'kernel/drivers/block/loop.ko:'
		echo 'kernel/fs/isofs/isofs.ko:'
	} >"$m/modules.dep"
	if [ "${1:-}" = phram ]; then
		mkdir -p "$m/kernel/drivers/mtd/devices"
		: >"$m/kernel/drivers/mtd/devices/phram.ko"
		echo 'kernel/drivers/mtd/devices/phram.ko: kernel/drivers/mtd/mtd.ko' >>"$m/modules.dep"
	fi
	printf 'MemTotal: 2048000 kB\nMemAvailable: 1500000 kB\n' >"$FAKE/root/proc/meminfo"
	export FAKE_MODULES='loop isofs mtdblock_ro mtdblock'
}

copy_file() {
	echo "$FAKE/root/run/memdisk-phram/image"
}

t_auto_no_phram() {
	copy_setup
	run_attach
	check rc 0 "$RC"
	check stdout /dev/loop0 "$OUT"
	check stderr "memdisk: this kernel has no phram: the image was copied to RAM (1 MiB more in use) and attached read-only as /dev/loop0" "$ERR"
	check_true "the copy is the image" cmp -s "$FAKE/image" "$(copy_file)"
	expect_calls 'memdiskfind --phram' "mount -t tmpfs -o size=2m,mode=0700 memdisk-copy $FAKE/root/run/memdisk-phram" \
		'modprobe loop' "losetup -r -f --show $(copy_file)"
	check backing "$(copy_file)" "$(cat "$FAKE/root/sys/block/loop0/loop/backing_file")"
}

t_opt_in_with_phram() {
	copy_setup phram
	set_cmdline 'boot=live rd.memdisk.backend=copy'
	run_attach --info
	check rc 0 "$RC"
	eval "$OUT"
	check info "/dev/loop0|copy|0x100000|0x20800" "$MEMDISK_DEVICE|$MEMDISK_BACKEND|$MEMDISK_START|$MEMDISK_SIZE"
	check_true "stderr names the option" sh -c "printf '%s' \"\$1\" | grep -q '^memdisk: rd.memdisk.backend=copy: the image was copied to RAM'" sh "$ERR"
	check_true "the copy is the image" cmp -s "$FAKE/image" "$(copy_file)"
	case $(cat "$FAKE/calls") in *phram=*) check "phram not touched" no yes ;; esac
}

t_auto_with_phram() {
	copy_setup phram
	export FAKE_MODULES='phram mtdblock_ro mtdblock loop'
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
	expect_calls 'memdiskfind --phram' "modprobe phram phram=memdisk,$START,$LEN,2048" 'modprobe mtdblock_ro'
}

t_phram_forced() {
	# rd.memdisk.backend=phram on a kernel without it: phram's own error.
	copy_setup
	set_cmdline 'rd.memdisk.backend=phram'
	export FAKE_MODULES='loop'
	run_attach
	check rc 2 "$RC"
	check_true "phram's error" sh -c "printf '%s' \"\$1\" | grep -q 'kernel module phram is missing'" sh "$ERR"
}

t_not_enough_ram() {
	copy_setup
	printf 'MemTotal: 65536 kB\nMemAvailable: 40000 kB\n' >"$FAKE/root/proc/meminfo"
	run_attach
	check rc 2 "$RC"
	check stderr "memdisk: copying the image to RAM needs 1 MiB (and 64 MiB to spare), only 39 MiB are available; give the machine more RAM (this kernel has no phram)" "$ERR"
	expect_calls 'memdiskfind --phram'
}

t_copy_fails_undo() {
	copy_setup
	head -c $((START + 100)) /dev/zero >"$FAKE/mem"
	run_attach
	check rc 2 "$RC"
	check_true "one line naming memdisk-copy" sh -c "test \$(printf '%s\n' \"\$1\" | wc -l) = 1 && printf '%s' \"\$1\" | grep -q 'cannot copy the image to RAM (memdisk-copy exit 1): memdisk-copy: .* holds'" sh "$ERR"
	check_true "no copy left" test ! -e "$(copy_file)"
	expect_calls 'memdiskfind --phram' "mount -t tmpfs -o size=2m,mode=0700 memdisk-copy $FAKE/root/run/memdisk-phram" \
		"umount $FAKE/root/run/memdisk-phram"
}

t_losetup_fails_undo() {
	copy_setup
	export FAKE_LOSETUP=fail
	run_attach
	check rc 2 "$RC"
	check_true "losetup's reason" sh -c "printf '%s' \"\$1\" | grep -q 'cannot attach the copy to a loop device: losetup: cannot find an unused loop device; the copy was removed'" sh "$ERR"
	check_true "no copy left" test ! -e "$(copy_file)"
}

t_busybox_losetup() {
	copy_setup
	export FAKE_LOSETUP=busybox
	run_attach
	check rc 0 "$RC"
	check stdout /dev/loop0 "$OUT"
}

t_reuse() {
	# Attached by an earlier run: nothing copied again.
	copy_setup
	mkdir -p "$FAKE/root/run/memdisk-phram" "$FAKE/root/sys/block/loop3/loop"
	: >"$(copy_file)"
	copy_file >"$FAKE/root/sys/block/loop3/loop/backing_file"
	echo 7:3 >"$FAKE/root/sys/block/loop3/dev"
	: >"$FAKE/root/dev/loop3"
	run_attach --info
	check rc 0 "$RC"
	eval "$OUT"
	check info "/dev/loop3|copy|1" "$MEMDISK_DEVICE|$MEMDISK_BACKEND|$MEMDISK_REUSED"
	# (--info asks the finder for the image's kind: MEMDISK_KIND)
	expect_calls 'memdiskfind --phram' "blkid $FAKE/root/dev/loop3" 'memdiskfind --shell'
}

t_unknown_kernel_tries_phram() {
	# No module directory to look at: phram is tried, as before.
	export FAKE_FIND_OUT="memdisk,$START,$LEN,2048"
	export MEMDISK_COPY="$COPY" MEMDISK_MEM="$FAKE/mem"
	run_attach
	check rc 0 "$RC"
	check stdout /dev/mtdblock0 "$OUT"
}

t_memdisk_copy_cli() {
	# The program on its own: usage, ranges beyond 4 GiB, an existing DEST.
	head -c 10000 /dev/urandom >"$FAKE/m2"
	"$COPY" --mem "$FAKE/m2" 4097 3000 "$FAKE/out1"
	check rc 0 "$?"
	check_true "bytes 4097..7096" sh -c "tail -c +4098 '$FAKE/m2' | head -c 3000 | cmp -s - '$FAKE/out1'"
	"$COPY" --mem "$FAKE/m2" 0 10 "$FAKE/out1" 2>/dev/null
	check existing-dest 2 "$?"
	"$COPY" --mem "$FAKE/m2" 0xfffff000 0x2000 "$FAKE/out2" 2>/dev/null
	check past-4gib 64 "$?"
	"$COPY" --mem "$FAKE/m2" 010 1 "$FAKE/out2" 2>/dev/null
	check octal 64 "$?"
	"$COPY" 1 2>/dev/null
	check usage 64 "$?"
	"$COPY" --mem "$FAKE/no-such" 0 1 "$FAKE/out3" 2>/dev/null
	check unreadable 1 "$?"
}

run_test copy/auto-no-phram t_auto_no_phram
run_test copy/opt-in-with-phram t_opt_in_with_phram
run_test copy/auto-with-phram t_auto_with_phram
run_test copy/phram-forced t_phram_forced
run_test copy/not-enough-ram t_not_enough_ram
run_test copy/copy-fails-undo t_copy_fails_undo
run_test copy/losetup-fails-undo t_losetup_fails_undo
run_test copy/busybox-losetup t_busybox_losetup
run_test copy/reuse t_reuse
run_test copy/unknown-kernel-tries-phram t_unknown_kernel_tries_phram
run_test copy/memdisk-copy-cli t_memdisk_copy_cli
test_summary
