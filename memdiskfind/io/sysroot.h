/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The system's paths, and which firmware booted. MEMDISK_SYSROOT (for tests)
 * prefixes each of them, as it prefixes /sys, /proc and /dev in
 * memdisk-attach: a test fakes /sys/firmware/efi, the NFIT and /dev/mem.
 */
#ifndef MEMDISKFIND_SYSROOT_H
#define MEMDISKFIND_SYSROOT_H

#define SYSROOT_VAR "MEMDISK_SYSROOT"
#define SYS_DEV_MEM "/dev/mem"
#define SYS_EFI	    "/sys/firmware/efi" /* exists on a UEFI boot */
#define SYS_NFIT    "/sys/firmware/acpi/tables/NFIT"
#define SYSROOT_BUF 4096u
#define SYSROOT_MAX (SYSROOT_BUF - sizeof(SYS_NFIT)) /* SYS_NFIT is the longest */

/* Takes MEMDISK_SYSROOT's value (NULL: unset); returns -1 when it is longer
 * than SYSROOT_MAX. */
int sysroot_init(const char *root);
/* One of the paths above under MEMDISK_SYSROOT (or as it is, without it);
 * the result stays valid until the next call. */
const char *sysroot_path(const char *path);
/* 1 on a UEFI boot, else 0. */
int sysroot_uefi(void);

#endif
