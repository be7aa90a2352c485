// SPDX-License-Identifier: GPL-2.0-or-later
#include "mbft.h"

/* MEMDISK is a 32-bit program: the image must end at or below 4 GiB. */
#define ADDRESS_LIMIT (UINT64_C(1) << 32)

/* Checks in the order a reader trusts the bytes: signature, then a length
 * that fits the window, then the checksum over that length. */
static enum memdisk_reason check_header(const struct lowmem *mem, uint32_t addr, uint32_t *length)
{
	if (!lowmem_has(mem, addr, MBFT_HEADER_LEN))
		return MEMDISK_TABLE_OUTSIDE;
	if (!lowmem_equals(mem, addr, MBFT_SIGNATURE, 4))
		return MEMDISK_BAD_SIGNATURE;
	*length = lowmem_at32(mem, addr + 4); /* inside the header */
	if (*length < MBFT_MIN_LEN)
		return MEMDISK_LENGTH_SHORT;
	if (!lowmem_has(mem, addr, *length))
		return MEMDISK_LENGTH_PAST_END;
	/* From here on [addr, addr + length) is inside, and length >= 66. */
	if (*length != (uint32_t)lowmem_at16(mem, addr + MBFT_MDI + MDI_BYTES) + MBFT_MDI)
		return MEMDISK_LENGTH_MISMATCH;
	return MEMDISK_OK;
}

/* Bounded copy-out of the NUL-terminated command line: stops at the NUL,
 * the end of the window or MEMDISK_CMDLINE_MAX, whichever comes first. */
static enum memdisk_reason read_cmdline(const struct lowmem *mem, uint32_t segoff,
					struct memdisk *disk)
{
	uint32_t addr = lowmem_segoff_to_phys(segoff);
	size_t n = 0, left;

	if (!lowmem_has(mem, addr, 1))
		return MEMDISK_CMDLINE_OUTSIDE;
	left = mem->len - addr; /* >= 1, by the check above */
	while (n < MEMDISK_CMDLINE_MAX && n < left && mem->bytes[addr + n])
		n++;
	disk->cmdline_addr = addr;
	disk->cmdline = mem->bytes + addr;
	disk->cmdline_len = n;
	return MEMDISK_OK;
}

enum memdisk_reason mbft_decode(const struct lowmem *mem, uint32_t addr, struct memdisk *disk)
{
	const uint32_t mdi = addr + MBFT_MDI;
	uint32_t length, diskbuf, disksize, cmdline;
	uint8_t shift = 9;
	enum memdisk_reason why;

	why = check_header(mem, addr, &length);
	if (why != MEMDISK_OK)
		return why;
	if (lowmem_sum8(mem, addr, length))
		return MEMDISK_BAD_CHECKSUM;

	/* The header proved [addr, addr + length) is inside and length >= 66,
	 * so every MDI field below up to offset 26 is inside too; the sector
	 * shift (offset 27) is when the MDI says it has more than 27 bytes
	 * (length == MDI bytes + 40). */
	diskbuf = lowmem_at32(mem, mdi + MDI_DISKBUF);
	disksize = lowmem_at32(mem, mdi + MDI_DISKSIZE);
	cmdline = lowmem_at32(mem, mdi + MDI_CMDLINE);
	if (lowmem_at16(mem, mdi + MDI_BYTES) > MDI_SECTOR_SHIFT)
		shift = mem->bytes[mdi + MDI_SECTOR_SHIFT];
	if (shift == 0) /* MEMDISK before 4.00 left it 0, meaning 512 */
		shift = 9;

	if (disksize == 0)
		return MEMDISK_ZERO_SIZE;
	if (shift != 9 && shift != 11)
		return MEMDISK_BAD_SECTOR_SHIFT;
	if ((uint64_t)diskbuf + ((uint64_t)disksize << shift) > ADDRESS_LIMIT)
		return MEMDISK_ABOVE_4G;
	why = read_cmdline(mem, cmdline, disk);
	if (why != MEMDISK_OK)
		return why;

	disk->mbft = addr;
	disk->safe_hook = lowmem_at32(mem, addr + MBFT_SAFE_HOOK);
	disk->start = diskbuf;
	disk->sectors = disksize;
	disk->sector_size = 1u << shift;
	disk->size = (uint64_t)disksize << shift;
	disk->version_major = mem->bytes[mdi + MDI_VERSION_MAJOR];
	disk->version_minor = mem->bytes[mdi + MDI_VERSION_MINOR];
	return MEMDISK_OK;
}
