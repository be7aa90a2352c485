// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the NFIT parser (core/nfit.c) on tables built here: the four
 * RAM-disk range types, the ranges that must never count (a real NVDIMM's
 * persistent memory, unknown types), the choice among several RAM disks, and
 * one test per validation rule with adversarial tables.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/memdisk.h"
#include "core/nfit.h"
#include "synth.h"

/* Room past the largest table, for lengths that deliberately run off it. */
static uint8_t buf[SYNTH_NFIT_MAX + 64];
static struct nfit_ramdisks found;

#define CD(base, length, index)                                                                    \
	{                                                                                          \
		0, 0, GUID_VIRTUAL_CD, base, length, index                                         \
	}
#define DISK(base, length, index)                                                                  \
	{                                                                                          \
		0, 0, GUID_VIRTUAL_DISK, base, length, index                                       \
	}
#define PMEM(base, length, index)                                                                  \
	{                                                                                          \
		0, 0, GUID_PERSISTENT_MEMORY, base, length, index                                  \
	}
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static enum nfit_reason find_len(size_t len)
{
	memset(&found, 0xa5, sizeof(found)); /* catch fields the parser forgot */
	return nfit_find(buf, len, &found, NULL);
}

static uint32_t build(const struct synth_nfit_struct *s, size_t n)
{
	return synth_nfit(buf, s, n);
}

static enum nfit_reason find_built(const struct synth_nfit_struct *s, size_t n)
{
	return find_len(build(s, n));
}

static void assert_disk(const struct nfit_ramdisk *d, uint64_t base, uint64_t length, uint8_t kind,
			uint8_t persistent, uint16_t index)
{
	assert_int_equal(d->base, base);
	assert_int_equal(d->length, length);
	assert_int_equal(d->kind, kind);
	assert_int_equal(d->persistent, persistent);
	assert_int_equal(d->range_index, index);
}

/* ---- what counts as a RAM disk ------------------------------------------- */

/* The text form converts to the bytes REFERENCE.md §7 gives for the CD. */
static void test_guid_byte_order(void **state)
{
	static const uint8_t vcd[16] = {0x30, 0xbd, 0x5a, 0x3d, 0x75, 0x41, 0xce, 0x87,
					0x6d, 0x64, 0xd2, 0xad, 0xe5, 0x23, 0xc4, 0xbb};
	uint8_t g[16];

	(void)state;
	synth_guid(g, GUID_VIRTUAL_CD);
	assert_memory_equal(g, vcd, 16);
}

static void test_virtual_cd(void **state)
{
	const struct synth_nfit_struct s[] = {CD(0x7e000000, 0x1000800, 1)};

	(void)state;
	assert_int_equal(find_built(s, 1), NFIT_OK);
	assert_int_equal(found.count, 1);
	assert_disk(&found.chosen, 0x7e000000, 0x1000800, NFIT_CD, 0, 1);
	assert_int_equal(found.chosen.offset, 40);
	assert_memory_equal(&found.all[0], &found.chosen, sizeof(found.chosen));
}

static void test_four_ramdisk_types(void **state)
{
	static const struct {
		const char *guid;
		uint8_t kind, persistent;
	} types[] = {
	    {GUID_VIRTUAL_DISK, NFIT_DISK, 0},
	    {GUID_VIRTUAL_CD, NFIT_CD, 0},
	    {GUID_PERSISTENT_VDISK, NFIT_DISK, 1},
	    {GUID_PERSISTENT_VCD, NFIT_CD, 1},
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(types); i++) {
		const struct synth_nfit_struct s[] = {
		    {0, 0, types[i].guid, 0x100000000ull + i * 0x1000, 0x200000, (uint16_t)(i + 1)},
		};

		assert_int_equal(find_built(s, 1), NFIT_OK);
		assert_disk(&found.chosen, 0x100000000ull + i * 0x1000, 0x200000, types[i].kind,
			    types[i].persistent, (uint16_t)(i + 1));
	}
}

/* A real NVDIMM must never be taken for a live medium. */
static void test_persistent_memory_only(void **state)
{
	const struct synth_nfit_struct s[] = {PMEM(0x140000000ull, 0x40000000, 1)};

	(void)state;
	assert_int_equal(find_built(s, 1), NFIT_NO_RAMDISK);
	assert_int_equal(found.count, 0);
}

