/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the finder reports: the MEMDISK it accepted, or why it accepted none.
 */
#ifndef MEMDISKFIND_MEMDISK_H
#define MEMDISKFIND_MEMDISK_H

#include <stddef.h>
#include <stdint.h>

/* Why a table (or a step towards one) was not accepted. */
enum memdisk_reason {
	MEMDISK_OK = 0,
	MEMDISK_NO_TABLE,	     /* no "mBFT" signature anywhere it was looked for */
	MEMDISK_TABLE_OUTSIDE,	     /* the pointer to the table leaves the window */
	MEMDISK_BAD_SIGNATURE,	     /* the pointer does not land on "mBFT" */
	MEMDISK_LENGTH_SHORT,	     /* header length < 66: no room for the MDI */
	MEMDISK_LENGTH_PAST_END,     /* header length runs past the window */
	MEMDISK_LENGTH_MISMATCH,     /* header length != MDI bytes + 40 */
	MEMDISK_BAD_CHECKSUM,	     /* 8-bit sum of the table is not 0 */
	MEMDISK_ZERO_SIZE,	     /* disk of 0 sectors */
	MEMDISK_BAD_SECTOR_SHIFT,    /* neither 9 nor 11 (0 means 9) */
	MEMDISK_ABOVE_4G,	     /* start + size overflows 32 bits */
	MEMDISK_CMDLINE_OUTSIDE,     /* command line pointer leaves the window */
	MEMDISK_VECTOR_OUTSIDE,	     /* INT 13h vector points outside the window */
	MEMDISK_NOT_SAFE_HOOK,	     /* INT 13h handler lacks "$INT13SF" */
	MEMDISK_OTHER_HOOK,	     /* another loader's safe hook: follow its old_hook */
	MEMDISK_HOOK_CHAIN_TOO_LONG, /* more chained INT 13h hooks than we follow */
	MEMDISK_REASON_COUNT
};

/* How the accepted table was reached. */
enum memdisk_via {
	MEMDISK_VIA_INT13, /* INT 13h vector -> safe hook -> mbft: the active MEMDISK */
	MEMDISK_VIA_SCAN   /* 16-byte scan of the resident area, as syslinux does */
};

/* Longest MEMDISK command line we copy out; the real one is a few words. */
#define MEMDISK_CMDLINE_MAX 1024u

struct memdisk {
	uint32_t mbft; /* physical address of the accepted mBFT */
	enum memdisk_via via;
	uint32_t safe_hook; /* the mBFT's own pointer to its INT 13h hook */
	uint32_t start;	    /* physical address of the image */
	uint64_t size;	    /* bytes: sectors << sector shift */
	uint32_t sectors;
	uint32_t sector_size;  /* 512 or 2048 */
	uint8_t version_major; /* 6.04 -> 6 */
	uint8_t version_minor; /* 6.04 -> 4 */
	uint32_t cmdline_addr;
	const uint8_t *cmdline; /* inside the caller's buffer, not NUL-terminated */
	size_t cmdline_len;
};

const char *memdisk_reason_text(enum memdisk_reason reason);

/* The erase size to give phram for a device of length bytes. */
#define MEMDISK_ERASESIZE_MAX 4096u
unsigned int memdisk_erasesize(uint64_t length);

#endif
