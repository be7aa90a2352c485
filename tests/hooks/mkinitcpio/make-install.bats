#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
#
# `make install-mkinitcpio DESTDIR=... PREFIX=...`: the files land under
# $(PREFIX)/lib/initcpio/{install,hooks,udev}, and the installed install hook
# looks for the runtime in $(PKGLIBDIR) and for the rule and unit beside it.

load helpers

setup() {
    common_setup
    DEST=$BATS_TEST_TMPDIR/dest
}

@test "make install-mkinitcpio honours DESTDIR, PREFIX and PKGLIBDIR" {
    [ -f "$TOP/udev/61-memdisk-phram.rules" ] || skip "the shared udev rule is not in the tree yet"
    run make -s -C "$TOP" install-mkinitcpio DESTDIR="$DEST" PREFIX=/opt/mp PKGLIBDIR=/opt/mp/libexec/mp
    echo "$output"
    [ "$status" -eq 0 ]
    ic=$DEST/opt/mp/lib/initcpio
    [ -f "$ic/install/memdisk-phram" ]
    [ -f "$ic/hooks/memdisk-phram" ]
    [ -f "$ic/udev/61-memdisk-phram.rules" ]
    [ -f "$ic/memdisk-phram.service" ]
    cmp "$ic/hooks/memdisk-phram" "$TOP/hooks/mkinitcpio/hooks/memdisk-phram"
    cmp "$ic/udev/61-memdisk-phram.rules" "$TOP/udev/61-memdisk-phram.rules"
    grep -qx '_memdisk_phram_libdir=/opt/mp/libexec/mp' "$ic/install/memdisk-phram"
    grep -qx '_memdisk_phram_initcpiodir=/opt/mp/lib/initcpio' "$ic/install/memdisk-phram"
    # The rest of the file is the source's.
    diff <(grep -v '^_memdisk_phram_\(lib\|initcpio\)dir=' "$ic/install/memdisk-phram") \
        <(grep -v '^_memdisk_phram_\(lib\|initcpio\)dir=' "$TOP/hooks/mkinitcpio/install/memdisk-phram")
    # Not executable: mkinitcpio sources these files.
    [ ! -x "$ic/install/memdisk-phram" ]
}

@test "the installed install hook adds the runtime from PKGLIBDIR" {
    [ -f "$TOP/udev/61-memdisk-phram.rules" ] || skip "the shared udev rule is not in the tree yet"
    make -s -C "$TOP" install-mkinitcpio DESTDIR="$DEST" PREFIX=/opt/mp PKGLIBDIR=/opt/mp/libexec/mp
    stub_install_helpers
    unset MEMDISK_PHRAM_LIBDIR MEMDISK_PHRAM_INITCPIODIR
    # shellcheck disable=SC1091
    . "$DEST/opt/mp/lib/initcpio/install/memdisk-phram"
    # Nothing is installed under /opt/mp on this host: the hook says it
    # looked for the runtime's list there.
    run build
    [ "$status" -ne 0 ]
    assert_called "error memdisk-phram: /opt/mp/libexec/mp/runtime.list is missing; reinstall memdisk-phram"
    # The runtime installed too (under DESTDIR, as a package build stages
    # it): the hook adds it from there, and the rule by name (it is not
    # under /opt/mp on this host).
    make -s -C "$TOP" install-runtime install-finder install-copy DESTDIR="$DEST" PREFIX=/opt/mp PKGLIBDIR=/opt/mp/libexec/mp
    : >"$CALLS"
    MEMDISK_PHRAM_LIBDIR=$DEST/opt/mp/libexec/mp build
    assert_called "add_binary $DEST/opt/mp/libexec/mp/memdisk-attach /usr/lib/memdisk-phram/memdisk-attach"
    assert_called "add_binary $DEST/opt/mp/libexec/mp/memdiskfind /usr/lib/memdisk-phram/memdiskfind"
    assert_called "add_file $DEST/opt/mp/libexec/mp/attach/backend-phram.sh /usr/lib/memdisk-phram/attach/backend-phram.sh 644"
    assert_called "add_udev_rule 61-memdisk-phram.rules"
}
