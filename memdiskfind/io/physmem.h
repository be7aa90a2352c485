/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Getting the low-memory window: /dev/mem, or a dump file for tests.
 */
#ifndef MEMDISKFIND_PHYSMEM_H
#define MEMDISKFIND_PHYSMEM_H

#include <stddef.h>
#include <stdint.h>

struct physmem {
	const uint8_t *bytes;
	size_t len;
};

/*
 * Reads physical [0, len) from path: the memory device when is_device, else a
 * raw dump (physical address 0 at offset 0) that must hold len bytes.
 * The device is mapped with mmap first: for a page below 1 MiB that is partly
 * System RAM, read() returns zeros under CONFIG_STRICT_DEVMEM while mmap shows
 * the real bytes, and MEMDISK's block is only 1 KiB aligned. pread() is the
 * fallback where mmap is refused.
 * Returns 0, an errno value, or -1 for a dump shorter than len.
 */
int physmem_read(const char *path, int is_device, size_t len, struct physmem *pm);

#endif