static void test_other_range_types(void **state)
{
	static const char *const guids[] = {
	    GUID_VOLATILE_MEMORY,
	    GUID_CONTROL_REGION,
	    "00000000-0000-0000-0000-000000000000",
	    "3D5ABD30-4175-87CE-6D64-D2ADE523C4BA", /* the CD's GUID, last bit off */
	    "BBC423E5-ADD2-646D-CE87-754130BD5A3D", /* the CD's bytes reversed */
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(guids); i++) {
		const struct synth_nfit_struct s[] = {{0, 0, guids[i], 0x7e000000, 0x100000, 1}};

		assert_int_equal(find_built(s, 1), NFIT_NO_RAMDISK);
		assert_int_equal(found.count, 0);
	}
}

/* Structures of other types (region mappings, control regions, flush hints,
 * types from a future ACPI) are skipped, not guessed at. */
static void test_other_structures_skipped(void **state)
{
	const struct synth_nfit_struct s[] = {
	    {1, 48, NULL, 0, 0, 0},	  PMEM(0x140000000ull, 0x40000000, 1),
	    {4, 80, NULL, 0, 0, 0},	  {0xffff, 12, NULL, 0, 0, 0},
	    CD(0x7e000000, 0x1000800, 2), {6, 4, NULL, 0, 0, 0},
	};

	(void)state;
	assert_int_equal(find_built(s, COUNT(s)), NFIT_OK);
	assert_int_equal(found.count, 1);
	assert_disk(&found.chosen, 0x7e000000, 0x1000800, NFIT_CD, 0, 2);
	assert_int_equal(found.chosen.offset, 40 + 48 + 56 + 80 + 12);
}

static void test_nvdimm_beside_ramdisk(void **state)
{
	const struct synth_nfit_struct s[] = {
	    PMEM(0x140000000ull, 0x40000000, 1),
	    DISK(0x7e000000, 0x3000000, 2),
	    PMEM(0x180000000ull, 0x40000000, 3),
	};

	(void)state;
	assert_int_equal(find_built(s, COUNT(s)), NFIT_OK);
	assert_int_equal(found.count, 1);
	assert_disk(&found.chosen, 0x7e000000, 0x3000000, NFIT_DISK, 0, 2);
}

/* ---- several RAM disks: the first CD, else the first disk ---------------- */

static void test_cd_after_disk(void **state)
{
	const struct synth_nfit_struct s[] = {DISK(0x10000000, 0x3000000, 1),
					      CD(0x7e000000, 0x1000800, 2)};

	(void)state;
	assert_int_equal(find_built(s, 2), NFIT_OK);
	assert_int_equal(found.count, 2);
	assert_disk(&found.chosen, 0x7e000000, 0x1000800, NFIT_CD, 0, 2);
	assert_disk(&found.all[0], 0x10000000, 0x3000000, NFIT_DISK, 0, 1);
	assert_disk(&found.all[1], 0x7e000000, 0x1000800, NFIT_CD, 0, 2);
}

static void test_cd_before_disk(void **state)
{
	const struct synth_nfit_struct s[] = {CD(0x7e000000, 0x1000800, 1),
					      DISK(0x10000000, 0x3000000, 2)};

	(void)state;
	assert_int_equal(find_built(s, 2), NFIT_OK);
	assert_int_equal(found.count, 2);
	assert_disk(&found.chosen, 0x7e000000, 0x1000800, NFIT_CD, 0, 1);
	assert_disk(&found.all[1], 0x10000000, 0x3000000, NFIT_DISK, 0, 2);
}

static void test_first_of_same_kind(void **state)
{
	const struct synth_nfit_struct disks[] = {DISK(0x20000000, 0x100000, 7),
						  DISK(0x10000000, 0x200000, 3)};
	const struct synth_nfit_struct cds[] = {
	    DISK(0x30000000, 0x100000, 1),
	    {0, 0, GUID_PERSISTENT_VCD, 0x20000000, 0x1800, 2},
	    CD(0x10000000, 0x800, 3),
	};

	(void)state;
	assert_int_equal(find_built(disks, 2), NFIT_OK);
	assert_disk(&found.chosen, 0x20000000, 0x100000, NFIT_DISK, 0, 7);
	assert_int_equal(find_built(cds, 3), NFIT_OK);
	assert_int_equal(found.count, 3);
	assert_disk(&found.chosen, 0x20000000, 0x1800, NFIT_CD, 1, 2);
}

