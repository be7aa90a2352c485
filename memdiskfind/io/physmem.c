// SPDX-License-Identifier: GPL-2.0-or-later
#include "io/physmem.h"
#include "core/lowmem.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

/* Room for the fallback paths; in .bss, so it costs no bytes on disk. */
static uint8_t window[LOWMEM_END];

/* Fills buf from fd at offset 0; returns bytes read (short at EOF) or -1. */
static ssize_t read_fully(int fd, uint8_t *buf, size_t len)
{
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = pread(fd, buf + done, len - done, (off_t)done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		done += (size_t)n;
	}
	return (ssize_t)done;
}

int physmem_read(const char *path, enum physmem_how how, size_t len, struct physmem *pm)
{
	void *map;
	ssize_t n;
	int fd, err;

	if (len > sizeof(window))
		len = sizeof(window);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		return errno;
	}
	if (how == PHYSMEM_DEVICE) {
		map = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
		if (map != MAP_FAILED) {
			close(fd);
			pm->bytes = map;
			pm->len = len;
			return 0;
		}
	}
	n = read_fully(fd, window, len);
	err = errno;
	close(fd);
	if (n < 0) {
		return err;
	}
	if (how == PHYSMEM_DUMP && (size_t)n < len) {
		return -1;
	}
	pm->bytes = window;
	pm->len = (size_t)n;
	return 0;
}
