// SPDX-License-Identifier: GPL-2.0-or-later
#include "io/sysroot.h"

#include <string.h>
#include <unistd.h>

/* The environment, searched here rather than by getenv(): klibc's getenv
 * and the strncmp it calls cost twice this loop in the static binary. */
extern char **environ;

static const char *sysroot;
static char path_buf[SYSROOT_BUF]; /* in .bss: costs no bytes on disk */

int sysroot_init(void)
{
	char **env;
	const char *s, *name;

	for (env = environ; *env && !sysroot; env++) {
		for (s = *env, name = SYSROOT_VAR "="; *name && *s == *name; s++)
			name++;
		if (!*name)
			sysroot = s;
	}
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