/* More RAM disks than the list keeps: all counted, the CD past the list
 * still chosen. */
static void test_many_ramdisks(void **state)
{
	struct synth_nfit_struct s[NFIT_RAMDISKS_MAX + 5];
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(s); i++) {
		struct synth_nfit_struct d = DISK(0x10000000 + i * 0x100000, 0x100000, 0);

		d.range_index = (uint16_t)(i + 1);
		s[i] = d;
	}
	s[COUNT(s) - 1].guid = GUID_VIRTUAL_CD;
	assert_int_equal(find_built(s, COUNT(s)), NFIT_OK);
	assert_int_equal(found.count, COUNT(s));
	assert_int_equal(found.chosen.kind, NFIT_CD);
	assert_int_equal(found.chosen.range_index, COUNT(s));
	assert_int_equal(found.all[NFIT_RAMDISKS_MAX - 1].range_index, NFIT_RAMDISKS_MAX);
}

/* ---- the table ------------------------------------------------------------ */

static void test_empty_table(void **state)
{
	(void)state;
	assert_int_equal(find_built(NULL, 0), NFIT_NO_RAMDISK);
	assert_int_equal(found.count, 0);
}

static void test_bad_signature(void **state)
{
	const struct synth_nfit_struct s[] = {CD(0x7e000000, 0x1000800, 1)};
	uint32_t len = build(s, 1);

	(void)state;
	memcpy(buf, "nfit", 4);
	synth_nfit_checksum(buf);
	assert_int_equal(find_len(len), NFIT_BAD_SIGNATURE);
	memcpy(buf, "mBFT", 4);
	synth_nfit_checksum(buf);
	assert_int_equal(find_len(len), NFIT_BAD_SIGNATURE);
}

static void test_bad_checksum(void **state)
{
	const struct synth_nfit_struct s[] = {CD(0x7e000000, 0x1000800, 1)};
	uint32_t len = build(s, 1);

	(void)state;
	buf[9]++;
	assert_int_equal(find_len(len), NFIT_BAD_CHECKSUM);
	buf[9]--;
	buf[40 + 32] ^= 0x10; /* the base changed after the checksum */
	assert_int_equal(find_len(len), NFIT_BAD_CHECKSUM);
	assert_int_equal(found.count, 0);
}

/* Every length short of the 36-byte header, down to nothing at all. */
static void test_truncated_header(void **state)
{
	const struct synth_nfit_struct s[] = {CD(0x7e000000, 0x1000800, 1)};
	size_t len;

	(void)state;
	build(s, 1);
	for (len = 0; len < 36; len++)
		assert_int_equal(nfit_find(buf, len, &found, NULL), NFIT_TRUNCATED);
	assert_int_equal(nfit_find(NULL, 0, &found, NULL), NFIT_TRUNCATED);
}

static void test_header_length(void **state)
{
	const struct synth_nfit_struct s[] = {CD(0x7e000000, 0x1000800, 1)};
	static const uint32_t short_lengths[] = {0, 4, 35, 36, 39};
	uint32_t len = build(s, 1);
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(short_lengths); i++) {
		put32(buf, 4, short_lengths[i]);
		synth_nfit_checksum(buf);
		assert_int_equal(find_len(len), NFIT_LENGTH_SHORT);
	}
	/* One byte more than the data given: the file was cut short. */
	build(s, 1);
	assert_int_equal(find_len(len - 1), NFIT_LENGTH_PAST_END);
	/* Huge lengths, with the checksum made right over the bytes there are. */
	put32(buf, 4, 0xffffffffu);
	synth_nfit_checksum(buf);
	assert_int_equal(find_len(len), NFIT_LENGTH_PAST_END);
	put32(buf, 4, 0x80000000u);
	assert_int_equal(find_len(len), NFIT_LENGTH_PAST_END);
}

