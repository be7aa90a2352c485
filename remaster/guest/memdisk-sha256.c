// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memdisk-sha256 FILE: print "SHA256 BYTES" of FILE (a block device or a
 * file), read to its end. The guest side of memdisk-remaster --verify runs
 * it on the RAM disk's block device: not every initramfs has sha256sum
 * (dracut images do not), so the overlay brings this static program.
 * Exit status: 0, or 1 when FILE cannot be read (a message on stderr).
 */
#include "sha256.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static uint8_t buf[1 << 16];

int main(int argc, char **argv)
{
	struct sha256 s;
	uint8_t digest[SHA256_DIGEST];
	char hex[2 * SHA256_DIGEST + 1];
	unsigned long long total = 0;
	ssize_t n;
	int fd;

	if (argc != 2) {
		fputs("usage: memdisk-sha256 FILE\n", stderr);
		return 64;
	}
	fd = open(argv[1], O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "memdisk-sha256: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	sha256_init(&s);
	for (;;) {
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			fprintf(stderr, "memdisk-sha256: %s: %s\n", argv[1], strerror(errno));
			close(fd);
			return 1;
		}
		if (n == 0)
			break;
		sha256_update(&s, buf, (size_t)n);
		total += (unsigned long long)n;
	}
	close(fd);
	sha256_final(&s, digest);
	sha256_hex(digest, hex);
	printf("%s %llu\n", hex, total);
	return 0;
}
