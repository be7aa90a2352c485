# shellcheck shell=sh
# RC, OUT, ERR, ELAPSED ... are read by the test files that source this.
# shellcheck disable=SC2034
# Helpers for the shell unit tests (sourced by tests/shell/test-*.sh, which run
# under the shell being tested: dash, busybox ash or klibc sh).
#
#   run_test NAME FUNCTION   run FUNCTION in a subshell with a fresh fake
#                            system; print "ok NAME (0.12 s)" or
#                            "FAIL NAME: reason, log: DIR" (DIR kept)
#   check WHAT EXPECTED ACTUAL   record a failure when they differ
#   run_attach [ARGS]        run memdisk-attach under $TEST_SH with the fake
#                            system; sets RC, OUT, ERR
#   expect_calls LINE...     the stub commands called, in order, exactly
#
# Fake system knobs (exported to the stubs): FAKE_FIND_OUT/ERR/RC (memdiskfind),
# FAKE_MODULES (modules modprobe can load), FAKE_PHRAM=new|old (old: no 4th
# field), FAKE_PHRAM_SYSFS=0 (no writable parameter), FAKE_PHRAM_FAIL
# (module load fails with this kernel message), FAKE_PHRAM_PARSEFAIL (phram
# refuses the value: loads, logs, registers nothing), FAKE_NOBLOCK=1 (no block
# device ever), FAKE_NODEVTMPFS=1 (sysfs only, no /dev node), FAKE_UNAME_M,
# FAKE_BLKID, FAKE_MOUNT_ERR, FAKE_MKNOD_ERR (mknod fails with this message),
# FAKE_MODPROBE=kmod|busybox (which modprobe the stub acts as),
# FAKE_MODULES_BAD (modules the kernel refuses: Exec format error).
# fake_modtree lays out a module tree for insmod and busybox's modprobe;
# fake_bindir_without CMD... a stub directory without those commands.

: "${TOP:?TOP must point at the source tree}"
: "${TEST_SH:?TEST_SH must name the shell under test}"
SHELL_NAME=${SHELL_NAME:-$TEST_SH}
STUBS=$TOP/tests/shell/stubs
ATTACH=$TOP/initramfs/memdisk-attach

# Nothing from the caller's environment may steer the code under test.
unset MEMDISK_SYSROOT MEMDISKFIND MEMDISK_CMDLINE_LIB MEMDISK_TIMEOUT MEMDISK_SETTLE MEMDISK_DEBUG MEMDISK_BINDIR MEMDISK_PROBE
unset FAKE_FIND_OUT FAKE_FIND_ERR FAKE_FIND_RC FAKE_MODULES FAKE_PHRAM FAKE_PHRAM_SYSFS FAKE_PHRAM_FAIL
unset FAKE_PHRAM_PARSEFAIL FAKE_NOBLOCK FAKE_NODEVTMPFS FAKE_UNAME_M FAKE_BLKID FAKE_MOUNT_ERR
unset FAKE_MKNOD_ERR FAKE_MODPROBE FAKE_MODULES_BAD

NL='
'

