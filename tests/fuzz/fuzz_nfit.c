// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * libFuzzer target for the NFIT parser (core/nfit.c).
 *
 * The input is a table, parsed twice: as it is, and - so that mutations reach
 * the structures instead of dying at the checksum - with its header length
 * set to the input's size and its checksum made right. Both copies sit in
 * buffers of exactly the input's size, so that AddressSanitizer sees any read
 * past the end. What the parser reports is checked against the bytes
 * independently: a RAM disk it returns must be an SPA range inside the table
 * whose GUID is one of the four RAM-disk types (never persistent memory),
 * non-empty, not wrapping around, and the first CD (else the first disk).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/nfit.h"

/* EFI_GUID bytes of the range types (ACPI 6.x), written out here again so
 * that the check does not share the parser's tables. */
static const uint8_t guid_vdisk[16] = {0x5a, 0x53, 0xab, 0x77, 0xfc, 0x45, 0x4b, 0x62,
				       0x55, 0x60, 0xf7, 0xb2, 0x81, 0xd1, 0xf9, 0x6e};
static const uint8_t guid_vcd[16] = {0x30, 0xbd, 0x5a, 0x3d, 0x75, 0x41, 0xce, 0x87,
				     0x6d, 0x64, 0xd2, 0xad, 0xe5, 0x23, 0xc4, 0xbb};
static const uint8_t guid_pdisk[16] = {0xc9, 0x02, 0xea, 0x5c, 0x07, 0x4d, 0xd3, 0x69,
				       0x26, 0x9f, 0x44, 0x96, 0xfb, 0xe0, 0x96, 0xf9};
static const uint8_t guid_pcd[16] = {0x88, 0x81, 0x01, 0x08, 0xcd, 0x42, 0x48, 0xbb,
				     0x10, 0x0f, 0x53, 0x87, 0xd5, 0x3d, 0xed, 0x3d};

struct seen {
	const uint8_t *table;
	size_t len;
	unsigned int ranges, ramdisks;
};

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)get16(p) | (uint32_t)get16(p + 2) << 16;
}

static uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

/* A RAM disk the parser reports, against the bytes of its structure. */
static void check_disk(const struct seen *s, const struct nfit_ramdisk *d)
{
	const uint8_t *spa;
	int cd;

	if (d->offset < NFIT_FIRST_STRUCT || d->offset > s->len || s->len - d->offset < SPA_MIN_LEN)
		abort();
	spa = s->table + d->offset;
	if (get16(spa) != NFIT_TYPE_SPA || get16(spa + 2) < SPA_MIN_LEN)
		abort();
	if (!memcmp(spa + 16, guid_vcd, 16) || !memcmp(spa + 16, guid_pcd, 16))
		cd = 1;
	else if (!memcmp(spa + 16, guid_vdisk, 16) || !memcmp(spa + 16, guid_pdisk, 16))
		cd = 0;
	else
		abort(); /* persistent memory, or anything else: never a RAM disk */
	if (d->kind != (cd ? NFIT_CD : NFIT_DISK))
		abort();
	if (d->base != get64(spa + 32) || d->length != get64(spa + 40) ||
	    d->range_index != get16(spa + 4))
		abort();
	if (d->length == 0 || d->base + d->length < d->base)
		abort();
}

static void on_event(void *ctx, const struct nfit_event *ev)
{
	struct seen *s = ctx;

	if ((unsigned)ev->reason >= NFIT_REASON_COUNT || !nfit_reason_text(ev->reason))
		abort();
	if (ev->step != NFIT_STEP_RANGE)
		return;
	s->ranges++;
	if ((ev->reason == NFIT_OK) != (ev->disk != NULL))
		abort();
	if (ev->disk) {
		check_disk(s, ev->disk);
		s->ramdisks++;
	}
}

static void parse(const uint8_t *table, size_t len)
{
	struct nfit_ramdisks plain, traced;
	struct seen s = {table, len, 0, 0};
	struct nfit_tracer tracer = {on_event, &s};
	enum nfit_reason a, b;
	uint8_t sum = 0;
	size_t i, first_cd = NFIT_RAMDISKS_MAX;

	a = nfit_find(table, len, &plain, NULL);
	b = nfit_find(table, len, &traced, &tracer);
	/* Tracing must not change the answer. */
	if (a != b || plain.count != traced.count)
		abort();
	if (a != NFIT_OK) {
		if (plain.count != 0)
			abort();
		return;
	}
	/* Accepted: a whole, summed table with at least one RAM disk, all of
	 * which the tracer saw. */
	if (len < NFIT_FIRST_STRUCT || memcmp(table, "NFIT", 4) || get32(table + 4) > len)
		abort();
	for (i = 0; i < get32(table + 4); i++)
		sum = (uint8_t)(sum + table[i]);
	if (sum != 0 || plain.count == 0 || plain.count != s.ramdisks)
		abort();
	check_disk(&s, &plain.chosen);
	for (i = 0; i < plain.count && i < NFIT_RAMDISKS_MAX; i++) {
		check_disk(&s, &plain.all[i]);
		if (i && plain.all[i].offset <= plain.all[i - 1].offset)
			abort();
		if (plain.all[i].kind == NFIT_CD && first_cd == NFIT_RAMDISKS_MAX)
			first_cd = i;
	}
	/* The first CD wins, else the first disk (when both are in the list). */
	if (first_cd < NFIT_RAMDISKS_MAX && plain.chosen.offset != plain.all[first_cd].offset)
		abort();
	if (plain.chosen.kind == NFIT_DISK && plain.chosen.offset != plain.all[0].offset)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *fixed, sum = 0;
	size_t i;

	parse(data, size);
	if (size < NFIT_HEADER_LEN || size > UINT32_MAX)
		return 0;
	fixed = malloc(size);
	if (!fixed)
		return 0;
	memcpy(fixed, data, size);
	memcpy(fixed, "NFIT", 4);
	fixed[4] = (uint8_t)size;
	fixed[5] = (uint8_t)(size >> 8);
	fixed[6] = (uint8_t)(size >> 16);
	fixed[7] = (uint8_t)(size >> 24);
	fixed[9] = 0;
	for (i = 0; i < size; i++)
		sum = (uint8_t)(sum + fixed[i]);
	fixed[9] = (uint8_t)-sum;
	parse(fixed, size);
	free(fixed);
	return 0;
}
