// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nfit_seeds DIR: writes the fuzzer's synthetic seed tables into DIR (the
 * Makefile adds the real ones from tests/fixtures/nfit): each RAM-disk type,
 * a real NVDIMM beside a RAM disk, several RAM disks in both orders, other
 * structure types, both SPA lengths (56, 64).
 */
#include <stdio.h>
#include <string.h>

#include "synth.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int write_seed(const char *dir, const char *name, const struct synth_nfit_struct *s,
		      size_t n)
{
	static uint8_t buf[SYNTH_NFIT_MAX];
	char path[4096];
	uint32_t len = synth_nfit(buf, s, n);
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
		perror(path);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const struct synth_nfit_struct cd[] = {{0, 0, GUID_VIRTUAL_CD, 0x7e000000, 0x1000800, 1}};
	const struct synth_nfit_struct disk[] = {
	    {0, 0, GUID_VIRTUAL_DISK, 0x10000000, 0x3000000, 1}};
	const struct synth_nfit_struct persistent[] = {
	    {0, 64, GUID_PERSISTENT_VCD, 0x7e000000, 0x800, 1},
	    {0, 64, GUID_PERSISTENT_VDISK, 0x10000000, 0x1000, 2}};
	const struct synth_nfit_struct nvdimm[] = {
	    {0, 0, GUID_PERSISTENT_MEMORY, 0x140000000ull, 0x40000000, 1},
	    {1, 48, NULL, 0, 0, 0},
	    {4, 80, NULL, 0, 0, 0},
	    {0, 0, GUID_VIRTUAL_CD, 0x7e000000, 0x1000800, 2}};
	const struct synth_nfit_struct disk_cd[] = {
	    {0, 0, GUID_VIRTUAL_DISK, 0x10000000, 0x3000000, 1},
	    {0, 0, GUID_VIRTUAL_CD, 0x7e000000, 0x1000800, 2}};
	const struct synth_nfit_struct cd_disk[] = {
	    {0, 0, GUID_VIRTUAL_CD, 0x7e000000, 0x1000800, 1},
	    {0, 0, GUID_VIRTUAL_DISK, 0x10000000, 0x3000000, 2}};
	const struct synth_nfit_struct edges[] = {
	    {0, 0, GUID_VIRTUAL_CD, 0xffffffffffff0000ull, 0xffff, 1},
	    {0, 48, GUID_VIRTUAL_DISK, 0x1000, 0, 2},
	    {0, 0, GUID_VOLATILE_MEMORY, 0, 0x100000, 3}};
	int failed = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: nfit_seeds DIR\n");
		return 64;
	}
	failed |= write_seed(argv[1], "cd", cd, COUNT(cd));
	failed |= write_seed(argv[1], "disk", disk, COUNT(disk));
	failed |= write_seed(argv[1], "persistent", persistent, COUNT(persistent));
	failed |= write_seed(argv[1], "nvdimm-and-cd", nvdimm, COUNT(nvdimm));
	failed |= write_seed(argv[1], "disk-cd", disk_cd, COUNT(disk_cd));
	failed |= write_seed(argv[1], "cd-disk", cd_disk, COUNT(cd_disk));
	failed |= write_seed(argv[1], "edges", edges, COUNT(edges));
	failed |= write_seed(argv[1], "empty", NULL, 0);
	return failed;
}