uptime_cs() {
	read -r _u _ </proc/uptime
	_uf=${_u#*.}
	echo $((${_u%.*} * 100 + ${_uf#0}))
}

check() {
	if [ "$2" != "$3" ]; then
		[ -n "$T_FAILED" ] || T_FAILED="$1: expected [$2], got [$3]"
	fi
}

check_true() {
	_what=$1
	shift
	if ! "$@"; then
		[ -n "$T_FAILED" ] || T_FAILED="$_what"
	fi
}

# A fresh fake system: $FAKE/root/{sys,proc,dev}, stub commands first in PATH.
fake_setup() {
	FAKE=$(mktemp -d "${TMPDIR:-/tmp}/memdisk-shell.XXXXXX") || exit 1
	export FAKE
	mkdir -p "$FAKE/root/sys/class/mtd" "$FAKE/root/sys/module" "$FAKE/root/sys/block" \
		"$FAKE/root/sys/kernel/security" "$FAKE/root/proc" "$FAKE/root/dev" "$FAKE/out"
	: >"$FAKE/calls"
	: >"$FAKE/kmsg"
	: >"$FAKE/pids"
	echo "BOOT_IMAGE=/boot/vmlinuz console=ttyS0 quiet" >"$FAKE/root/proc/cmdline"
	export FAKE_FIND_OUT='memdisk,0x7e00000,0x1000800,2048'
	export MEMDISK_SETTLE=0.05
	PATH=$STUBS:$PATH
	export PATH
}

fake_teardown() {
	if [ -s "$FAKE/pids" ]; then
		while read -r _p; do kill "$_p" 2>/dev/null; done <"$FAKE/pids"
	fi
}

set_cmdline() {
	printf '%s\n' "$1" >"$FAKE/root/proc/cmdline"
}

# copy_runtime DIR: memdisk-attach and its parts (DIR/attach/) laid out as in
# an initramfs; not phram-partitions.sh, which the tests that need it add.
copy_runtime() {
	mkdir -p "$1/attach"
	cp "$ATTACH" "$1/"
	for _p in "$TOP"/initramfs/attach/*.sh; do
		[ "${_p##*/}" = phram-partitions.sh ] || cp "$_p" "$1/attach/"
	done
}

# The fake kernel's helpers (fk_phram_load, fk_phram_set, fk_block ...), for
# tests that set up a state before memdisk-attach runs.
fake_kernel() {
	# shellcheck source=/dev/null
	. "$STUBS/fake-kernel.sh"
}

# An MTD device that is already there: fake_mtd N NAME TYPE [block]
fake_mtd() {
	mkdir -p "$FAKE/root/sys/class/mtd/mtd$1" "$FAKE/root/sys/class/mtd/mtd$1ro"
	echo "$2" >"$FAKE/root/sys/class/mtd/mtd$1/name"
	echo "$3" >"$FAKE/root/sys/class/mtd/mtd$1/type"
	if [ "${4:-}" = block ]; then
		mkdir -p "$FAKE/root/sys/block/mtdblock$1"
		echo "31:$1" >"$FAKE/root/sys/block/mtdblock$1/dev"
		: >"$FAKE/root/dev/mtdblock$1"
	fi
}

# fake_modtree LAYOUT [EXT]: the image's module tree for the fake kernel
# (6.1.0-fake), holding FAKE_MODULES (default phram mtdblock_ro mtdblock
# isofs) and what they need, as files named NAME.ko$EXT. LAYOUT: text
# (modules.dep, as depmod leaves it with the binary indexes), bin (only
# modules.dep.bin, as mkinitcpio leaves it), none (no index). The .bin is
# laid out like kmod's: NUL-terminated "path: dependencies" values after a
# 4-byte priority whose last byte may be printable ('4', ':').
fake_modtree() {
	_mt=$FAKE/root/lib/modules/6.1.0-fake
	_mt_ext=${2:-}
	mkdir -p "$_mt/kernel/drivers/mtd/devices" "$_mt/kernel/fs/isofs" "$_mt/kernel/drivers/cdrom"
	: >"$_mt/modules.dep.tmp"
	_mt_prio=0
	for _mt_m in ${FAKE_MODULES-phram mtdblock_ro mtdblock isofs}; do
		case $_mt_m in
		phram) _mt_line="kernel/drivers/mtd/devices/phram.ko$_mt_ext: kernel/drivers/mtd/mtd.ko$_mt_ext" ;;
		mtdblock | mtdblock_ro)
			_mt_line="kernel/drivers/mtd/$_mt_m.ko$_mt_ext: kernel/drivers/mtd/mtd_blkdevs.ko$_mt_ext kernel/drivers/mtd/mtd.ko$_mt_ext"
			: >"$_mt/kernel/drivers/mtd/mtd_blkdevs.ko$_mt_ext"
			;;
		isofs) _mt_line="kernel/fs/isofs/isofs.ko$_mt_ext: kernel/drivers/cdrom/cdrom.ko$_mt_ext" ;;
		*) continue ;;
		esac
		: >"$_mt/${_mt_line%%:*}"
		for _mt_d in ${_mt_line#*:}; do : >"$_mt/$_mt_d"; done
		printf '%s\n' "$_mt_line" >>"$_mt/modules.dep.tmp"
	done
	case $1 in
	text | bin)
		# The binary index: node prefixes and values, NUL-separated.
		{
			printf '\127\105\007\120\000\002\000\001kernel\000'
			while IFS= read -r _mt_line; do
				_mt_prio=$((_mt_prio + 1))
				case $_mt_prio in
				1) printf '\000\000\000\064' ;;
				2) printf '\000\000\000\072' ;;
				*) printf '\000\000\001\003' ;;
				esac
				printf '%s\000m\000' "$_mt_line"
			done <"$_mt/modules.dep.tmp"
		} >"$_mt/modules.dep.bin"
		;;
	esac
	if [ "$1" = text ]; then
		mv "$_mt/modules.dep.tmp" "$_mt/modules.dep"
	else
		rm -f "$_mt/modules.dep.tmp"
	fi
}

