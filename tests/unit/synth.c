// SPDX-License-Identifier: GPL-2.0-or-later
#include "synth.h"

#include <string.h>

void put16(uint8_t *mem, uint32_t addr, uint16_t v)
{
	mem[addr] = (uint8_t)v;
	mem[addr + 1] = (uint8_t)(v >> 8);
}

void put32(uint8_t *mem, uint32_t addr, uint32_t v)
{
	put16(mem, addr, (uint16_t)v);
	put16(mem, addr + 2, (uint16_t)(v >> 16));
}

static uint32_t get32(const uint8_t *mem, uint32_t addr)
{
	return (uint32_t)mem[addr] | (uint32_t)mem[addr + 1] << 8 | (uint32_t)mem[addr + 2] << 16 |
	       (uint32_t)mem[addr + 3] << 24;
}

uint32_t synth_segoff(uint32_t phys)
{
	return (phys >> 4) << 16 | (phys & 15);
}

void synth_init(uint8_t *mem, uint16_t base_kib)
{
	memset(mem, 0, SYNTH_LEN);
	put16(mem, 0x413, base_kib);
	/* Without MEMDISK the vector points into the BIOS ROM, out of the window. */
	put32(mem, 0x4c, 0xf000e3feu);
}

void synth_checksum(uint8_t *mem, uint32_t addr)
{
	uint32_t length = get32(mem, addr + 4), i;
	uint8_t sum = 0;

	mem[addr + 9] = 0;
	for (i = 0; i < length && addr + i < SYNTH_LEN; i++)
		sum = (uint8_t)(sum + mem[addr + i]);
	mem[addr + 9] = (uint8_t)-sum;
}

void synth_table(uint8_t *mem, const struct synth_table *t)
{
	uint16_t mdi_bytes = t->mdi_bytes ? t->mdi_bytes : 30;
	uint32_t a = t->addr, mdi = a + 40;
	uint32_t cmdline = t->cmdline_addr ? t->cmdline_addr : a + 40 + mdi_bytes + 16;

	memcpy(mem + a, "mBFT", 4);
	put32(mem, a + 4, 40u + mdi_bytes);
	mem[a + 8] = 1;
	memcpy(mem + a + 10, "MEMDSK", 6);
	memcpy(mem + a + 16, "Syslinux", 8);
	put32(mem, a + 36, t->safe_hook);
	put16(mem, mdi, mdi_bytes);
	mem[mdi + 2] = t->version_minor;
	mem[mdi + 3] = t->version_major;
	put32(mem, mdi + 4, t->diskbuf);
	put32(mem, mdi + 8, t->disksize);
	put32(mem, mdi + 12, synth_segoff(cmdline));
	if (mdi_bytes > 27)
		mem[mdi + 27] = t->sector_shift;
	if (t->cmdline)
		memcpy(mem + cmdline, t->cmdline, strlen(t->cmdline) + 1);
	synth_checksum(mem, a);
}

void synth_hook(uint8_t *mem, uint32_t hook, const char *vendor, uint32_t old_hook_segoff,
		uint32_t mbft)
{
	mem[hook] = 0xeb; /* jmp short over the header, as real hooks do */
	mem[hook + 1] = 0x1e;
	mem[hook + 2] = 0x90;
	memcpy(mem + hook + 3, "$INT13SF", 8);
	memcpy(mem + hook + 11, vendor, 8);
	put32(mem, hook + 19, old_hook_segoff);
	put32(mem, hook + 23, 0);
	put32(mem, hook + 27, mbft);
}

void synth_vector(uint8_t *mem, uint32_t phys)
{
	put32(mem, 0x4c, synth_segoff(phys));
}

void synth_memdisk(uint8_t *mem, uint32_t diskbuf, uint32_t sectors)
{
	struct synth_table t = {.addr = 0x9f660,
				.diskbuf = diskbuf,
				.disksize = sectors,
				.sector_shift = 11,
				.version_major = 6,
				.version_minor = 4,
				.safe_hook = 0x9f00a,
				.cmdline = "iso raw"};

	synth_init(mem, 0x9f000 >> 10);
	synth_table(mem, &t);
	synth_hook(mem, 0x9f00a, "MEMDISK ", 0xf000e3feu, 0x9f660);
	synth_vector(mem, 0x9f00a);
}