/* A dump may hold bytes after the table: only the header length counts. */
static void test_bytes_after_table(void **state)
{
	const struct synth_nfit_struct s[] = {CD(0x7e000000, 0x1000800, 1)};
	uint32_t len = build(s, 1);

	(void)state;
	memset(buf + len, 0xff, 64);
	assert_int_equal(find_len(len + 64), NFIT_OK);
	assert_int_equal(found.count, 1);
}

/* ---- the structures ------------------------------------------------------ */

static uint32_t bad_offset;

static void note_bad_offset(void *ctx, const struct nfit_event *ev)
{
	(void)ctx;
	if (ev->step == NFIT_STEP_TABLE)
		bad_offset = ev->offset;
}

/* Sets the length of the structure at offset at; the verdict must name it. */
static enum nfit_reason with_struct_length(uint32_t at, uint16_t length)
{
	const struct nfit_tracer tracer = {note_bad_offset, NULL};
	enum nfit_reason why;

	put16(buf, at + 2, length);
	synth_nfit_checksum(buf);
	bad_offset = 0;
	why = nfit_find(buf, SYNTH_NFIT_MAX, &found, &tracer);
	assert_int_equal(bad_offset, at);
	return why;
}

static void test_zero_length_structure(void **state)
{
	const struct synth_nfit_struct s[] = {CD(0x7e000000, 0x1000800, 1), {4, 80, NULL, 0, 0, 0}};

	(void)state;
	build(s, 2);
	assert_int_equal(with_struct_length(40 + 56, 0), NFIT_STRUCT_SHORT);
	assert_int_equal(found.count, 0);
	build(s, 2);
	assert_int_equal(with_struct_length(40 + 56, 3), NFIT_STRUCT_SHORT);
	build(s, 2);
	assert_int_equal(with_struct_length(40, 0), NFIT_STRUCT_SHORT);
}

static void test_structure_past_end(void **state)
{
	const struct synth_nfit_struct s[] = {CD(0x7e000000, 0x1000800, 1), {4, 80, NULL, 0, 0, 0}};

	(void)state;
	build(s, 2);
	assert_int_equal(with_struct_length(40 + 56, 81), NFIT_STRUCT_PAST_END);
	assert_int_equal(found.count, 0); /* the valid CD before it is not reported */
	build(s, 2);
	assert_int_equal(with_struct_length(40 + 56, 0xffff), NFIT_STRUCT_PAST_END);
}

/* The table ends inside a structure, or 1-3 bytes after the last one. */
static void test_truncated_structures(void **state)
{
	const struct synth_nfit_struct s[] = {CD(0x7e000000, 0x1000800, 1),
					      DISK(0x10000000, 0x100000, 2)};
	uint32_t len, cut;

	(void)state;
	len = build(s, 2);
	for (cut = 1; cut < 56; cut++) {
		build(s, 2);
		put32(buf, 4, len - cut);
		synth_nfit_checksum(buf);
		assert_int_equal(find_len(len), NFIT_STRUCT_PAST_END);
		assert_int_equal(found.count, 0);
	}
	for (cut = 1; cut < 4; cut++) {
		build(s, 2);
		put32(buf, 4, len + cut);
		synth_nfit_checksum(buf);
		assert_int_equal(find_len(len + cut), NFIT_STRUCT_PAST_END);
	}
}

static void test_spa_lengths(void **state)
{
	static const struct {
		uint16_t len;
		enum nfit_reason want;
	} cases[] = {
	    {4, NFIT_SPA_SHORT},  {16, NFIT_SPA_SHORT}, {40, NFIT_SPA_SHORT},
	    {47, NFIT_SPA_SHORT}, {48, NFIT_OK},	{56, NFIT_OK}, /* ACPI 6.0-6.2 */
	    {64, NFIT_OK}, /* ACPI 6.3: location cookie */
	    {200, NFIT_OK},
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		const struct synth_nfit_struct s[] = {
		    {0, cases[i].len, GUID_VIRTUAL_CD, 0x7e000000, 0x1000800, 1},
		    DISK(0x10000000, 0x100000, 2),
		};

		assert_int_equal(find_built(s, 2), cases[i].want);
		if (cases[i].want == NFIT_OK) {
			assert_int_equal(found.count, 2);
			assert_disk(&found.chosen, 0x7e000000, 0x1000800, NFIT_CD, 0, 1);
		} else {
			assert_int_equal(found.count, 0);
		}
	}
}