# fake_bindir_without CMD...: MEMDISK_BINDIR, a copy of the stub directory
# (links) without those commands.
fake_bindir_without() {
	MEMDISK_BINDIR=$FAKE/bin
	mkdir -p "$MEMDISK_BINDIR"
	for _bw in "$STUBS"/*; do
		case " $* " in *" ${_bw##*/} "*) continue ;; esac
		ln -s "$_bw" "$MEMDISK_BINDIR/${_bw##*/}"
	done
	export MEMDISK_BINDIR
}

run_attach() {
	_t0=$(uptime_cs)
	# TEST_SH may be two words ("busybox sh"): split on purpose.
	# shellcheck disable=SC2086
	MEMDISK_SYSROOT=$FAKE/root MEMDISKFIND=${MEMDISKFIND-$STUBS/memdiskfind} MEMDISK_BINDIR=${MEMDISK_BINDIR:-$STUBS} MEMDISK_PROBE=$STUBS/memdisk-probe \
		timeout 60 $TEST_SH "${ATTACH_PROG:-$ATTACH}" "$@" >"$FAKE/out/stdout" 2>"$FAKE/out/stderr"
	RC=$?
	ELAPSED=$(($(uptime_cs) - _t0))
	OUT=$(cat "$FAKE/out/stdout")
	ERR=$(cat "$FAKE/out/stderr")
}

expect_calls() {
	_want=
	for _c in "$@"; do _want="$_want$_c$NL"; done
	_got=$(cat "$FAKE/calls")
	check calls "${_want%"$NL"}" "$_got"
}

# Every stderr line must carry the prefix.
expect_prefixed_stderr() {
	while IFS= read -r _l; do
		case $_l in
		memdisk:*) ;;
		*) [ -n "$T_FAILED" ] || T_FAILED="stderr line without memdisk: prefix: [$_l]" ;;
		esac
	done <"$FAKE/out/stderr"
}

T_PASSED=0
T_FAILS=0
run_test() {
	_name="$SHELL_NAME/$1"
	_t0=$(uptime_cs)
	if (
		T_FAILED=
		fake_setup
		"$2"
		fake_teardown
		_dt=$(($(uptime_cs) - _t0))
		_secs=$(printf '%d.%02d' $((_dt / 100)) $((_dt % 100)))
		if [ -n "$T_FAILED" ]; then
			{
				echo "== stdout"
				cat "$FAKE/out/stdout" 2>/dev/null
				echo "== stderr"
				cat "$FAKE/out/stderr" 2>/dev/null
				echo "== calls"
				cat "$FAKE/calls"
				echo "== kmsg"
				cat "$FAKE/kmsg"
			} >"$FAKE/log" 2>&1
			printf 'FAIL %s: %s, log: %s\n' "$_name" "$T_FAILED" "$FAKE/log"
			exit 1
		fi
		rm -rf "$FAKE"
		printf 'ok %s (%s s)\n' "$_name" "$_secs"
	); then
		T_PASSED=$((T_PASSED + 1))
	else
		T_FAILS=$((T_FAILS + 1))
	fi
}

# End of a test file: the counts, for the runner.
test_summary() {
	echo "# $T_PASSED passed, $T_FAILS failed"
	[ "$T_FAILS" -eq 0 ]
}
