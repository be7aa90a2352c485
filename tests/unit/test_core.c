// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the pure finder core on synthetic low memory: one test per
 * validation rule and per way of reaching (or missing) the table.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/find.h"
#include "core/lowmem.h"
#include "synth.h"

/* Room past the window, for tables a test deliberately runs off its end; the
 * finder is only ever given SYNTH_LEN bytes. */
static uint8_t mem[SYNTH_LEN + 256];

/* A plain valid table for the scan tests, at the resident block's start. */
static struct synth_table plain(uint32_t addr)
{
	struct synth_table t = {.addr = addr,
				.diskbuf = 0x3f571000,
				.disksize = 5342,
				.sector_shift = 11,
				.version_major = 6,
				.version_minor = 4,
				.cmdline = "iso raw"};
	return t;
}

static enum memdisk_reason find(struct memdisk *d)
{
	memset(d, 0xa5, sizeof(*d)); /* catch fields the finder forgot to set */
	return memdisk_find(mem, SYNTH_LEN, d, NULL);
}

static void test_active_memdisk_via_int13(void **state)
{
	struct memdisk d;

	(void)state;
	synth_memdisk(mem, 0x3f571000, 5342);
	assert_int_equal(find(&d), MEMDISK_OK);
	assert_int_equal(d.via, MEMDISK_VIA_INT13);
	assert_int_equal(d.mbft, 0x9f660);
	assert_int_equal(d.start, 0x3f571000);
	assert_int_equal(d.size, 0xa6f000);
	assert_int_equal(d.sectors, 5342);
	assert_int_equal(d.sector_size, 2048);
	assert_int_equal(d.version_major, 6);
	assert_int_equal(d.version_minor, 4);
	assert_int_equal(d.safe_hook, 0x9f00a);
	assert_int_equal(d.cmdline_len, 7);
	assert_memory_equal(d.cmdline, "iso raw", 7);
}

static void test_scan_without_hook(void **state)
{
	struct synth_table t = plain(0x9f400);
	struct memdisk d;

	(void)state;
	synth_init(mem, 0x9f000 >> 10);
	synth_table(mem, &t);
	assert_int_equal(find(&d), MEMDISK_OK);
	assert_int_equal(d.via, MEMDISK_VIA_SCAN);
	assert_int_equal(d.mbft, 0x9f400);
	assert_int_equal(d.size, 5342u * 2048u);
}

static void test_no_memdisk(void **state)
{
	struct memdisk d;

	(void)state;
	synth_init(mem, 639);
	assert_int_equal(find(&d), MEMDISK_NO_TABLE);
}

/* Breaks one rule of an otherwise valid scanned table; returns the verdict. */
static enum memdisk_reason scan_broken(void (*breaker)(struct synth_table *t))
{
	struct synth_table t = plain(0x9f400);
	struct memdisk d;

	synth_init(mem, 0x9f000 >> 10);
	breaker(&t);
	synth_table(mem, &t);
	return find(&d);
}

static void zero_size(struct synth_table *t)
{
	t->disksize = 0;
}
static void shift_10(struct synth_table *t)
{
	t->sector_shift = 10;
}
static void ends_past_4g(struct synth_table *t)
{
	t->diskbuf = 0xfff00000u;
	t->disksize = 0x201; /* 0x100800 bytes: 2 KiB past 4 GiB */
}
static void size_overflows_32_bits(struct synth_table *t)
{
	t->diskbuf = 0x1000;
	t->disksize = 0xffffffffu; /* << 11 needs 43 bits */
}
static void cmdline_outside(struct synth_table *t)
{
	t->cmdline_addr = 0xa0000; /* the VGA hole: first byte past the window */
	t->cmdline = NULL;
}

static void test_zero_size(void **state)
{
	(void)state;
	assert_int_equal(scan_broken(zero_size), MEMDISK_ZERO_SIZE);
}

static void test_bad_sector_shift(void **state)
{
	(void)state;
	assert_int_equal(scan_broken(shift_10), MEMDISK_BAD_SECTOR_SHIFT);
}

static void test_above_4g(void **state)
{
	(void)state;
	assert_int_equal(scan_broken(ends_past_4g), MEMDISK_ABOVE_4G);
	assert_int_equal(scan_broken(size_overflows_32_bits), MEMDISK_ABOVE_4G);
}

static void test_ends_exactly_at_4g(void **state)
{
	struct synth_table t = plain(0x9f400);
	struct memdisk d;

	(void)state;
	synth_init(mem, 0x9f000 >> 10);
	t.diskbuf = 0xfff00000u;
	t.disksize = 0x200; /* 1 MiB: ends at 4 GiB exactly, the last allowed byte */
	synth_table(mem, &t);
	assert_int_equal(find(&d), MEMDISK_OK);
	assert_int_equal(d.start + d.size, UINT64_C(1) << 32);
}

