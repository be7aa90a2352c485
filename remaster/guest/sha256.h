/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sha256.h: SHA-256 (FIPS 180-4), pure (no I/O), for memdisk-sha256. */
#ifndef MEMDISK_SHA256_H
#define MEMDISK_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST 32

struct sha256 {
	uint32_t h[8];
	uint64_t bytes;	   /* message length so far */
	uint8_t block[64]; /* partial block */
	size_t fill;	   /* bytes in block */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
void sha256_final(struct sha256 *s, uint8_t out[SHA256_DIGEST]);
/* 64 lowercase hex digits and a NUL into hex[65]. */
void sha256_hex(const uint8_t digest[SHA256_DIGEST], char hex[2 * SHA256_DIGEST + 1]);

#endif
