#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Contract tests of hooks/mkinitcpio/install/memdisk-phram, in the manner of
# mkinitcpio's own bats suite: the install hook is sourced into bash with
# recording stubs of mkinitcpio's add_* helpers, build() is called, and the
# recorded calls are compared with what mkinitcpio's helpers expect
# (functions: add_module NAME[?], add_binary SRC [DEST [MODE]],
# add_file SRC [DEST [MODE]], add_udev_rule NAME|PATH, add_runscript (named
# after the sourcing file), add_symlink NAME [TARGET]; install/systemd:
# add_systemd_unit).

load helpers

setup() {
    common_setup
    mkdir -p "$HOSTLIB" "$HOSTINITCPIO/udev"
    # The runtime as make install lays it out: the shared list and every
    # file it requires (empty stand-ins; optional ones are left out).
    cp "$TOP/initramfs/runtime.list" "$HOSTLIB/"
    local kind path
    while read -r kind path; do
        [[ -z $kind || $kind == \#* || $kind == *\? ]] && continue
        mkdir -p "$HOSTLIB/$(dirname "$path")"
        : >"$HOSTLIB/$path"
    done <"$TOP/initramfs/runtime.list"
    cp "$TOP/udev/61-memdisk-phram.rules" "$HOSTINITCPIO/udev/" 2>/dev/null ||
        : >"$HOSTINITCPIO/udev/61-memdisk-phram.rules"
    cp "$TOP/hooks/mkinitcpio/memdisk-phram.service" "$HOSTINITCPIO/"
    export MEMDISK_PHRAM_LIBDIR=$HOSTLIB MEMDISK_PHRAM_INITCPIODIR=$HOSTINITCPIO
    stub_install_helpers
}

# build_hook: source the hook as mkinitcpio's run_build_hook does, then build.
build_hook() {
    # shellcheck disable=SC1090
    . "$INSTALL_HOOK"
    build
}

@test "busybox flavour: phram and mtdblock required, mtdblock_ro, the nfit drivers and loop optional" {
    build_hook
    assert_called "add_module phram"
    assert_called "add_module mtdblock"
    assert_called "add_module mtdblock_ro?"
    assert_called "add_module nfit?"
    assert_called "add_module libnvdimm?"
    assert_called "add_module nd_pmem?"
    assert_called "add_module nd_btt?"
    assert_called "add_module loop?"
    [ "$(grep -c '^add_module ' "$CALLS")" -eq 8 ]
}

@test "runtime.list decides: every file it requires, none of the optional ones (not installed)" {
    build_hook
    local kind path n=0
    while read -r kind path; do
        [[ -z $kind || $kind == \#* ]] && continue
        case $kind in
            elf | exec) assert_called "add_binary $HOSTLIB/$path /usr/lib/memdisk-phram/$path" ;;
            lib) assert_called "add_file $HOSTLIB/$path /usr/lib/memdisk-phram/$path 644" ;;
            *\?) refute_calls "$HOSTLIB/$path " ;;
        esac
        n=$((n + 1))
    done <"$TOP/initramfs/runtime.list"
    [ "$n" -gt 5 ]
}

@test "a missing runtime file: an error naming it, build fails" {
    rm "$HOSTLIB/attach/find.sh"
    run build_hook
    [ "$status" -ne 0 ]
    assert_called "error memdisk-phram: $HOSTLIB/attach/find.sh is missing; reinstall memdisk-phram"
    rm "$HOSTLIB/runtime.list"
    : >"$CALLS"
    run build_hook
    [ "$status" -ne 0 ]
    assert_called "error memdisk-phram: $HOSTLIB/runtime.list is missing; reinstall memdisk-phram"
}

@test "busybox flavour: runtime installed at /usr/lib/memdisk-phram in the image" {
    build_hook
    assert_called "add_binary $HOSTLIB/memdiskfind /usr/lib/memdisk-phram/memdiskfind"
    assert_called "add_binary $HOSTLIB/memdisk-attach /usr/lib/memdisk-phram/memdisk-attach"
    assert_called "add_file $HOSTLIB/memdisk-cmdline.sh /usr/lib/memdisk-phram/memdisk-cmdline.sh 644"
}

@test "partition support (memdisk-probe, phram-partitions.sh) only when installed" {
    build_hook
    refute_calls 'memdisk-probe|phram-partitions'
    : >"$HOSTLIB/memdisk-probe"
    : >"$HOSTLIB/attach/phram-partitions.sh"
    : >"$CALLS"
    build
    assert_called "add_binary $HOSTLIB/memdisk-probe /usr/lib/memdisk-phram/memdisk-probe"
    assert_called "add_file $HOSTLIB/attach/phram-partitions.sh /usr/lib/memdisk-phram/attach/phram-partitions.sh 644"
}

@test "busybox flavour: the shared udev rule, by path beside the hooks" {
    build_hook
    assert_called "add_udev_rule $HOSTINITCPIO/udev/61-memdisk-phram.rules"
    [ "$(grep -c '^add_udev_rule ' "$CALLS")" -eq 1 ]
}

@test "udev rule not beside the hooks: looked up by name in udev's rules.d" {
    rm "$HOSTINITCPIO/udev/61-memdisk-phram.rules"
    build_hook
    assert_called "add_udev_rule 61-memdisk-phram.rules"
}

@test "busybox flavour: add_runscript is called from a file named memdisk-phram" {
    build_hook
    # mkinitcpio derives the runtime hook's name from the caller's file name.
    assert_called "add_runscript from=memdisk-phram"
}

@test "busybox flavour: no systemd unit, no symlink, no warning" {
    build_hook
    refute_calls 'memdisk-phram[.]service'
    refute_calls '^add_symlink '
    refute_calls '^warning '
}

@test "systemd flavour: unit installed and enabled before initrd-root-device.target" {
    add_systemd_unit() { record add_systemd_unit "$@"; }
    HOOKS=(base systemd memdisk-phram)
    build_hook
    assert_called "add_file $HOSTINITCPIO/memdisk-phram.service /usr/lib/systemd/system/memdisk-phram.service 644"
    assert_called "add_symlink /usr/lib/systemd/system/initrd-root-device.target.wants/memdisk-phram.service /usr/lib/systemd/system/memdisk-phram.service"
    # Same runtime as the busybox flavour (the unit runs memdisk-attach).
    assert_called "add_binary $HOSTLIB/memdisk-attach /usr/lib/memdisk-phram/memdisk-attach"
    assert_called "add_udev_rule $HOSTINITCPIO/udev/61-memdisk-phram.rules"
    assert_called "add_module phram"
    refute_calls '^warning '
}

@test "systemd flavour without base in HOOKS: a warning (memdisk-attach needs a shell)" {
    add_systemd_unit() { record add_systemd_unit "$@"; }
    HOOKS=(systemd memdisk-phram)
    build_hook
    grep -q "^warning .*add 'base'" "$CALLS"
    assert_called "add_file $HOSTINITCPIO/memdisk-phram.service /usr/lib/systemd/system/memdisk-phram.service 644"
}

@test "systemd in HOOKS but listed after memdisk-phram: a warning, no unit" {
    HOOKS=(base memdisk-phram systemd)
    build_hook
    grep -q '^warning .*after .systemd' "$CALLS"
    refute_calls 'memdisk-phram[.]service'
}

@test "build leaves no new global variables behind" {
    # mkinitcpio sources every install hook into one bash process.
    # shellcheck disable=SC1090
    . "$INSTALL_HOOK"
    compgen -v | sort >"$BATS_TEST_TMPDIR/before"
    build
    compgen -v | sort >"$BATS_TEST_TMPDIR/after"
    diff "$BATS_TEST_TMPDIR/before" "$BATS_TEST_TMPDIR/after" | grep -v -e '^[0-9]' -e '^---' \
        -e 'BASH_\|FUNCNAME\|LINENO\|_$\|PIPESTATUS\|BATS_\|COLUMNS\|LINES' >"$BATS_TEST_TMPDIR/new" || true
    [ ! -s "$BATS_TEST_TMPDIR/new" ] || { cat "$BATS_TEST_TMPDIR/new"; false; }
}

@test "help: what it does, where it goes in HOOKS, the kernel parameters" {
    # shellcheck disable=SC1090
    . "$INSTALL_HOOK"
    run help
    [ "$status" -eq 0 ]
    [[ $output == *phram* ]]
    [[ $output == *"after 'udev'"* ]]
    [[ $output == *"before"*"'archiso'"* ]]
    [[ $output == *"HOOKS=(base udev memdisk-phram archiso"* ]]
    [[ $output == *"mkinitcpio's own 'memdisk' hook"* ]]
    for p in rd.memdisk=0 rd.memdisk=1 rd.memdisk.rw rd.memdisk.erasesize= rd.memdisk.phram= rd.memdisk.debug; do
        [[ $output == *"$p"* ]] || { echo "help lacks $p"; false; }
    done
}

@test "the runtime hook defines run_hook only (mkinitcpio's HOOKS list, not early/late/cleanup)" {
    # The same test mkinitcpio's add_runscript makes (function names that
    # start with run_), done with awk on the file.
    run awk '/^[[:space:]]*run_[[:alnum:]_]+[[:space:]]*\(\)/ { sub(/\(.*/, "", $1); print $1 }' "$RUNTIME_HOOK"
    [ "$output" = run_hook ]
}

@test "systemd unit: oneshot running the image's memdisk-attach, ordered for the medium" {
    unit=$TOP/hooks/mkinitcpio/memdisk-phram.service
    grep -qx 'ExecStart=/usr/lib/memdisk-phram/memdisk-attach' "$unit"
    grep -qx 'Type=oneshot' "$unit"
    grep -qx 'DefaultDependencies=no' "$unit"
    grep -qx 'SuccessExitStatus=1' "$unit"
    grep -q '^After=.*systemd-udev-trigger.service' "$unit"
    grep -q '^Before=.*initrd-root-device.target' "$unit"
    grep -qx 'WantedBy=initrd-root-device.target' "$unit"
}

@test "systemd unit: Debian's systemd parses it without a complaint (systemd-analyze verify)" {
    command -v systemd-analyze >/dev/null || skip "systemd-analyze is missing (apt-get install systemd)"
    # A root with the unit where the systemd hook puts it and the program
    # it runs, so that verify can check ExecStart; --man=no because
    # memdisk-phram(7) is not installed on the build host.
    root=$BATS_TEST_TMPDIR/root
    mkdir -p "$root/usr/lib/systemd/system" "$root/usr/lib/memdisk-phram"
    cp "$TOP/hooks/mkinitcpio/memdisk-phram.service" "$root/usr/lib/systemd/system/"
    printf '#!/bin/sh\nexit 0\n' >"$root/usr/lib/memdisk-phram/memdisk-attach"
    chmod +x "$root/usr/lib/memdisk-phram/memdisk-attach"
    run systemd-analyze verify --man=no --root="$root" memdisk-phram.service
    echo "$output"
    [ "$status" -eq 0 ]
    [ -z "$output" ]
}
