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
# FAKE_BLKID, FAKE_MOUNT_ERR.

: "${TOP:?TOP must point at the source tree}"
: "${TEST_SH:?TEST_SH must name the shell under test}"
SHELL_NAME=${SHELL_NAME:-$TEST_SH}
STUBS=$TOP/tests/shell/stubs
ATTACH=$TOP/initramfs/memdisk-attach

# Nothing from the caller's environment may steer the code under test.
unset MEMDISK_SYSROOT MEMDISKFIND MEMDISK_CMDLINE_LIB MEMDISK_TIMEOUT MEMDISK_SETTLE MEMDISK_DEBUG MEMDISK_BINDIR MEMDISK_PROBE
unset FAKE_FIND_OUT FAKE_FIND_ERR FAKE_FIND_RC FAKE_MODULES FAKE_PHRAM FAKE_PHRAM_SYSFS FAKE_PHRAM_FAIL
unset FAKE_PHRAM_PARSEFAIL FAKE_NOBLOCK FAKE_NODEVTMPFS FAKE_UNAME_M FAKE_BLKID FAKE_MOUNT_ERR

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
