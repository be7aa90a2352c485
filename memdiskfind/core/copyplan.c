// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/copyplan.h"

int copy_range_ok(uint64_t start, uint64_t len, uint64_t limit)
{
	if (len == 0 || start >= limit || len > limit - start)
		return -1;
	return 0;
}

int copy_next_window(uint64_t start, uint64_t len, uint64_t done, uint64_t page, uint64_t window,
		     struct copy_window *w)
{
	uint64_t pos, left, room;

	if (page == 0 || (page & (page - 1)) != 0 || window < page || window % page != 0)
		return -1;
	if (done >= len || start > UINT64_MAX - len)
		return -1;
	pos = start + done;
	left = len - done;
	w->map_off = pos & ~(page - 1);
	w->skip = pos - w->map_off;
	room = window - w->skip;
	w->take = left < room ? left : room;
	/* Round the mapping up to whole pages: skip + take <= window. */
	w->map_len = (w->skip + w->take + page - 1) & ~(page - 1);
	return 0;
}

int copy_parse_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0;
	unsigned int base = 10, d;
	const char *p = s;

	if (s == NULL || *s == '\0')
		return -1;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
		if (*p == '\0')
			return -1;
	} else if (p[0] == '0' && p[1] != '\0') {
		return -1; /* no octal: 010 would not mean what it says */
	}
	for (; *p; p++) {
		if (*p >= '0' && *p <= '9')
			d = (unsigned int)(*p - '0');
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = (unsigned int)(*p - 'a' + 10);
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = (unsigned int)(*p - 'A' + 10);
		else
			return -1;
		if (v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	*out = v;
	return 0;
}
