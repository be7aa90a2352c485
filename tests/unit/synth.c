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

void put64(uint8_t *mem, uint32_t addr, uint64_t v)
{
	put32(mem, addr, (uint32_t)v);
	put32(mem, addr + 4, (uint32_t)(v >> 32));
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

static unsigned int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned int)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (unsigned int)(c - 'a' + 10);
	return (unsigned int)(c - 'A' + 10);
}

/* The bytes of the text's hex digits in text order, then the first three
 * fields (4, 2 and 2 bytes) reversed: EFI_GUID keeps them little-endian. */
void synth_guid(uint8_t out[16], const char *text)
{
	static const uint8_t order[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
	uint8_t raw[16];
	size_t i = 0;

	for (; *text && i < 32; text++) {
		if (*text == '-')
			continue;
		if (i % 2 == 0)
			raw[i / 2] = (uint8_t)(hex_digit(*text) << 4);
		else
			raw[i / 2] = (uint8_t)(raw[i / 2] | hex_digit(*text));
		i++;
	}
	for (i = 0; i < 16; i++)
		out[i] = raw[order[i]];
}

void synth_nfit_checksum(uint8_t *buf)
{
	uint32_t length = get32(buf, 4), i;
	uint8_t sum = 0;

	buf[9] = 0;
	for (i = 0; i < length && i < SYNTH_NFIT_MAX; i++)
		sum = (uint8_t)(sum + buf[i]);
	buf[9] = (uint8_t)-sum;
}

uint32_t synth_nfit(uint8_t *buf, const struct synth_nfit_struct *s, size_t n)
{
	uint32_t off = 40;
	uint16_t len;
	size_t i;

	memset(buf, 0, SYNTH_NFIT_MAX);
	memcpy(buf, "NFIT", 4);
	buf[8] = 1; /* revision */
	memcpy(buf + 10, "SYNTH ", 6);
	memcpy(buf + 16, "RAMDISK ", 8);
	put32(buf, 24, 1);
	memcpy(buf + 28, "TEST", 4);
	put32(buf, 32, 1);
	for (i = 0; i < n; i++, off += len) {
		len = s[i].len ? s[i].len : (s[i].type == 0 ? 56 : 48);
		if (off + len > SYNTH_NFIT_MAX)
			break;
		put16(buf, off, s[i].type);
		put16(buf, off + 2, len);
		if (s[i].type != 0)
			continue;
		put16(buf, off + 4, s[i].range_index);
		if (len >= 32 && s[i].guid)
			synth_guid(buf + off + 16, s[i].guid);
		if (len >= 40)
			put64(buf, off + 32, s[i].base);
		if (len >= 48)
			put64(buf, off + 40, s[i].length);
		if (len >= 56)
			put64(buf, off + 48, 0x8); /* mapping attributes: EFI_MEMORY_WB */
	}
	put32(buf, 4, off);
	synth_nfit_checksum(buf);
	return off;
}