static void test_cmdline_outside(void **state)
{
	(void)state;
	assert_int_equal(scan_broken(cmdline_outside), MEMDISK_CMDLINE_OUTSIDE);
}

static void test_bad_checksum(void **state)
{
	struct synth_table t = plain(0x9f400);
	struct memdisk d;

	(void)state;
	synth_init(mem, 0x9f000 >> 10);
	synth_table(mem, &t);
	mem[0x9f400 + 44] ^= 0x10; /* diskbuf changed after the checksum */
	assert_int_equal(find(&d), MEMDISK_BAD_CHECKSUM);
}

static void test_length_too_short(void **state)
{
	struct synth_table t = plain(0x9f400);
	struct memdisk d;

	(void)state;
	synth_init(mem, 0x9f000 >> 10);
	t.mdi_bytes = 25; /* length 65: one byte short of the oldest MDI */
	synth_table(mem, &t);
	assert_int_equal(find(&d), MEMDISK_LENGTH_SHORT);
}

static void test_length_mismatch(void **state)
{
	struct synth_table t = plain(0x9f400);
	struct memdisk d;

	(void)state;
	synth_init(mem, 0x9f000 >> 10);
	synth_table(mem, &t);
	put16(mem, 0x9f400 + 40, 32); /* MDI says 32 bytes, header says 70 */
	synth_checksum(mem, 0x9f400);
	assert_int_equal(find(&d), MEMDISK_LENGTH_MISMATCH);
}

static void test_length_past_window(void **state)
{
	struct synth_table t = plain(0x9ffc0); /* 64 bytes before the end */
	struct memdisk d;

	(void)state;
	synth_init(mem, 0x9f000 >> 10);
	t.cmdline_addr = 0x9f000;
	synth_table(mem, &t); /* 70 bytes: 6 past 0xa0000 (written, but not ours) */
	assert_int_equal(find(&d), MEMDISK_LENGTH_PAST_END);
}

static void test_truncated_window(void **state)
{
	struct memdisk d;

	(void)state;
	synth_memdisk(mem, 0x3f571000, 5342);
	/* The same bytes, but the caller only had part of them: the table is cut
	 * after its header, inside its header, before its signature ends. */
	assert_int_equal(memdisk_find(mem, 0x9f690, &d, NULL), MEMDISK_LENGTH_PAST_END);
	assert_int_equal(memdisk_find(mem, 0x9f680, &d, NULL), MEMDISK_TABLE_OUTSIDE);
	assert_int_equal(memdisk_find(mem, 0x9f660 + 20, &d, NULL), MEMDISK_TABLE_OUTSIDE);
	assert_int_equal(memdisk_find(mem, 0x50, &d, NULL), MEMDISK_NO_TABLE);
	assert_int_equal(memdisk_find(mem, 0, &d, NULL), MEMDISK_NO_TABLE);
}

static void test_mbft_pointer_outside(void **state)
{
	struct memdisk d;

	(void)state;
	synth_memdisk(mem, 0x3f571000, 5342);
	put32(mem, 0x9f00a + 27, 0x9fffc); /* hook names a table cut by the end */
	memset(mem + 0x9f660, 0, 4);	   /* and the scan finds none */
	assert_int_equal(find(&d), MEMDISK_TABLE_OUTSIDE);
	put32(mem, 0x9f00a + 27, 0xfffffff0u);
	assert_int_equal(find(&d), MEMDISK_TABLE_OUTSIDE);
}

static void test_hook_names_garbage(void **state)
{
	struct memdisk d;

	(void)state;
	synth_memdisk(mem, 0x3f571000, 5342);
	put32(mem, 0x9f00a + 27, 0x9f100); /* no table there: the scan still finds it */
	assert_int_equal(find(&d), MEMDISK_OK);
	assert_int_equal(d.via, MEMDISK_VIA_SCAN);
	assert_int_equal(d.mbft, 0x9f660);
}

static void test_decoys_before_real_table(void **state)
{
	struct synth_table real = plain(0x9f800);
	struct memdisk d;

	(void)state;
	synth_init(mem, 0x9f000 >> 10);
	memcpy(mem + 0x9f000, "mBFT", 4); /* bare signature, length 0 */
	memcpy(mem + 0x9f100, "mBFTmBFTmBFT", 12);
	synth_table(mem, &real);
	memcpy(mem + 0x9f400, mem + 0x9f800, 70); /* a copy ... */
	mem[0x9f400 + 50] ^= 1;			  /* ... with a bad checksum */
	assert_int_equal(find(&d), MEMDISK_OK);
	assert_int_equal(d.mbft, 0x9f800);
}

