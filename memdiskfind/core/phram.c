// SPDX-License-Identifier: GPL-2.0-or-later
#include "memdisk.h"

/* phram (Linux >= 5.11) rejects a length that is not a multiple of the erase
 * size (default PAGE_SIZE), and modprobe still exits 0: pick the largest
 * power of two, up to a page, that divides the length. */
unsigned int memdisk_erasesize(uint64_t length)
{
	/* That is the length's lowest set bit, which lies in its low 32 bits
	 * whenever it is below a page: no 64-bit arithmetic (on i386, a 64-bit
	 * % would even cost a libgcc helper of 2 KiB). */
	uint32_t low = (uint32_t)length;

	low &= -low; /* the lowest set bit; 0 when the low 32 bits are 0 */
	return low && low < MEMDISK_ERASESIZE_MAX ? low : MEMDISK_ERASESIZE_MAX;
}
