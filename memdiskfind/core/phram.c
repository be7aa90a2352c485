// SPDX-License-Identifier: GPL-2.0-or-later
#include "memdisk.h"

/* phram (Linux >= 5.11) rejects a length that is not a multiple of the erase
 * size (default PAGE_SIZE), and modprobe still exits 0: pick the largest
 * power of two, up to a page, that divides the length. */
unsigned int memdisk_erasesize(uint64_t length)
{
	unsigned int erasesize = MEMDISK_ERASESIZE_MAX;

	/* A mask, not %: a 64-bit % costs a libgcc helper (2 KiB) on i386. */
	while (erasesize > 1 && (length & (erasesize - 1)))
		erasesize >>= 1;
	return erasesize;
}
