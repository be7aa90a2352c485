#!/bin/sh
# dracut pre-pivot hook: memdisk-verify (put into an image by
# memdisk-remaster). Sourced by dracut's init or dracut-pre-pivot.service:
# no exit, no set -e. Does nothing unless the kernel command line has
# rd.memdisk.verify; then, with the live root mounted on $NEWROOT, prints the
# proof of where the live system's medium came from (see memdisk-verify).
# SPDX-License-Identifier: GPL-2.0-or-later

if [ -x /usr/lib/memdisk-phram/memdisk-verify ]; then
    /usr/lib/memdisk-phram/memdisk-verify "${NEWROOT:-/sysroot}"
fi
