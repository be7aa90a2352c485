// SPDX-License-Identifier: GPL-2.0-or-later
#include "lowmem.h"

bool lowmem_has(const struct lowmem *mem, uint32_t addr, size_t n)
{
	return addr <= mem->len && n <= mem->len - addr;
}

bool lowmem_u8(const struct lowmem *mem, uint32_t addr, uint8_t *out)
{
	if (!lowmem_has(mem, addr, 1))
		return false;
	*out = mem->bytes[addr];
	return true;
}

bool lowmem_u16(const struct lowmem *mem, uint32_t addr, uint16_t *out)
{
	if (!lowmem_has(mem, addr, 2))
		return false;
	*out = lowmem_at16(mem, addr);
	return true;
}

bool lowmem_u32(const struct lowmem *mem, uint32_t addr, uint32_t *out)
{
	if (!lowmem_has(mem, addr, 4))
		return false;
	*out = lowmem_at32(mem, addr);
	return true;
}

uint8_t lowmem_sum8(const struct lowmem *mem, uint32_t addr, uint32_t n)
{
	uint8_t sum = 0;
	uint32_t i;

	for (i = 0; i < n; i++)
		sum = (uint8_t)(sum + mem->bytes[addr + i]);
	return sum;
}

bool lowmem_equals(const struct lowmem *mem, uint32_t addr, const void *s, size_t n)
{
	const uint8_t *want = s;
	size_t i;

	if (!lowmem_has(mem, addr, n))
		return false;
	for (i = 0; i < n; i++)
		if (mem->bytes[addr + i] != want[i])
			return false;
	return true;
}

uint32_t lowmem_segoff_to_phys(uint32_t segoff)
{
	return (segoff >> 16) * 16u + (segoff & 0xffffu);
}
