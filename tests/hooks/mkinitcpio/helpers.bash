# shellcheck shell=bash disable=SC2034,SC2317
# Helpers shared by the mkinitcpio contract tests (loaded by bats). The
# variables are read and the stubs called by the .bats files and the hook
# under test, which shellcheck does not see from here.

common_setup() {
    TOP=$(cd "$BATS_TEST_DIRNAME/../../.." && pwd)
    INSTALL_HOOK=${MKINITCPIO_TEST_INSTALL_HOOK:-$TOP/hooks/mkinitcpio/install/memdisk-phram}
    RUNTIME_HOOK=${MKINITCPIO_TEST_RUNTIME_HOOK:-$TOP/hooks/mkinitcpio/hooks/memdisk-phram}
    CALLS=$BATS_TEST_TMPDIR/calls
    HOSTLIB=$BATS_TEST_TMPDIR/host/usr/lib/memdisk-phram
    HOSTINITCPIO=$BATS_TEST_TMPDIR/host/usr/lib/initcpio
    : >"$CALLS"
}

# record WORD...: one line per call, words joined by spaces.
record() {
    printf '%s\n' "$*" >>"$CALLS"
}

# Recording stand-ins for mkinitcpio's build-time helpers. add_runscript
# records the name of the file that called it: mkinitcpio takes the runtime
# hook's name from there (${BASH_SOURCE[1]}).
stub_install_helpers() {
    add_module() { record add_module "$@"; }
    add_binary() { record add_binary "$@"; }
    add_file() { record add_file "$@"; }
    add_udev_rule() { record add_udev_rule "$@"; }
    add_symlink() { record add_symlink "$@"; }
    add_dir() { record add_dir "$@"; }
    add_runscript() { record add_runscript "from=${BASH_SOURCE[1]##*/}"; }
    warning() { record warning "$@"; }
    error() { record error "$@"; }
    unset -f add_systemd_unit
    HOOKS=(base udev memdisk-phram archiso)
}

# assert_called LINE: that exact call was recorded.
assert_called() {
    grep -qxF -- "$1" "$CALLS" || {
        echo "expected call: $1"
        echo "recorded calls:"
        sed 's/^/  /' "$CALLS"
        return 1
    }
}

# refute_calls REGEX: no recorded call matches REGEX (grep -E). bats runs
# tests with set -e, which ignores "! cmd": use this instead.
refute_calls() {
    if grep -Eq -- "$1" "$CALLS"; then
        echo "unexpected call matching: $1"
        grep -E -- "$1" "$CALLS" | sed 's/^/  /'
        return 1
    fi
}
