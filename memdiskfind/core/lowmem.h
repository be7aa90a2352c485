/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Bounds-checked little-endian reads from a window of physical memory.
 *
 * The window is a byte buffer in which offset N is physical address N (or,
 * for an ACPI table read from a file, offset N of the table). Every
 * address here comes from memory that anyone before us could have written, so
 * nothing is read before its whole extent is proven to lie inside the window.
 */
#ifndef MEMDISKFIND_LOWMEM_H
#define MEMDISKFIND_LOWMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Real-mode memory that MEMDISK's tables can live in: 0 up to the VGA hole. */
#define LOWMEM_END 0xA0000u

struct lowmem {
	const uint8_t *bytes;
	size_t len;
};

/* True when [addr, addr + n) lies inside the window (no overflow possible). */
bool lowmem_has(const struct lowmem *mem, uint32_t addr, size_t n);

/* Each returns false, leaving *out untouched, when the field is outside. */
bool lowmem_u8(const struct lowmem *mem, uint32_t addr, uint8_t *out);
bool lowmem_u16(const struct lowmem *mem, uint32_t addr, uint16_t *out);
bool lowmem_u32(const struct lowmem *mem, uint32_t addr, uint32_t *out);

/*
 * The field at addr, inside a range that the caller has already proven to lie
 * in the window (lowmem_has: a table's header, then its whole length): the
 * bounds are checked once per table, not once per field. A few bytes of
 * inlined code each instead of a call with an out-pointer: that is about 1
 * in 40 of the klibc-static binary.
 */
static inline uint16_t lowmem_at16(const struct lowmem *mem, uint32_t addr)
{
	const uint8_t *p = mem->bytes + addr;

	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t lowmem_at32(const struct lowmem *mem, uint32_t addr)
{
	const uint8_t *p = mem->bytes + addr;

	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t lowmem_at64(const struct lowmem *mem, uint32_t addr)
{
	return (uint64_t)lowmem_at32(mem, addr + 4) << 32 | lowmem_at32(mem, addr);
}

/* The 8-bit sum of the n bytes at addr, which the caller proved inside:
 * ACPI-style tables are valid when it is 0. */
uint8_t lowmem_sum8(const struct lowmem *mem, uint32_t addr, uint32_t n);

/* Compares n bytes at addr with s (a string or bytes); false when they
 * differ or are outside. */
bool lowmem_equals(const struct lowmem *mem, uint32_t addr, const void *s, size_t n);

/* Real-mode far pointer (offset in the low 16 bits, segment in the high 16). */
uint32_t lowmem_segoff_to_phys(uint32_t segoff);

#endif