static void test_int13_picks_among_two_valid(void **state)
{
	struct synth_table stale = plain(0x9f400);
	struct memdisk d;

	(void)state;
	synth_memdisk(mem, 0x3f571000, 5342); /* the active one, at 0x9f660 */
	stale.diskbuf = 0x20000000;	      /* an older, valid table before it */
	synth_table(mem, &stale);
	assert_int_equal(find(&d), MEMDISK_OK);
	assert_int_equal(d.via, MEMDISK_VIA_INT13);
	assert_int_equal(d.mbft, 0x9f660);
	assert_int_equal(d.start, 0x3f571000);

	/* Without the hook, the first valid table in memory wins, as in syslinux. */
	synth_vector(mem, 0xfe3fe);
	assert_int_equal(find(&d), MEMDISK_OK);
	assert_int_equal(d.via, MEMDISK_VIA_SCAN);
	assert_int_equal(d.start, 0x20000000);
}

static void test_chained_hooks(void **state)
{
	struct memdisk d;

	(void)state;
	synth_memdisk(mem, 0x3f571000, 5342);
	memset(mem + 0x9f660, 0, 4); /* the scan cannot find it: only the chain can */
	/* Another loader hooked INT 13h after MEMDISK, then a third one. */
	synth_hook(mem, 0x8000, "PXELINUX", synth_segoff(0x9f00a), 0);
	synth_hook(mem, 0x7000, "OTHER   ", synth_segoff(0x8000), 0);
	synth_vector(mem, 0x7000);
	memcpy(mem + 0x9f660, "mBFT", 4);
	assert_int_equal(find(&d), MEMDISK_OK);
	assert_int_equal(d.via, MEMDISK_VIA_INT13);
	assert_int_equal(d.mbft, 0x9f660);
}

static void test_hook_loop_is_bounded(void **state)
{
	struct memdisk d;
	struct synth_table t = plain(0x9f400);

	(void)state;
	synth_init(mem, 0x9f000 >> 10);
	synth_hook(mem, 0x8000, "LOOPING ", synth_segoff(0x8000), 0);
	synth_vector(mem, 0x8000);
	assert_int_equal(find(&d), MEMDISK_NO_TABLE);
	synth_table(mem, &t); /* the scan still runs after giving up on the chain */
	assert_int_equal(find(&d), MEMDISK_OK);
	assert_int_equal(d.via, MEMDISK_VIA_SCAN);
}

static void test_hook_at_window_edge(void **state)
{
	struct memdisk d;

	(void)state;
	synth_init(mem, 639);
	synth_vector(mem, 0x9fff0); /* a hook that would run past the window */
	assert_int_equal(find(&d), MEMDISK_NO_TABLE);
}

static void test_sector_shifts(void **state)
{
	struct synth_table t = plain(0x9f400);
	struct memdisk d;
	static const struct {
		uint8_t shift;
		uint16_t mdi_bytes;
		uint32_t sector_size;
	} cases[] = {{9, 30, 512}, {11, 30, 2048}, {0, 30, 512}, {11, 27, 512}, {11, 26, 512}};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		synth_init(mem, 0x9f000 >> 10);
		t.sector_shift = cases[i].shift;
		t.mdi_bytes = cases[i].mdi_bytes; /* < 28: MDI before 4.00, no shift */
		synth_table(mem, &t);
		assert_int_equal(find(&d), MEMDISK_OK);
		assert_int_equal(d.sector_size, cases[i].sector_size);
		assert_int_equal(d.size, (uint64_t)t.disksize * cases[i].sector_size);
	}
}

static void test_scan_floor_and_base(void **state)
{
	struct synth_table low = plain(0x20000), below = plain(0x9e000);
	struct memdisk d;

	(void)state;
	/* A corrupt base-memory word of 0: scan from 64 KiB, not from 0. */
	synth_init(mem, 0);
	synth_table(mem, &low);
	assert_int_equal(find(&d), MEMDISK_OK);
	assert_int_equal(d.mbft, 0x20000);
	memcpy(mem + 0x100, mem + 0x20000, 70); /* below 64 KiB: never scanned */
	memset(mem + 0x20000, 0, 70);
	assert_int_equal(find(&d), MEMDISK_NO_TABLE);

	/* A table below the resident block (base word) is not scanned ... */
	synth_init(mem, 0x9f000 >> 10);
	synth_table(mem, &below);
	assert_int_equal(find(&d), MEMDISK_NO_TABLE);
	/* ... but the INT 13h hook finds it wherever it is. */
	synth_hook(mem, 0x9f00a, "MEMDISK ", 0, 0x9e000);
	synth_vector(mem, 0x9f00a);
	assert_int_equal(find(&d), MEMDISK_OK);
	assert_int_equal(d.mbft, 0x9e000);
}

