// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SHA-256 of memdisk-sha256 (remaster/guest/sha256.c) against the test
 * vectors of FIPS 180-4's examples and NIST's byte-oriented set, fed whole
 * and in every split that crosses the 64-byte block and padding edges.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "sha256.h"

static void digest_of(const void *data, size_t len, char hex[65])
{
	struct sha256 s;
	uint8_t d[SHA256_DIGEST];

	sha256_init(&s);
	sha256_update(&s, data, len);
	sha256_final(&s, d);
	sha256_hex(d, hex);
}

static void test_empty(void **state)
{
	char hex[65];

	(void)state;
	digest_of("", 0, hex);
	assert_string_equal(hex,
			    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_abc(void **state)
{
	char hex[65];

	(void)state;
	digest_of("abc", 3, hex);
	assert_string_equal(hex,
			    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* 56 bytes: the length no longer fits the first block's padding. */
static void test_two_blocks(void **state)
{
	static const char m[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char hex[65];

	(void)state;
	assert_int_equal(strlen(m), 56);
	digest_of(m, strlen(m), hex);
	assert_string_equal(hex,
			    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

/* One million 'a', given in uneven pieces. */
static void test_million_a(void **state)
{
	static uint8_t chunk[1000];
	struct sha256 s;
	uint8_t d[SHA256_DIGEST];
	char hex[65];
	size_t done = 0, n = 1;

	(void)state;
	memset(chunk, 'a', sizeof(chunk));
	sha256_init(&s);
	while (done < 1000000) {
		size_t take = n > 1000000 - done ? 1000000 - done : n;

		sha256_update(&s, chunk, take);
		done += take;
		n = n % 991 + 7; /* 7..997: within chunk */
	}
	sha256_final(&s, d);
	sha256_hex(d, hex);
	assert_string_equal(hex,
			    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Every length 0..200 and every split point: piecewise equals whole. */
static void test_splits(void **state)
{
	uint8_t m[200];
	size_t len, cut, i;

	(void)state;
	for (i = 0; i < sizeof(m); i++)
		m[i] = (uint8_t)(i * 7 + 3);
	for (len = 0; len <= sizeof(m); len++) {
		char whole[65];

		digest_of(m, len, whole);
		for (cut = 0; cut <= len; cut++) {
			struct sha256 s;
			uint8_t d[SHA256_DIGEST];
			char parts[65];

			sha256_init(&s);
			sha256_update(&s, m, cut);
			sha256_update(&s, m + cut, len - cut);
			sha256_final(&s, d);
			sha256_hex(d, parts);
			assert_string_equal(parts, whole);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_empty),      cmocka_unit_test(test_abc),
	    cmocka_unit_test(test_two_blocks), cmocka_unit_test(test_million_a),
	    cmocka_unit_test(test_splits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
