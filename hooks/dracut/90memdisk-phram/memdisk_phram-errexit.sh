#!/bin/sh
# dracut cmdline hook (module memdisk-phram), installed only beside
# dracut-ng's own "memdisk" module, whose cmdline/30 hook (30-memdisk.sh)
# runs `set -e` in dracut's shell and leaves it on. This file sorts right
# after it (30-memdisk_phram-errexit.sh) and switches errexit off again, so
# that the next hooks and dracut's init run as they were written: without it,
# the first command that fails (dmsquash-live's parse-iso-scan.sh, for one:
# `isofile=$(getarg iso-scan/filename)` without that option) ends the init.
# SPDX-License-Identifier: GPL-2.0-or-later
# Sourced by dracut: no exit.
set +e
