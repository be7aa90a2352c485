/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One mBFT ("MEMDISK Boot Firmware Table") candidate: validation and decoding.
 * Layout (syslinux memdisk/mstructs.h): a 36-byte ACPI header, the physical
 * address of MEMDISK's INT 13h safe hook, then the MDI (MEMDISK info).
 */
#ifndef MEMDISKFIND_MBFT_H
#define MEMDISKFIND_MBFT_H

#include "lowmem.h"
#include "memdisk.h"

#define MBFT_SIGNATURE	"mBFT"
#define MBFT_HEADER_LEN 36u /* ACPI description header */
#define MBFT_SAFE_HOOK	36u /* u32 physical address of the safe hook */
#define MBFT_MDI	40u /* the MDI starts here; length == MDI bytes + 40 */
#define MBFT_MIN_LEN	66u /* header + safe hook + the oldest (26-byte) MDI */

/* Field offsets inside the MDI. */
#define MDI_BYTES	  0u /* u16 size of the MDI */
#define MDI_VERSION_MINOR 2u
#define MDI_VERSION_MAJOR 3u
#define MDI_DISKBUF	  4u  /* u32 physical address of the image */
#define MDI_DISKSIZE	  8u  /* u32 size in sectors */
#define MDI_CMDLINE	  12u /* seg:off of MEMDISK's NUL-terminated command line */
#define MDI_SECTOR_SHIFT  27u /* u8, present when the MDI has >= 28 bytes */

/*
 * Validates the table at physical address addr and, when it is accepted,
 * fills *disk (via is left to the caller). Returns MEMDISK_OK or the first
 * rule it breaks.
 */
enum memdisk_reason mbft_decode(const struct lowmem *mem, uint32_t addr, struct memdisk *disk);

#endif
