/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Getting the bytes the finder parses: the low-memory window (/dev/mem, or a
 * dump file for tests), or an ACPI table (sysfs, or a dump of one).
 */
#ifndef MEMDISKFIND_PHYSMEM_H
#define MEMDISKFIND_PHYSMEM_H

#include <stddef.h>
#include <stdint.h>

enum physmem_how {
	PHYSMEM_DUMP,	/* a raw memory dump that must hold len bytes */
	PHYSMEM_DEVICE, /* the memory device: mmap first, then pread */
	PHYSMEM_FILE,	/* a small file read whole (up to len bytes) */
};

struct physmem {
	const uint8_t *bytes;
	size_t len;
};

/*
 * Reads physical [0, len) from path: the memory device, or a raw dump
 * (physical address 0 at offset 0) that must hold len bytes; or the first
 * len bytes of any other file (an ACPI table from /sys/firmware/acpi/tables),
 * however short. len is at most LOWMEM_END (640 KiB).
 * The device is mapped with mmap first: for a page below 1 MiB that is partly
 * System RAM, read() returns zeros under CONFIG_STRICT_DEVMEM while mmap shows
 * the real bytes, and MEMDISK's block is only 1 KiB aligned. pread() is the
 * fallback where mmap is refused.
 * Returns 0, an errno value, or -1 for a dump shorter than len.
 */
int physmem_read(const char *path, enum physmem_how how, size_t len, struct physmem *pm);

#endif
