/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * copyplan.h: how memdisk-copy walks a range of physical memory through
 * page-aligned mmap windows of /dev/mem (read() returns zeros for pages
 * below 1 MiB that are part RAM and fails above high memory; mmap shows the
 * real bytes). Pure: no I/O, every length bounded.
 */
#ifndef MEMDISK_COPYPLAN_H
#define MEMDISK_COPYPLAN_H

#include <stddef.h>
#include <stdint.h>

/* MEMDISK is a 32-bit program: its images lie below 4 GiB. */
#define COPY_LIMIT ((uint64_t)1 << 32)

struct copy_window {
	uint64_t map_off; /* page-aligned offset to mmap at */
	uint64_t map_len; /* a whole number of pages, <= the window size */
	uint64_t skip;	  /* bytes of the mapping before the first one to copy */
	uint64_t take;	  /* bytes to copy from map_off + skip */
};

/* 0 when [start, start + len) is a non-empty range that ends at or below
 * limit (no overflow), -1 otherwise. */
int copy_range_ok(uint64_t start, uint64_t len, uint64_t limit);

/*
 * The window that copies the bytes from start + done on: page is the page
 * size (a power of two), window the largest mapping wanted (a multiple of
 * page, at least one page). Returns 0 and fills *w, or -1 when done >= len
 * or an argument is invalid. Successive windows (done += w->take) cover the
 * range exactly once.
 */
int copy_next_window(uint64_t start, uint64_t len, uint64_t done, uint64_t page, uint64_t window,
		     struct copy_window *w);

/* A decimal or 0x-hexadecimal number, the whole string (no sign, no
 * spaces, no octal); 0 and *out on success, -1 otherwise. */
int copy_parse_u64(const char *s, uint64_t *out);

#endif
