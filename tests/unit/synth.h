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
void put64(uint8_t *mem, uint32_t addr, uint64_t v);

/* ---- ACPI NFIT tables ---------------------------------------------------- */

/* Range-type GUIDs as ACPI 6.x writes them (text form, converted by
 * synth_guid, so that the tests do not share the core's byte tables). */
#define GUID_VIRTUAL_DISK      "77AB535A-45FC-624B-5560-F7B281D1F96E"
#define GUID_VIRTUAL_CD	       "3D5ABD30-4175-87CE-6D64-D2ADE523C4BB"
#define GUID_PERSISTENT_VDISK  "5CEA02C9-4D07-69D3-269F-4496FBE096F9"
#define GUID_PERSISTENT_VCD    "08018188-42CD-BB48-100F-5387D53DED3D"
#define GUID_PERSISTENT_MEMORY "66F0D379-B4F3-4074-AC43-0D3318B78CDB"
#define GUID_VOLATILE_MEMORY   "7305944F-FDDA-44E3-B16C-3F22D252E5D0"
#define GUID_CONTROL_REGION    "92F701F6-13B4-405D-910B-299367E8234C"

/* Room for any table the tests build. */
#define SYNTH_NFIT_MAX 4096u

/* One structure of a synthetic NFIT: an SPA range (type 0, the default),
 * or any other type as len bytes of zeros after its header. */
struct synth_nfit_struct {
	uint16_t type;
	uint16_t len; /* 0: 56 for an SPA range, 48 for other types */
	const char *guid;
	uint64_t base, length;
	uint16_t range_index;
};

/* EFI_GUID bytes (first three fields little-endian) of "XXXXXXXX-XXXX-...". */
void synth_guid(uint8_t out[16], const char *text);
/* Writes an NFIT holding the n structures (header, checksum included) into
 * buf, which holds SYNTH_NFIT_MAX bytes; returns the table length. */
uint32_t synth_nfit(uint8_t *buf, const struct synth_nfit_struct *s, size_t n);
/* Recomputes the checksum of the NFIT in buf over its header length (at most
 * SYNTH_NFIT_MAX bytes) after a test altered it. */
void synth_nfit_checksum(uint8_t *buf);

#endif
