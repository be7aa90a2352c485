// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memdisk-copy [--mem FILE] START LEN DEST: copy LEN bytes of physical
 * memory from START into the new file DEST.
 *
 * The copy fallback of memdisk-attach (attach/backend-copy.sh) for kernels
 * without phram: the RAM disk is copied into a tmpfs and attached through a
 * loop device. Physical memory is read by mmap of /dev/mem, never read():
 * read() returns zeros for the pages below 1 MiB that are part RAM and fails
 * above high memory. MEMDISK keeps its images below 4 GiB, so the range must
 * end there. --mem FILE reads FILE instead (offset = physical address), for
 * tests. DEST must not exist; it is removed again when the copy fails.
 *
 * Exit status: 0 copied; 1 memory cannot be read (lockdown, no /dev/mem,
 * the range is not mappable); 2 DEST cannot be written (no space: the copy
 * needs LEN bytes of RAM); 64 usage.
 */
#include "core/copyplan.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* 8 MiB per mapping: few system calls, little address space (32-bit). */
#define COPY_WINDOW (8u << 20)

static int usage(void)
{
	fputs("usage: memdisk-copy [--mem FILE] START LEN DEST\n"
	      "Copy LEN bytes of physical memory from START (decimal or 0x hex) into the new file "
	      "DEST.\n",
	      stderr);
	return 64;
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += (size_t)w;
		n -= (size_t)w;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *mem = "/dev/mem", *dest;
	uint64_t start, len, done = 0, page;
	struct copy_window w;
	struct stat st;
	int in, out, argi = 1;
	long ps;

	if (argc == 6 && strcmp(argv[1], "--mem") == 0) {
		mem = argv[2];
		argi = 3;
	} else if (argc != 4) {
		return usage();
	}
	if (copy_parse_u64(argv[argi], &start) != 0 || copy_parse_u64(argv[argi + 1], &len) != 0) {
		fprintf(stderr,
			"memdisk-copy: START and LEN must be numbers (decimal or 0x hex)\n");
		return 64;
	}
	dest = argv[argi + 2];
	if (copy_range_ok(start, len, COPY_LIMIT) != 0) {
		fprintf(stderr, "memdisk-copy: 0x%llx+0x%llx is not a range below 4 GiB\n",
			(unsigned long long)start, (unsigned long long)len);
		return 64;
	}
	ps = sysconf(_SC_PAGESIZE);
	page = ps > 0 ? (uint64_t)ps : 4096;

	in = open(mem, O_RDONLY);
	if (in < 0) {
		fprintf(stderr, "memdisk-copy: %s: %s\n", mem, strerror(errno));
		return 1;
	}
	/* A stand-in file must hold the whole range (a device has no size). */
	if (fstat(in, &st) == 0 && S_ISREG(st.st_mode) && (uint64_t)st.st_size < start + len) {
		fprintf(stderr, "memdisk-copy: %s holds %llu bytes, the range ends at %llu\n", mem,
			(unsigned long long)st.st_size, (unsigned long long)(start + len));
		close(in);
		return 1;
	}
	out = open(dest, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (out < 0) {
		fprintf(stderr, "memdisk-copy: %s: %s\n", dest, strerror(errno));
		close(in);
		return 2;
	}
	while (copy_next_window(start, len, done, page, COPY_WINDOW, &w) == 0) {
		void *map =
		    mmap(NULL, (size_t)w.map_len, PROT_READ, MAP_SHARED, in, (off_t)w.map_off);

		if (map == MAP_FAILED) {
			fprintf(stderr, "memdisk-copy: cannot map %s at 0x%llx: %s\n", mem,
				(unsigned long long)w.map_off, strerror(errno));
			close(out);
			unlink(dest);
			close(in);
			return 1;
		}
		if (write_all(out, (const unsigned char *)map + w.skip, (size_t)w.take) != 0) {
			int err = errno;

			munmap(map, (size_t)w.map_len);
			fprintf(stderr, "memdisk-copy: %s: %s (after %llu of %llu bytes)\n", dest,
				err ? strerror(err) : "short write", (unsigned long long)done,
				(unsigned long long)len);
			close(out);
			unlink(dest);
			close(in);
			return 2;
		}
		munmap(map, (size_t)w.map_len);
		done += w.take;
	}
	close(in);
	if (close(out) != 0) {
		fprintf(stderr, "memdisk-copy: %s: %s\n", dest, strerror(errno));
		unlink(dest);
		return 2;
	}
	return 0;
}
