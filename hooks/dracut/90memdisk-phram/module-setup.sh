#!/bin/bash
# dracut module memdisk-phram: attach the image syslinux MEMDISK left in memory
# (phram + mtdblock), or on UEFI the firmware's NFIT RAM disk (HTTP Boot of
# an ISO: nfit + nd_pmem, /dev/pmemN), before udev's coldplug, so that
# root=live:CDLABEL=... (dmsquash-live) or any root= by label/UUID finds the
# booted ISO.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The install paths of the pieces (the PKGLIBDIR and UDEVRULESDIR
# placeholders below) are filled in by `make install-dracut`; in the image
# the pieces always live in /usr/lib/memdisk-phram.
# MEMDISK_PHRAM_DESTDIR (unset normally) is prepended to both, so that an
# initramfs can be built from a `make install DESTDIR=...` staging tree.

# called by dracut
check() {
    local _lib="${MEMDISK_PHRAM_DESTDIR-}@PKGLIBDIR@" _kind _path
    for _path in "$_lib/runtime.list" "${MEMDISK_PHRAM_DESTDIR-}@UDEVRULESDIR@/61-memdisk-phram.rules"; do
        if [[ ! -f $_path ]]; then
            dwarn "memdisk-phram: $_path is missing"
            return 1
        fi
    done
    # Every file the shared list names, but the optional ones (KIND?).
    while read -r _kind _path; do
        [[ -z $_kind || $_kind == \#* || $_kind == *\? ]] && continue
        if [[ ! -f $_lib/$_path ]]; then
            dwarn "memdisk-phram: $_lib/$_path is missing"
            return 1
        fi
    done < "$_lib/runtime.list"
    # Only when asked for (-m/--add, add_dracutmodules+=): a host booted from
    # disk never needs it, and hostonly images are not built for MEMDISK.
    return 255
}

# called by dracut
depends() {
    # udevd, blkid and 60-persistent-storage come with udev-rules.
    echo udev-rules
    return 0
}

# called by dracut
installkernel() {
    # hostonly='' : the host that builds the image has no phram device, so
    # hostonly filtering would drop these. memdisk-attach picks mtdblock_ro
    # (read-only) or mtdblock; missing ones (older kernels) are skipped.
    # nfit, libnvdimm, nd_pmem, nd_btt: a UEFI firmware's RAM disk (HTTP
    # Boot of an ISO, in the ACPI NFIT) becomes /dev/pmemN through them;
    # loop: the copy fallback of kernels without phram (Fedora, RHEL).
    hostonly='' instmods phram mtd mtdblock mtdblock_ro nfit libnvdimm nd_pmem nd_btt loop
}

# called by dracut
# shellcheck disable=SC2154 # moddir and udevdir are set by dracut
install() {
    local _lib="${MEMDISK_PHRAM_DESTDIR-}@PKGLIBDIR@"

    local _kind _path
    # The runtime, as the list shared by every generator's hook names it:
    # programs (elf: normally the static klibc finder; inst_binary also
    # brings the libraries of a glibc build and of memdisk-probe), and the
    # scripts with inst_simple, not inst_script: the image's /bin/sh (bash,
    # dash or busybox, whichever the other modules chose) runs
    # memdisk-attach, and installing the host's /bin/sh from here would
    # change that choice. Optional files (KIND?: memdisk-probe and
    # phram-partitions.sh, for partitioned disk images) when installed.
    while read -r _kind _path; do
        [[ -z $_kind || $_kind == \#* ]] && continue
        [[ $_kind == *\? && ! -f $_lib/$_path ]] && continue
        case $_kind in
            elf*) inst_binary "$_lib/$_path" "/usr/lib/memdisk-phram/$_path" ;;
            *) inst_simple "$_lib/$_path" "/usr/lib/memdisk-phram/$_path" ;;
        esac
    done < "$_lib/runtime.list"
    # What memdisk-attach runs besides shell builtins (most are in base).
    inst_multiple -o modprobe blkid mount dmesg uname mknod sleep
    # The copy fallback (backend-copy.sh): a loop device over a tmpfs.
    inst_multiple -o losetup umount
    # The rule, as udev's own rules are laid out. inst_simple again: the
    # only program it runs is /bin/sh, which every dracut image has.
    inst_simple "${MEMDISK_PHRAM_DESTDIR-}@UDEVRULESDIR@/61-memdisk-phram.rules" \
        "${udevdir}/rules.d/61-memdisk-phram.rules"
    # pre-udev: after the cmdline hooks (dmsquash-live's parser at cmdline/30
    # has set up the wait for root=live:...), before udevd starts, so that
    # the coldplug trigger replays the mtdblock "add" event through the rule.
    # The same hook point runs as dracut-pre-udev.service in systemd images.
    # Beside dracut-ng's own "memdisk" module, whose cmdline/30 hook runs
    # with `set -e` and stops the boot when its `modprobe phram` fails (every
    # odd-sector ISO), ours runs first, at cmdline/29: the image is then
    # attached (/dev/mtd0 exists, so their loop is skipped), and the hook
    # loads mtdblock for their unconditional `modprobe mtdblock`. Their
    # `set -e` stays on in dracut's shell after their hook: the next hook in
    # order (30-memdisk_phram-errexit.sh) switches it off.
    if dracut_module_included memdisk; then
        inst_hook cmdline 29 "$moddir/memdisk-phram-attach.sh"
        inst_hook cmdline 30 "$moddir/memdisk_phram-errexit.sh"
    else
        inst_hook pre-udev 10 "$moddir/memdisk-phram-attach.sh"
    fi
}
