#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Contract tests of hooks/mkinitcpio/hooks/memdisk-phram, the runtime hook.
# mkinitcpio's init sources it with busybox ash and calls run_hook; msg, err
# and getarg come from init_functions, udevd_running from the udev hook.
# Here each case runs under busybox ash (and dash, for portability) with
# stand-ins: getarg answers from STUB_CMDLINE the way mkinitcpio documents it
# (the value, "y" for a bare word, the last occurrence wins), memdisk-attach
# and udevadm are recording stubs.

load helpers

setup() {
    common_setup
    STUBS=$BATS_TEST_TMPDIR/stubs
    mkdir -p "$STUBS"
    cat >"$STUBS/memdisk-attach" <<'STUB'
#!/bin/sh
echo "memdisk-attach $*" >>"$CALLS"
case ${STUB_RC:-0} in
0) echo "${STUB_DEV:-/dev/mtdblock0}" ;;
2) echo "memdisk: phram rejected the range" >&2 ;;
esac
exit "${STUB_RC:-0}"
STUB
    cat >"$STUBS/udevadm" <<'STUB'
#!/bin/sh
echo "udevadm $*" >>"$CALLS"
STUB
    chmod +x "$STUBS/memdisk-attach" "$STUBS/udevadm"
    cat >"$BATS_TEST_TMPDIR/driver" <<'DRIVER'
# Stand-ins for init_functions, then the hook, then run_hook.
msg() { echo "msg: $*"; }
err() { echo "err: $*"; }
if [ "${STUB_GETARG:-1}" = 1 ]; then
    getarg() {
        _v=$2
        for _w in $STUB_CMDLINE; do
            case $_w in
            "$1") _v=y ;;
            "$1"=*) _v=${_w#*=} ;;
            esac
        done
        printf '%s\n' "$_v"
    }
fi
udevd_running=${STUB_UDEVD:-1}
. "$RUNTIME_HOOK"
memdisk_phram_attach=$STUBS/memdisk-attach
run_hook
echo "run_hook returned $?"
DRIVER
    export CALLS RUNTIME_HOOK STUBS
    export PATH="$STUBS:$PATH"
}

# The shells a mkinitcpio image may run the hook under (busybox ash is the
# real one; dash checks that nothing busybox-specific crept in).
SHELLS="busybox_ash dash"
busybox_ash() { busybox ash "$@"; }

run_hook_in() {
    : >"$CALLS"
    run "$1" "$BATS_TEST_TMPDIR/driver"
}

@test "MEMDISK found: attached, reported, udev settled, returns 0" {
    for sh in $SHELLS; do
        run_hook_in "$sh"
        echo "$sh: $output"
        [ "$status" -eq 0 ]
        [[ $output == *"msg: :: memdisk-phram: MEMDISK image attached as /dev/mtdblock0"* ]]
        [[ $output == *"run_hook returned 0"* ]]
        [[ $output != *"err:"* ]]
        assert_called "memdisk-attach "
        assert_called "udevadm settle --timeout=10"
    done
}

@test "MEMDISK found, udevd not running: no udevadm call" {
    export STUB_UDEVD=0
    for sh in $SHELLS; do
        run_hook_in "$sh"
        [[ $output == *"attached as /dev/mtdblock0"* ]]
        refute_calls '^udevadm'
    done
}

@test "no MEMDISK: silent, boot continues" {
    export STUB_RC=1
    for sh in $SHELLS; do
        run_hook_in "$sh"
        echo "$sh: $output"
        [ "$output" = "run_hook returned 0" ]
        assert_called "memdisk-attach "
        refute_calls '^udevadm'
    done
}

@test "rd.memdisk=0 (and no, off): memdisk-attach is not even run" {
    for v in 0 no off; do
        export STUB_CMDLINE="quiet rd.memdisk=1 rd.memdisk=$v archisolabel=X"
        for sh in $SHELLS; do
            run_hook_in "$sh"
            echo "$sh rd.memdisk=$v: $output"
            [[ $output == *"msg: :: memdisk-phram: disabled by rd.memdisk"* ]]
            [[ $output == *"run_hook returned 0"* ]]
            refute_calls 'memdisk-attach'
        done
    done
}

@test "rd.memdisk=1, bare rd.memdisk, other options: memdisk-attach runs" {
    for cl in "rd.memdisk=1" "rd.memdisk" "rd.memdisk=0 rd.memdisk=1" "rd.memdisk.rw rd.memdisk.debug"; do
        export STUB_CMDLINE=$cl
        for sh in $SHELLS; do
            run_hook_in "$sh"
            echo "$sh [$cl]: $output"
            assert_called "memdisk-attach "
        done
    done
}

@test "failure: memdisk-attach's reason is shown, an error added, boot continues" {
    export STUB_RC=2
    for sh in $SHELLS; do
        run_hook_in "$sh"
        echo "$sh: $output"
        [ "$status" -eq 0 ]
        [[ $output == *"memdisk: phram rejected the range"* ]]
        [[ $output == *"err: memdisk-phram: could not attach the MEMDISK image (memdisk-attach exit 2)"* ]]
        [[ $output == *"run_hook returned 0"* ]]
        refute_calls '^udevadm'
    done
}

@test "mkinitcpio before v39 (no getarg): memdisk-attach decides from /proc/cmdline" {
    export STUB_GETARG=0 STUB_CMDLINE="rd.memdisk=0"
    for sh in $SHELLS; do
        run_hook_in "$sh"
        echo "$sh: $output"
        assert_called "memdisk-attach "
        [[ $output == *"run_hook returned 0"* ]]
    done
}

@test "sourcing the hook runs nothing and defines run_hook" {
    for sh in $SHELLS; do
        run "$sh" -c '. "$RUNTIME_HOOK" && command -v run_hook'
        [ "$status" -eq 0 ]
        [ "$output" = run_hook ]
        [ ! -s "$CALLS" ]
    done
}