/* ---- the ranges ----------------------------------------------------------- */

static void test_zero_length(void **state)
{
	const struct synth_nfit_struct zero[] = {CD(0x7e000000, 0, 1)};
	const struct synth_nfit_struct zero_then_disk[] = {CD(0x7e000000, 0, 1),
							   DISK(0x10000000, 0x100000, 2)};

	(void)state;
	assert_int_equal(find_built(zero, 1), NFIT_ZERO_LENGTH);
	assert_int_equal(found.count, 0);
	/* A broken range does not hide a good one. */
	assert_int_equal(find_built(zero_then_disk, 2), NFIT_OK);
	assert_int_equal(found.count, 1);
	assert_disk(&found.chosen, 0x10000000, 0x100000, NFIT_DISK, 0, 2);
}

static void test_overflow(void **state)
{
	static const struct {
		uint64_t base, length;
		enum nfit_reason want;
	} cases[] = {
	    {0xffffffffffff0000ull, 0x10000, NFIT_OVERFLOW}, /* ends at 2^64 */
	    {0xffffffffffff0000ull, 0xffff, NFIT_OK},	     /* ends at 2^64 - 1 */
	    {1, UINT64_MAX, NFIT_OVERFLOW},
	    {UINT64_MAX, 1, NFIT_OVERFLOW},
	    {UINT64_MAX, UINT64_MAX, NFIT_OVERFLOW},
	    {0, UINT64_MAX, NFIT_OK},
	    {0x7e000000, 0xffffffff82000000ull, NFIT_OVERFLOW},
	};
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(cases); i++) {
		const struct synth_nfit_struct s[] = {CD(cases[i].base, cases[i].length, 1)};

		assert_int_equal(find_built(s, 1), cases[i].want);
		if (cases[i].want == NFIT_OK)
			assert_true(found.chosen.base + found.chosen.length >= found.chosen.base);
	}
}

/* No single-byte change of a persistent-memory range's GUID (checksum made
 * right again) turns it into a RAM disk. */
static void test_pmem_guid_mutations(void **state)
{
	const struct synth_nfit_struct s[] = {PMEM(0x140000000ull, 0x40000000, 1)};
	uint32_t len, i;
	unsigned int bit;

	(void)state;
	len = build(s, 1);
	for (i = 40 + 16; i < 40 + 32; i++) {
		for (bit = 0; bit < 8; bit++) {
			build(s, 1);
			buf[i] ^= (uint8_t)(1u << bit);
			synth_nfit_checksum(buf);
			assert_int_equal(find_len(len), NFIT_NO_RAMDISK);
		}
	}
}

/* ---- verbose mode's view -------------------------------------------------- */

struct trace_log {
	int tables, ranges, ramdisks;
	enum nfit_reason table_reason;
	uint32_t bad_offset;
	enum nfit_reason range_reason[8];
	uint32_t range_index[8];
};

static void record(void *ctx, const struct nfit_event *ev)
{
	struct trace_log *log = ctx;

	if (ev->step == NFIT_STEP_TABLE) {
		log->tables++;
		log->table_reason = ev->reason;
		log->bad_offset = ev->offset;
		return;
	}
	assert_int_equal(ev->reason == NFIT_OK, ev->disk != NULL);
	if (ev->disk)
		log->ramdisks++;
	if (log->ranges < 8) {
		log->range_reason[log->ranges] = ev->reason;
		log->range_index[log->ranges] = ev->value;
	}
	log->ranges++;
}

