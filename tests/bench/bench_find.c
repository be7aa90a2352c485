// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Time per search of the finder core over memory dumps, next to a baseline:
 * syslinux 6.04 memdiskfind's algorithm (scan only, first table that passes
 * signature, length and checksum wins), rewritten here from its description
 * in REFERENCE.md so that both run on the same bytes in the same process.
 * Then the NFIT parser's time per table (no program of its own to compare
 * with: next to it, the time to sum the table's bytes once, the least any
 * parser that checks the checksum must spend).
 * Usage: bench_find DUMP... [--nfit TABLE...] (raw dumps, physical address 0
 * at offset 0; NFIT tables as in /sys/firmware/acpi/tables/NFIT)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/find.h"
#include "core/nfit.h"

#define RUNS 2001

static uint8_t mem[LOWMEM_END];
static size_t table_len; /* of an NFIT in mem */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The baseline: syslinux's scan, without its INT 13h-free /proc/iomem step. */
static int syslinux_scan(const uint8_t *m, uint32_t *start)
{
	uint32_t base = (uint32_t)(m[0x413] | m[0x414] << 8) << 10, p, len, i;
	uint8_t sum;

	if (base < 0x10000 || base >= LOWMEM_END)
		return 0;
	for (p = base; p + 66 <= LOWMEM_END; p += 16) {
		if (memcmp(m + p, "mBFT", 4))
			continue;
		memcpy(&len, m + p + 4, 4);
		if (len < 66 || len > LOWMEM_END - p ||
		    len != (uint32_t)(m[p + 40] | m[p + 41] << 8) + 40)
			continue;
		for (sum = 0, i = 0; i < len; i++)
			sum = (uint8_t)(sum + m[p + i]);
		if (sum)
			continue;
		memcpy(start, m + p + 44, 4);
		return 1;
	}
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t median_ns(int which)
{
	static uint64_t t[RUNS];
	volatile uint32_t sink = 0;
	struct memdisk d;
	uint32_t start = 0;
	uint64_t t0;
	int i;

	static struct nfit_ramdisks found;
	uint8_t sum;
	size_t k;

	for (i = 0; i < RUNS; i++) {
		t0 = now_ns();
		if (which == 0) {
			if (memdisk_find(mem, sizeof(mem), &d, NULL) == MEMDISK_OK)
				sink += d.start;
		} else if (which == 1) {
			if (syslinux_scan(mem, &start))
				sink += start;
		} else if (which == 2) {
			if (nfit_find(mem, table_len, &found, NULL) == NFIT_OK)
				sink += (uint32_t)found.chosen.base;
		} else {
			for (sum = 0, k = 0; k < table_len; k++)
				sum = (uint8_t)(sum + ((volatile uint8_t *)mem)[k]);
			sink += sum;
		}
		t[i] = now_ns() - t0;
	}
	(void)sink;
	qsort(t, RUNS, sizeof(t[0]), cmp_u64);
	return t[RUNS / 2];
}

static const char *base_name(const char *path)
{
	return strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
}

/* The NFIT tables after "--nfit": parse time next to one pass over the bytes. */
static int bench_nfit(int argc, char **argv)
{
	FILE *f;
	int i;

	printf("\n%-22s %8s %14s %18s\n", "NFIT table", "bytes", "parser (ns)", "byte sum (ns)");
	for (i = 0; i < argc; i++) {
		f = fopen(argv[i], "rb");
		table_len = f ? fread(mem, 1, sizeof(mem), f) : 0;
		if (!f || ferror(f) || table_len == 0) {
			fprintf(stderr, "bench_find: %s: cannot read\n", argv[i]);
			return 1;
		}
		fclose(f);
		printf("%-22s %8zu %14llu %18llu\n", base_name(argv[i]), table_len,
		       (unsigned long long)median_ns(2), (unsigned long long)median_ns(3));
	}
	printf("(median of %d runs each)\n", RUNS);
	return 0;
}

int main(int argc, char **argv)
{
	FILE *f;
	int i;

	printf("%-22s %14s %18s\n", "dump", "core (ns)", "syslinux scan (ns)");
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--nfit")) {
			printf("(median of %d runs each)\n", RUNS);
			return bench_nfit(argc - i - 1, argv + i + 1);
		}
		f = fopen(argv[i], "rb");
		if (!f || fread(mem, 1, sizeof(mem), f) != sizeof(mem)) {
			fprintf(stderr, "bench_find: %s: cannot read 640 KiB\n", argv[i]);
			return 1;
		}
		fclose(f);
		printf("%-22s %14llu %18llu\n", base_name(argv[i]),
		       (unsigned long long)median_ns(0), (unsigned long long)median_ns(1));
	}
	printf("(median of %d runs each)\n", RUNS);
	return 0;
}
