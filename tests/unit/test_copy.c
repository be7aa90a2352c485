// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of memdisk-copy's pure core (memdiskfind/core/copyplan.c): the
 * range check, the mmap windows (page-aligned, bounded, covering the range
 * exactly once) and the number parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/copyplan.h"

static void test_range(void **state)
{
	(void)state;
	assert_int_equal(copy_range_ok(0x7e00000, 0x1000800, COPY_LIMIT), 0);
	assert_int_equal(copy_range_ok(0, 1, COPY_LIMIT), 0);
	assert_int_equal(copy_range_ok(COPY_LIMIT - 2048, 2048, COPY_LIMIT), 0);
	assert_int_equal(copy_range_ok(COPY_LIMIT - 2048, 2049, COPY_LIMIT), -1);
	assert_int_equal(copy_range_ok(5, 0, COPY_LIMIT), -1);
	assert_int_equal(copy_range_ok(COPY_LIMIT, 1, COPY_LIMIT), -1);
	assert_int_equal(copy_range_ok(UINT64_MAX, 2, UINT64_MAX), -1);
	assert_int_equal(copy_range_ok(1, UINT64_MAX, UINT64_MAX), -1);
}

/* Walk a whole copy and check every window. */
static void walk(uint64_t start, uint64_t len, uint64_t page, uint64_t window)
{
	struct copy_window w;
	uint64_t done = 0, n = 0;

	while (copy_next_window(start, len, done, page, window, &w) == 0) {
		assert_int_equal(w.map_off % page, 0);
		assert_int_equal(w.map_len % page, 0);
		assert_true(w.map_len <= window);
		assert_true(w.skip < page || (done > 0 && w.skip == 0));
		assert_true(w.take > 0);
		assert_true(w.skip + w.take <= w.map_len);
		/* The bytes copied are exactly the next ones. */
		assert_int_equal(w.map_off + w.skip, start + done);
		done += w.take;
		assert_true(++n < 1000000);
	}
	assert_int_equal(done, len);
}

static void test_windows(void **state)
{
	static const uint64_t starts[] = {0, 1, 2047, 4095, 4096, 0x9f400, 0x7e00800, 0x3f571000};
	static const uint64_t lens[] = {1,    2048,    4095,	      4096,
					4097, 8 << 20, (8 << 20) + 1, 0x1000800};
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++)
		for (j = 0; j < sizeof(lens) / sizeof(lens[0]); j++) {
			walk(starts[i], lens[j], 4096, 8 << 20);
			walk(starts[i], lens[j], 4096, 4096);
			walk(starts[i], lens[j], 65536, 1 << 20);
		}
}

static void test_window_details(void **state)
{
	struct copy_window w;

	(void)state;
	/* An unaligned start: map from the page, skip into it. */
	assert_int_equal(copy_next_window(0x9f400, 2048, 0, 4096, 8 << 20, &w), 0);
	assert_int_equal(w.map_off, 0x9f000);
	assert_int_equal(w.skip, 0x400);
	assert_int_equal(w.take, 2048);
	assert_int_equal(w.map_len, 4096);
	/* Straddling a page edge needs two pages. */
	assert_int_equal(copy_next_window(0x1c00, 2048, 0, 4096, 8 << 20, &w), 0);
	assert_int_equal(w.map_len, 8192);
	/* Done, or invalid sizes. */
	assert_int_equal(copy_next_window(0, 10, 10, 4096, 8192, &w), -1);
	assert_int_equal(copy_next_window(0, 10, 0, 3000, 6000, &w), -1);
	assert_int_equal(copy_next_window(0, 10, 0, 4096, 2048, &w), -1);
	assert_int_equal(copy_next_window(0, 10, 0, 4096, 6000, &w), -1);
	assert_int_equal(copy_next_window(UINT64_MAX - 5, 10, 0, 4096, 8192, &w), -1);
}

static void test_parse(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(copy_parse_u64("0x7e00000", &v), 0);
	assert_int_equal(v, 0x7e00000);
	assert_int_equal(copy_parse_u64("0XaBc", &v), 0);
	assert_int_equal(v, 0xabc);
	assert_int_equal(copy_parse_u64("16779264", &v), 0);
	assert_int_equal(v, 16779264);
	assert_int_equal(copy_parse_u64("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(copy_parse_u64("18446744073709551615", &v), 0);
	assert_int_equal(v, UINT64_MAX);
	assert_int_equal(copy_parse_u64("18446744073709551616", &v), -1);
	assert_int_equal(copy_parse_u64("0x10000000000000000", &v), -1);
	assert_int_equal(copy_parse_u64("010", &v), -1);
	assert_int_equal(copy_parse_u64("", &v), -1);
	assert_int_equal(copy_parse_u64("0x", &v), -1);
	assert_int_equal(copy_parse_u64("-1", &v), -1);
	assert_int_equal(copy_parse_u64("12 ", &v), -1);
	assert_int_equal(copy_parse_u64("1e3", &v), -1);
	assert_int_equal(copy_parse_u64(NULL, &v), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_range),
	    cmocka_unit_test(test_windows),
	    cmocka_unit_test(test_window_details),
	    cmocka_unit_test(test_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
