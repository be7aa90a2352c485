// SPDX-License-Identifier: GPL-2.0-or-later
#include "io/sysroot.h"

#include <string.h>
#include <unistd.h>

/* getenv, from <stdlib.h>, whose klibc version redeclares abs() and trips
 * -Wshadow: declared here once instead. */
char *getenv(const char *name);

static const char *sysroot;
static char path_buf[SYSROOT_BUF]; /* in .bss: costs no bytes on disk */

int sysroot_init(void)
{
	sysroot = getenv(SYSROOT_VAR);
	return sysroot && strlen(sysroot) > SYSROOT_MAX ? -1 : 0;
}

const char *sysroot_path(const char *path)
{
	size_t n;

	if (!sysroot)
		return path;
	n = strlen(sysroot);
	memcpy(path_buf, sysroot, n);
	memcpy(path_buf + n, path, strlen(path) + 1);
	return path_buf;
}

/* MEMDISK is a BIOS program; UEFI firmware describes its own RAM disks in the
 * NFIT, and Linux shows /sys/firmware/efi only when UEFI booted it. */
int sysroot_uefi(void)
{
	return access(sysroot_path(SYS_EFI), F_OK) == 0;
}
