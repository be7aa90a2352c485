#!/bin/sh
# dracut pre-udev hook (module memdisk-phram): attach the MEMDISK image.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Sourced by dracut's init (or by dracut-pre-udev.service): never exit, no
# set -e. The work runs in a subshell function, so no variable leaks into
# dracut's init; the function itself is unset again afterwards.
#
# memdisk-attach does the work (find MEMDISK, phram, mtdblock, bounded wait)
# and reads the rd.memdisk.* options from /proc/cmdline itself. They are read
# here too, through dracut's getarg/getargbool, which also see
# /etc/cmdline.d/*.conf: rd.memdisk=0 skips the hook altogether (a disabled
# toolkit costs nothing), rd.memdisk.rw, rd.memdisk.debug and
# rd.memdisk.timeout=SECONDS become memdisk-attach's options. The device's "add" event is replayed
# by udev's coldplug, which runs 61-memdisk-phram.rules: /dev/memdisk and
# /dev/disk/by-label|by-uuid links, which root=live:CDLABEL=... waits for.

# shellcheck source=/dev/null # dracut's library, in the initramfs only
type getargbool > /dev/null 2>&1 || . /lib/dracut-lib.sh

# dracut-ng's "memdisk" module (cmdline/30, after this hook in such an image)
# runs `modprobe mtdblock` under `set -e`: with mtdblock_ro loaded that
# fails (both drivers claim one major) and stops the boot. Load mtdblock
# first; memdisk-attach then uses the loaded driver. The device is not
# read-only then, but the live medium is mounted read-only all the same.
memdisk_phram_theirs() (
    for _f in "${hookdir:-/var/lib/dracut/hooks}"/cmdline/*-memdisk.sh; do
        [ -f "$_f" ] && return 0
    done
    return 1
)

memdisk_phram_attach() (
    set --
    if memdisk_phram_theirs && [ ! -d /sys/module/mtdblock_ro ]; then
        modprobe mtdblock 2>/dev/null ||
            warn "memdisk-phram: cannot load mtdblock for dracut's memdisk module"
    fi
    getargbool 0 rd.memdisk.rw && set -- "$@" --rw
    getargbool 0 rd.memdisk.debug && set -- "$@" --debug
    _timeout=$(getarg rd.memdisk.timeout=) && [ -n "$_timeout" ] && set -- "$@" --timeout "$_timeout"
    _dev=$(/usr/lib/memdisk-phram/memdisk-attach "$@")
    _rc=$?
    case $_rc in
        0)
            case $_dev in
                /dev/pmem*) info "memdisk-phram: the UEFI firmware's RAM disk attached as $_dev" ;;
                *) info "memdisk-phram: MEMDISK image attached as $_dev" ;;
            esac
            ;;
        1)
            # No MEMDISK: the normal case when booted from a disk or a CD.
            # rd.memdisk=1 means the user expected one.
            if getargbool 0 rd.memdisk; then
                warn "memdisk-phram: rd.memdisk=1 but no MEMDISK image was found"
            fi
            ;;
        *)
            warn "memdisk-phram: the MEMDISK image could not be attached (exit $_rc)"
            ;;
    esac
)

if getargbool 1 rd.memdisk; then
    memdisk_phram_attach
else
    info "memdisk-phram: disabled by rd.memdisk=0"
fi
unset -f memdisk_phram_attach memdisk_phram_theirs
