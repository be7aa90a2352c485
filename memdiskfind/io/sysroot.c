// SPDX-License-Identifier: GPL-2.0-or-later
#include "io/sysroot.h"

#include <string.h>
#include <unistd.h>

static const char *sysroot;
static char path_buf[SYSROOT_BUF]; /* in .bss: costs no bytes on disk */

int sysroot_init(const char *root)
{
	sysroot = root;
	return root && strlen(root) > SYSROOT_MAX ? -1 : 0;
}

const char *sysroot_path(const char *path)
{
	const char *s = sysroot;
	char *p = path_buf;

	if (!s)
		return path;
	/* sysroot_init proved that both fit. */
	while (*s)
		*p++ = *s++;
	while ((*p++ = *path++))
		;
	return path_buf;
}

/* MEMDISK is a BIOS program; UEFI firmware describes its own RAM disks in the
 * NFIT, and Linux shows /sys/firmware/efi only when UEFI booted it. */
int sysroot_uefi(void)
{
	return access(sysroot_path(SYS_EFI), F_OK) == 0;
}
