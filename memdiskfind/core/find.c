// SPDX-License-Identifier: GPL-2.0-or-later
#include "find.h"
#include "mbft.h"

static void trace(const struct memdisk_tracer *tracer, enum memdisk_step step, uint32_t addr,
		  uint32_t value, enum memdisk_reason reason, const struct memdisk *disk)
{
	struct memdisk_event event = {step, addr, value, reason, disk};

	if (tracer && tracer->event)
		tracer->event(tracer->ctx, &event);
}

/*
 * Follows the INT 13h vector through "$INT13SF" safe hooks until one whose
 * vendor is "MEMDISK ", and decodes the mBFT it names. A loader that hooked
 * INT 13h after MEMDISK sits first on the chain; its old_hook leads back.
 */
static enum memdisk_reason find_via_int13(const struct lowmem *mem, struct memdisk *disk,
					  const struct memdisk_tracer *tracer)
{
	uint32_t handler = 0, hook, mbft;
	unsigned int depth;
	enum memdisk_reason why;

	(void)lowmem_u32(mem, IVT_INT13, &handler);
	for (depth = 0; depth < HOOK_CHAIN_MAX; depth++) {
		hook = lowmem_segoff_to_phys(handler);
		if (!lowmem_has(mem, hook, HOOK_LEN))
			why = MEMDISK_VECTOR_OUTSIDE;
		else if (!lowmem_equals(mem, hook + HOOK_SIGNATURE, "$INT13SF", 8))
			why = MEMDISK_NOT_SAFE_HOOK;
		else if (!lowmem_equals(mem, hook + HOOK_VENDOR, "MEMDISK ", 8))
			why = MEMDISK_OTHER_HOOK;
		else
			why = MEMDISK_OK;
		trace(tracer, STEP_INT13_HOOK, hook, depth, why, NULL);
		/* Past the first check: the hook's HOOK_LEN bytes are inside. */
		if (why == MEMDISK_OK) {
			mbft = lowmem_at32(mem, hook + HOOK_MBFT);
			why = mbft_decode(mem, mbft, disk);
			trace(tracer, STEP_INT13_TABLE, mbft, hook, why, why ? NULL : disk);
			return why;
		}
		if (why != MEMDISK_OTHER_HOOK)
			return why;
		/* Another loader's safe hook: step to the handler it replaced. */
		handler = lowmem_at32(mem, hook + HOOK_OLD_HOOK);
	}
	return MEMDISK_HOOK_CHAIN_TOO_LONG;
}

/* Where syslinux's memdiskfind starts looking: MEMDISK lowered the BIOS
 * base-memory word to protect its resident block, which starts there. */
static uint32_t scan_start(const struct lowmem *mem)
{
	uint16_t kib = 0;
	uint32_t start;

	(void)lowmem_u16(mem, BDA_BASE_MEM_KIB, &kib);
	start = (uint32_t)kib << 10;
	if (start < SCAN_FLOOR)
		start = SCAN_FLOOR;
	return start;
}

enum memdisk_reason memdisk_find(const uint8_t *bytes, size_t len, struct memdisk *disk,
				 const struct memdisk_tracer *tracer)
{
	const struct lowmem mem = {bytes, len < LOWMEM_END ? len : LOWMEM_END};
	const bool tracing = tracer && tracer->event;
	struct memdisk scanned;
	enum memdisk_reason active, why, last = MEMDISK_NO_TABLE;
	bool have_scanned = false;
	uint32_t addr, start, end = (uint32_t)mem.len;

	active = find_via_int13(&mem, disk, tracer);
	/* A MEMDISK hook whose table failed says more than "no table found";
	 * reasons from MEMDISK_VECTOR_OUTSIDE on only mean "no MEMDISK hook". */
	if (active < MEMDISK_VECTOR_OUTSIDE)
		last = active;
	if (active == MEMDISK_OK) {
		disk->via = MEMDISK_VIA_INT13;
		if (!tracing)
			return MEMDISK_OK;
	}

	start = scan_start(&mem);
	trace(tracer, STEP_SCAN_WINDOW, start, end, MEMDISK_OK, NULL);
	for (addr = start; addr < end && end - addr >= 4; addr += SCAN_STEP) {
		if (!lowmem_equals(&mem, addr, MBFT_SIGNATURE, 4))
			continue;
		why = mbft_decode(&mem, addr, &scanned);
		trace(tracer, STEP_SCAN_TABLE, addr, 0, why, why ? NULL : &scanned);
		if (why != MEMDISK_OK) {
			last = why;
		} else if (active != MEMDISK_OK && !have_scanned) {
			/* No active MEMDISK named one: the first wins, as in syslinux. */
			*disk = scanned;
			disk->via = MEMDISK_VIA_SCAN;
			have_scanned = true;
			if (!tracing)
				break;
		} else if (addr != disk->mbft) {
			trace(tracer, STEP_SHADOWED, addr, disk->mbft, why, &scanned);
		}
	}
	if (active == MEMDISK_OK || have_scanned)
		return MEMDISK_OK;
	return last;
}
