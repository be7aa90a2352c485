/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The RAM disks of an ACPI NFIT (NVDIMM Firmware Interface Table). UEFI
 * firmware that HTTP-boots an ISO or disk image (EDK2's RamDiskDxe) keeps it
 * in reserved memory and describes it there by an SPA range whose type GUID
 * says "virtual CD" or "virtual disk".
 * Pure: no I/O, no allocation; the caller supplies the table's bytes.
 *
 * Layout (ACPI 6.x, "NVDIMM Firmware Interface Table"): a 36-byte ACPI
 * header, 4 reserved bytes, then structures, each starting with u16 type and
 * u16 length. Only SPA range structures (type 0) are read; a real NVDIMM's
 * persistent-memory range and every other range type are never a RAM disk.
 */
#ifndef MEMDISKFIND_NFIT_H
#define MEMDISKFIND_NFIT_H

#include <stddef.h>
#include <stdint.h>

#define NFIT_SIGNATURE	   "NFIT"
#define NFIT_HEADER_LEN	   36u /* ACPI description header */
#define NFIT_FIRST_STRUCT  40u /* header + 4 reserved bytes */
#define NFIT_STRUCT_HEADER 4u  /* u16 type, u16 length */
#define NFIT_TYPE_SPA	   0u  /* System Physical Address range */

/* Fields of an SPA range structure. */
#define SPA_RANGE_INDEX 4u  /* u16, referenced by the NVDIMM region mappings */
#define SPA_TYPE_GUID	16u /* 16 bytes, EFI_GUID byte order */
#define SPA_BASE	32u /* u64 physical address */
#define SPA_LENGTH	40u /* u64 bytes */
/* The fields read end here; the structure is 56 bytes (64 with ACPI 6.3's
 * location cookie). */
#define SPA_MIN_LEN 48u

#define NFIT_GUID_LEN 16u

/* Why a table, a structure or a range was not accepted. */
enum nfit_reason {
	NFIT_OK = 0,
	NFIT_NO_RAMDISK,	/* a valid table without any RAM-disk range */
	NFIT_TRUNCATED,		/* fewer bytes than the 36-byte header */
	NFIT_BAD_SIGNATURE,	/* not "NFIT" */
	NFIT_LENGTH_SHORT,	/* header length < 40 */
	NFIT_LENGTH_PAST_END,	/* header length runs past the bytes given */
	NFIT_BAD_CHECKSUM,	/* 8-bit sum of the table is not 0 */
	NFIT_STRUCT_SHORT,	/* a structure's length < 4 (0 included) */
	NFIT_STRUCT_PAST_END,	/* a structure runs past the table */
	NFIT_SPA_SHORT,		/* an SPA structure too short for base and length */
	NFIT_PERSISTENT_MEMORY, /* a real NVDIMM's range: never a RAM disk */
	NFIT_NOT_RAMDISK,	/* any other range type */
	NFIT_ZERO_LENGTH,	/* a RAM-disk range of 0 bytes */
	NFIT_OVERFLOW,		/* base + length wraps around 2^64 */
	NFIT_REASON_COUNT
};

enum nfit_kind { NFIT_DISK, NFIT_CD };

struct nfit_ramdisk {
	uint64_t base;
	uint64_t length;
	uint32_t offset;      /* of its SPA structure in the table */
	uint16_t range_index; /* the SPA range index */
	uint8_t kind;	      /* enum nfit_kind */
	uint8_t persistent;   /* the "persistent" GUID variant (still RAM) */
};

/* RAM disks kept in nfit_ramdisks.all; more are counted, and chosen among. */
#define NFIT_RAMDISKS_MAX 16u

struct nfit_ramdisks {
	unsigned int count;			    /* RAM disks in the table */
	struct nfit_ramdisk chosen;		    /* the first CD, else the first disk */
	struct nfit_ramdisk all[NFIT_RAMDISKS_MAX]; /* the first ones, in table order */
};

/* What verbose mode is told, step by step, in table order. */
enum nfit_step {
	NFIT_STEP_TABLE, /* the header's verdict (offset 0), or a structure
			    (offset) that breaks a rule: the table is rejected;
			    value: the header length */
	NFIT_STEP_RANGE, /* offset: an SPA range structure; value: its range
			    index; reason: its verdict, disk when a RAM disk */
};

struct nfit_event {
	enum nfit_step step;
	uint32_t offset;
	uint32_t value;
	enum nfit_reason reason;
	const struct nfit_ramdisk *disk;
};

struct nfit_tracer {
	void (*event)(void *ctx, const struct nfit_event *event);
	void *ctx;
};

/*
 * Validates the NFIT in table[0, len) (signature, header length, checksum,
 * every structure's length) and collects its RAM-disk ranges. A table that
 * breaks a rule yields no RAM disk at all, whatever came before the broken
 * structure. Returns NFIT_OK with found->chosen set when there is at least
 * one RAM disk, else the reason there is none: the table's, that of a broken
 * RAM-disk range (length 0, overflow), or NFIT_NO_RAMDISK.
 */
enum nfit_reason nfit_find(const uint8_t *table, size_t len, struct nfit_ramdisks *found,
			   const struct nfit_tracer *tracer);

const char *nfit_reason_text(enum nfit_reason reason);

#endif
