// SPDX-License-Identifier: GPL-2.0-or-later
#include "finder/output.h"

#include <errno.h>
#include <unistd.h>

static struct {
	int fd;
	int failed; /* a write failed: the exit status must say so */
	size_t len;
	char buf[512];
} out; /* in .bss: costs no bytes on disk */

int out_flush(void)
{
	size_t done = 0;
	ssize_t n;

	while (done < out.len) {
		n = write(out.fd, out.buf + done, out.len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			out.failed = 1;
			break;
		}
		done += (size_t)n;
	}
	out.len = 0;
	return out.failed ? -1 : 0;
}

void out_to(int fd)
{
	(void)out_flush();
	out.fd = fd;
	out.failed = 0;
}

static void out_char(int c)
{
	if (out.len == sizeof(out.buf))
		(void)out_flush();
	out.buf[out.len++] = (char)c;
}

void out_str(const char *s)
{
	while (*s)
		out_char(*s++);
}

/* Digits from the right: hex by shifts, decimal (32-bit values only) by
 * division; a 64-bit division would cost a libgcc helper on i386. */
static void out_number(uint64_t value, unsigned int base)
{
	char digits[16];
	size_t n = 0;

	do {
		digits[n++] = "0123456789abcdef"[base == 16 ? value & 15 : (uint32_t)value % 10];
		value = base == 16 ? value >> 4 : (uint32_t)value / 10;
	} while (value);
	while (n)
		out_char(digits[--n]);
}

void out_hex(uint64_t value)
{
	if (value)
		out_str("0x");
	out_number(value, 16);
}

void out_dec(unsigned int value)
{
	out_number(value, 10);
}

void out_quoted(const uint8_t *bytes, size_t n, int shell)
{
	if (shell)
		out_char('\'');
	while (n--) {
		if (shell && *bytes == '\'')
			out_str("'\\''"); /* close, escaped quote, reopen */
		else if (shell || (*bytes >= 0x20 && *bytes < 0x7f))
			out_char(*bytes);
		else
			out_char('?');
		bytes++;
	}
	if (shell)
		out_char('\'');
}
