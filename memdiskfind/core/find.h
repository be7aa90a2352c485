/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The finder: locate the active MEMDISK in a window of low physical memory.
 * Pure: no I/O, no allocation; the caller supplies the bytes.
 */
#ifndef MEMDISKFIND_FIND_H
#define MEMDISKFIND_FIND_H

#include "lowmem.h"
#include "memdisk.h"

#define BDA_BASE_MEM_KIB 0x413u	     /* u16: free base memory in KiB */
#define IVT_INT13	 (0x13u * 4) /* u32 seg:off of the INT 13h handler */
#define SCAN_STEP	 16u	     /* MEMDISK aligns its mBFT on 16 bytes */
#define SCAN_FLOOR	 0x10000u    /* never scan below 64 KiB */
#define HOOK_CHAIN_MAX	 8u	     /* chained INT 13h safe hooks we follow */

/* Safe hook ("$INT13SF" convention, syslinux memdisk/memdisk.inc). */
#define HOOK_SIGNATURE 3u  /* "$INT13SF" */
#define HOOK_VENDOR    11u /* "MEMDISK " */
#define HOOK_OLD_HOOK  19u /* seg:off of the previous INT 13h handler */
#define HOOK_MBFT      27u /* u32 physical address of MEMDISK's mBFT */
#define HOOK_LEN       31u

/* What verbose mode is told, step by step. */
enum memdisk_step {
	STEP_INT13_HOOK,  /* addr: a handler on the INT 13h chain; reason: its verdict */
	STEP_INT13_TABLE, /* addr: the mBFT a MEMDISK safe hook names */
	STEP_SCAN_WINDOW, /* addr: scan start; value: scan end */
	STEP_SCAN_TABLE,  /* addr: an "mBFT" signature found by the scan */
	STEP_SHADOWED,	  /* addr: a valid table that lost to the INT 13h one */
};

struct memdisk_event {
	enum memdisk_step step;
	uint32_t addr;
	uint32_t value;
	enum memdisk_reason reason;
	const struct memdisk *disk; /* set when reason is MEMDISK_OK */
};

struct memdisk_tracer {
	void (*event)(void *ctx, const struct memdisk_event *event);
	void *ctx;
};

/*
 * Finds MEMDISK in mem (physical address 0 at offset 0; addresses at or past
 * LOWMEM_END are ignored). First the INT 13h safe-hook chain (the active
 * MEMDISK), then a 16-byte scan from the BIOS base-memory start up to
 * LOWMEM_END. With a tracer, every candidate is reported, including valid
 * tables that lost to the INT 13h one.
 * Returns MEMDISK_OK and fills *disk, or the reason the last candidate failed
 * (MEMDISK_NO_TABLE when there was none).
 */
enum memdisk_reason memdisk_find(const uint8_t *mem, size_t len, struct memdisk *disk,
				 const struct memdisk_tracer *tracer);

#endif
