/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Synthetic low memory for the tests: a zeroed 640 KiB window into which the
 * tests place what MEMDISK leaves behind (BDA word, INT 13h vector, safe
 * hook, mBFT, command line), or broken variants of it.
 */
#ifndef TESTS_SYNTH_H
#define TESTS_SYNTH_H

#include <stddef.h>
#include <stdint.h>

#define SYNTH_LEN 0xA0000u

struct synth_table {
	uint32_t addr;	    /* where the mBFT goes (16-byte aligned) */
	uint16_t mdi_bytes; /* 30 for MEMDISK >= 4.00; 0 means 30 */
	uint32_t diskbuf;
	uint32_t disksize; /* sectors */
	uint8_t sector_shift;
	uint8_t version_major, version_minor;
	uint32_t safe_hook;    /* physical address stored in the mBFT */
	uint32_t cmdline_addr; /* 0: right after the table */
	const char *cmdline;   /* NULL: no bytes written */
};

/* Zeroes mem and sets the BIOS base-memory word (KiB). */
void synth_init(uint8_t *mem, uint16_t base_kib);
/* Writes the table (and its command line) with a correct checksum. */
void synth_table(uint8_t *mem, const struct synth_table *t);
/* Recomputes the checksum of the table at addr after a test altered it. */
void synth_checksum(uint8_t *mem, uint32_t addr);
/* Writes a "$INT13SF" safe hook with the given vendor at hook. */
void synth_hook(uint8_t *mem, uint32_t hook, const char *vendor, uint32_t old_hook_segoff,
		uint32_t mbft);
/* Points the INT 13h vector at phys (as seg:off). */
void synth_vector(uint8_t *mem, uint32_t phys);
/* seg:off with a 16-byte-aligned segment for a physical address < 1 MiB. */
uint32_t synth_segoff(uint32_t phys);
/* A MEMDISK the way 6.04 leaves it on the fixtures: hook at 0x9f00a, mBFT at
 * 0x9f660, ISO of sectors 2 KiB sectors at diskbuf, command line "iso raw". */
void synth_memdisk(uint8_t *mem, uint32_t diskbuf, uint32_t sectors);
void put32(uint8_t *mem, uint32_t addr, uint32_t v);
void put16(uint8_t *mem, uint32_t addr, uint16_t v);

#endif
