/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Minimal buffered output on a file descriptor. The klibc build avoids stdio
 * (and printf's varargs, which cost more code than these calls on x86-64):
 * every byte of the static binary is paid for in every initramfs. For the
 * same reason there is one output at a time, not an object passed to every
 * call: out_to() flushes what is pending and switches the file descriptor.
 */
#ifndef MEMDISKFIND_OUTPUT_H
#define MEMDISKFIND_OUTPUT_H

#include <stddef.h>
#include <stdint.h>

/* Flushes, then writes to fd, with a clean failure record. */
void out_to(int fd);
void out_str(const char *s);
/* Like printf's %#x: "0x" prefix, lowercase, and plain "0" for zero. */
void out_hex(uint64_t value);
void out_dec(unsigned int value);
/* shell: single-quoted for POSIX sh, safe to eval whatever the bytes are;
 * otherwise printable ASCII as is and any other byte as '?'. */
void out_quoted(const uint8_t *bytes, size_t n, int shell);
/* Returns 0, or -1 if any write to the current fd failed since out_to(). */
int out_flush(void);

#endif