static void test_cmdline_bounds(void **state)
{
	struct synth_table t = plain(0x9f400);
	struct memdisk d;

	(void)state;
	synth_init(mem, 0x9f000 >> 10);
	t.cmdline_addr = 0x9fff8;
	t.cmdline = NULL;
	synth_table(mem, &t);
	memset(mem + 0x9fff8, 'x', 8); /* no NUL before the window ends */
	assert_int_equal(find(&d), MEMDISK_OK);
	assert_int_equal(d.cmdline_len, 8);

	synth_init(mem, 0x9f000 >> 10);
	t.cmdline_addr = 0x9c000;
	synth_table(mem, &t);
	memset(mem + 0x9c000, 'y', 0x1800); /* longer than any sane command line */
	assert_int_equal(find(&d), MEMDISK_OK);
	assert_int_equal(d.cmdline_len, MEMDISK_CMDLINE_MAX);
}

struct recorded {
	int events, shadowed, rejected;
};

static void record(void *ctx, const struct memdisk_event *ev)
{
	struct recorded *r = ctx;

	r->events++;
	r->shadowed += ev->step == STEP_SHADOWED;
	r->rejected += ev->step == STEP_SCAN_TABLE && ev->reason != MEMDISK_OK;
}

static void test_tracer_reports_every_candidate(void **state)
{
	struct synth_table stale = plain(0x9f400);
	struct recorded r = {0, 0, 0};
	struct memdisk_tracer tracer = {record, &r};
	struct memdisk d;

	(void)state;
	synth_memdisk(mem, 0x3f571000, 5342);
	synth_table(mem, &stale);
	memcpy(mem + 0x9f200, "mBFT", 4);
	assert_int_equal(memdisk_find(mem, SYNTH_LEN, &d, &tracer), MEMDISK_OK);
	assert_int_equal(d.mbft, 0x9f660); /* tracing does not change the answer */
	assert_int_equal(r.shadowed, 1);
	assert_int_equal(r.rejected, 1);
	/* hook, its table, the scan window, three scanned candidates, shadowed */
	assert_int_equal(r.events, 7);
}

static void test_lowmem_bounds(void **state)
{
	static const uint8_t bytes[8] = {1, 2, 3, 4, 5, 6, 7, 8};
	const struct lowmem m = {bytes, sizeof(bytes)};
	uint32_t v32 = 0;
	uint16_t v16 = 0;

	(void)state;
	assert_true(lowmem_u32(&m, 4, &v32));
	assert_int_equal(v32, 0x08070605);
	assert_false(lowmem_u32(&m, 5, &v32));
	assert_false(lowmem_u32(&m, 0xfffffffeu, &v32));
	assert_true(lowmem_u16(&m, 6, &v16));
	assert_int_equal(v16, 0x0807);
	assert_false(lowmem_u16(&m, 7, &v16));
	assert_true(lowmem_has(&m, 8, 0));
	assert_false(lowmem_has(&m, 9, 0));
	assert_false(lowmem_has(&m, 1, SIZE_MAX));
	assert_int_equal(lowmem_segoff_to_phys(0x9f00000a), 0x9f00a);
	assert_int_equal(lowmem_segoff_to_phys(0xffffffff), 0x10ffef);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_active_memdisk_via_int13),
	    cmocka_unit_test(test_scan_without_hook),
	    cmocka_unit_test(test_no_memdisk),
	    cmocka_unit_test(test_zero_size),
	    cmocka_unit_test(test_bad_sector_shift),
	    cmocka_unit_test(test_above_4g),
	    cmocka_unit_test(test_ends_exactly_at_4g),
	    cmocka_unit_test(test_cmdline_outside),
	    cmocka_unit_test(test_bad_checksum),
	    cmocka_unit_test(test_length_too_short),
	    cmocka_unit_test(test_length_mismatch),
	    cmocka_unit_test(test_length_past_window),
	    cmocka_unit_test(test_truncated_window),
	    cmocka_unit_test(test_mbft_pointer_outside),
	    cmocka_unit_test(test_hook_names_garbage),
	    cmocka_unit_test(test_decoys_before_real_table),
	    cmocka_unit_test(test_int13_picks_among_two_valid),
	    cmocka_unit_test(test_chained_hooks),
	    cmocka_unit_test(test_hook_loop_is_bounded),
	    cmocka_unit_test(test_hook_at_window_edge),
	    cmocka_unit_test(test_sector_shifts),
	    cmocka_unit_test(test_scan_floor_and_base),
	    cmocka_unit_test(test_cmdline_bounds),
	    cmocka_unit_test(test_tracer_reports_every_candidate),
	    cmocka_unit_test(test_lowmem_bounds),
	};

	return cmocka_run_group_tests_name("memdiskfind core", tests, NULL, NULL);
}
