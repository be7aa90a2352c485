/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Minimal buffered output on a file descriptor. The klibc build avoids stdio
 * (and printf's varargs, which cost more code than these calls on x86-64):
 * every byte of the static binary is paid for in every initramfs.
 */
#ifndef MEMDISKFIND_OUTPUT_H
#define MEMDISKFIND_OUTPUT_H

#include <stddef.h>
#include <stdint.h>

struct out {
	int fd;
	int failed; /* a write failed: the exit status must say so */
	size_t len;
	char buf[512];
};

void out_str(struct out *out, const char *s);
/* Like printf's %#x: "0x" prefix, lowercase, and plain "0" for zero. */
void out_hex(struct out *out, uint64_t value);
void out_dec(struct out *out, unsigned int value);
/* shell: single-quoted for POSIX sh, safe to eval whatever the bytes are;
 * otherwise printable ASCII as is and any other byte as '?'. */
void out_quoted(struct out *out, const uint8_t *bytes, size_t n, int shell);
/* Returns 0, or -1 if any write failed since the start. */
int out_flush(struct out *out);

#endif
