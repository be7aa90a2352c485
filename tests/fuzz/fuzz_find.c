// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target for the finder core.
 *
 * Fuzzing 640 KiB of mostly zeros would waste the fuzzer's effort, so the
 * input is only the part of low memory MEMDISK writes:
 *   bytes 0-3  the INT 13h vector (seg:off, at 0x4c)
 *   bytes 4-5  the BIOS base-memory word (KiB, at 0x413); its high byte is
 *              kept as is only when its top bit is set, otherwise the word is
 *              folded into the resident area, so that most runs scan 16 KiB,
 *              not 576 (the floor and a low base are unit-tested)
 *   bytes 6-   the resident area, placed at RESIDENT_BASE up to 0xA0000
 * Each input is searched in the full window and in a window that ends where
 * the input ends (tables and strings cut at the edge), with a tracer that
 * checks what the finder reports.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/find.h"

#define RESIDENT_BASE 0x9e000u
#define RESIDENT_MAX  (LOWMEM_END - RESIDENT_BASE)
#define HEADER_LEN    6u

static uint8_t mem[LOWMEM_END];

static void check(const struct memdisk *d, size_t len)
{
	if (d->size == 0 || (uint64_t)d->start + d->size > (UINT64_C(1) << 32))
		abort();
	if (d->sector_size != 512 && d->sector_size != 2048)
		abort();
	if (d->size != (uint64_t)d->sectors * d->sector_size)
		abort();
	if (d->cmdline_len > MEMDISK_CMDLINE_MAX || d->cmdline < mem ||
	    d->cmdline + d->cmdline_len > mem + len)
		abort();
	if (d->mbft >= len)
		abort();
}

static void on_event(void *ctx, const struct memdisk_event *ev)
{
	if (ev->disk)
		check(ev->disk, *(size_t *)ctx);
	if ((unsigned)ev->reason >= MEMDISK_REASON_COUNT)
		abort();
}

/* Searches a window of len bytes; the full window also with a tracer. */
static void search(size_t len)
{
	struct memdisk plain, traced;
	struct memdisk_tracer tracer = {on_event, &len};
	enum memdisk_reason a, b;

	a = memdisk_find(mem, len, &plain, NULL);
	if (a == MEMDISK_OK)
		check(&plain, len);
	if (len != LOWMEM_END)
		return;
	b = memdisk_find(mem, len, &traced, &tracer);
	/* Tracing must not change the answer. */
	if ((a == MEMDISK_OK) != (b == MEMDISK_OK))
		abort();
	if (a == MEMDISK_OK && (plain.mbft != traced.mbft || plain.start != traced.start))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t resident;

	if (size < HEADER_LEN)
		return 0;
	resident = size - HEADER_LEN;
	if (resident > RESIDENT_MAX)
		resident = RESIDENT_MAX;
	memset(mem + RESIDENT_BASE, 0, RESIDENT_MAX);
	memcpy(mem + 0x4c, data, 4);
	if (data[5] & 0x80) {
		mem[0x413] = data[4];
		mem[0x414] = data[5] & 0x7f;
	} else {
		mem[0x413] = (uint8_t)((RESIDENT_BASE >> 10) + (data[4] & 15));
		mem[0x414] = (uint8_t)(RESIDENT_BASE >> 18);
	}
	memcpy(mem + RESIDENT_BASE, data + HEADER_LEN, resident);

	search(LOWMEM_END);
	search(RESIDENT_BASE + resident);
	return 0;
}