static void test_tracer(void **state)
{
	const struct synth_nfit_struct s[] = {
	    PMEM(0x140000000ull, 0x40000000, 1),
	    {1, 48, NULL, 0, 0, 0},
	    DISK(0x10000000, 0, 2),
	    CD(0x7e000000, 0x1000800, 3),
	    DISK(0x20000000, 0x100000, 4),
	};
	struct trace_log log;
	struct nfit_tracer tracer = {record, &log};
	uint32_t len = build(s, COUNT(s));

	(void)state;
	memset(&log, 0, sizeof(log));
	assert_int_equal(nfit_find(buf, len, &found, &tracer), NFIT_OK);
	assert_int_equal(log.tables, 1);
	assert_int_equal(log.table_reason, NFIT_OK);
	assert_int_equal(log.ranges, 4); /* the type 1 structure is not a range */
	assert_int_equal(log.ramdisks, 2);
	assert_int_equal(log.range_reason[0], NFIT_PERSISTENT_MEMORY);
	assert_int_equal(log.range_reason[1], NFIT_ZERO_LENGTH);
	assert_int_equal(log.range_reason[2], NFIT_OK);
	assert_int_equal(log.range_index[2], 3);
	assert_int_equal(found.chosen.range_index, 3);

	/* A broken structure: a second table verdict names it, and the ranges
	 * before it are not reported as found. */
	put16(buf, 40 + 56 + 48 + 2, 0);
	synth_nfit_checksum(buf);
	memset(&log, 0, sizeof(log));
	assert_int_equal(nfit_find(buf, len, &found, &tracer), NFIT_STRUCT_SHORT);
	assert_int_equal(log.tables, 2);
	assert_int_equal(log.table_reason, NFIT_STRUCT_SHORT);
	assert_int_equal(log.bad_offset, 40 + 56 + 48);
	assert_int_equal(log.ranges, 1);
	assert_int_equal(found.count, 0);
}

static void test_reason_texts(void **state)
{
	int i, j;

	(void)state;
	for (i = 0; i < NFIT_REASON_COUNT; i++) {
		assert_non_null(nfit_reason_text((enum nfit_reason)i));
		assert_string_not_equal(nfit_reason_text((enum nfit_reason)i), "unknown");
		for (j = 0; j < i; j++)
			assert_string_not_equal(nfit_reason_text((enum nfit_reason)i),
						nfit_reason_text((enum nfit_reason)j));
	}
	assert_string_equal(nfit_reason_text(NFIT_REASON_COUNT), "unknown");
	assert_string_equal(nfit_reason_text(NFIT_OVERFLOW), "base + length overflows");
	/* The mBFT's phrases share the packing: first, last, past the end. */
	for (i = 0; i < MEMDISK_REASON_COUNT; i++)
		for (j = 0; j < i; j++)
			assert_string_not_equal(memdisk_reason_text((enum memdisk_reason)i),
						memdisk_reason_text((enum memdisk_reason)j));
	assert_string_equal(memdisk_reason_text(MEMDISK_OK), "valid");
	assert_string_equal(memdisk_reason_text(MEMDISK_BAD_CHECKSUM), "bad checksum");
	assert_string_equal(memdisk_reason_text(MEMDISK_HOOK_CHAIN_TOO_LONG),
			    "too many chained hooks");
	assert_string_equal(memdisk_reason_text(MEMDISK_REASON_COUNT), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_guid_byte_order),
	    cmocka_unit_test(test_virtual_cd),
	    cmocka_unit_test(test_four_ramdisk_types),
	    cmocka_unit_test(test_persistent_memory_only),
	    cmocka_unit_test(test_other_range_types),
	    cmocka_unit_test(test_other_structures_skipped),
	    cmocka_unit_test(test_nvdimm_beside_ramdisk),
	    cmocka_unit_test(test_cd_after_disk),
	    cmocka_unit_test(test_cd_before_disk),
	    cmocka_unit_test(test_first_of_same_kind),
	    cmocka_unit_test(test_many_ramdisks),
	    cmocka_unit_test(test_empty_table),
	    cmocka_unit_test(test_bad_signature),
	    cmocka_unit_test(test_bad_checksum),
	    cmocka_unit_test(test_truncated_header),
	    cmocka_unit_test(test_header_length),
	    cmocka_unit_test(test_bytes_after_table),
	    cmocka_unit_test(test_zero_length_structure),
	    cmocka_unit_test(test_structure_past_end),
	    cmocka_unit_test(test_truncated_structures),
	    cmocka_unit_test(test_spa_lengths),
	    cmocka_unit_test(test_zero_length),
	    cmocka_unit_test(test_overflow),
	    cmocka_unit_test(test_pmem_guid_mutations),
	    cmocka_unit_test(test_tracer),
	    cmocka_unit_test(test_reason_texts),
	};

	return cmocka_run_group_tests_name("NFIT parser", tests, NULL, NULL);
}
