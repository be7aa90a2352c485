// SPDX-License-Identifier: GPL-2.0-or-later
#include "finder/output.h"

#include <errno.h>
#include <unistd.h>

int out_flush(struct out *out)
{
	size_t done = 0;
	ssize_t n;

	while (done < out->len) {
		n = write(out->fd, out->buf + done, out->len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			out->failed = 1;
			break;
		}
		done += (size_t)n;
	}
	out->len = 0;
	return out->failed ? -1 : 0;
}

static void out_char(struct out *out, int c)
{
	if (out->len == sizeof(out->buf))
		(void)out_flush(out);
	out->buf[out->len++] = (char)c;
}

void out_str(struct out *out, const char *s)
{
	while (*s)
		out_char(out, *s++);
}

/* Hex by shifts, not division: 64-bit division costs a libgcc helper on i386. */
void out_hex(struct out *out, uint64_t value)
{
	int shift = 60;

	if (value)
		out_str(out, "0x");
	while (shift > 0 && !(value >> shift))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		out_char(out, "0123456789abcdef"[(value >> shift) & 15]);
}

void out_dec(struct out *out, unsigned int value)
{
	char digits[12];
	size_t n = 0;

	do {
		digits[n++] = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	while (n)
		out_char(out, digits[--n]);
}

void out_quoted(struct out *out, const uint8_t *bytes, size_t n, int shell)
{
	if (shell)
		out_char(out, '\'');
	while (n--) {
		if (shell && *bytes == '\'')
			out_str(out, "'\\''"); /* close, escaped quote, reopen */
		else if (shell || (*bytes >= 0x20 && *bytes < 0x7f))
			out_char(out, *bytes);
		else
			out_char(out, '?');
		bytes++;
	}
	if (shell)
		out_char(out, '\'');
}
