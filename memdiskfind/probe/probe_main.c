// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memdisk-probe: what is inside the image syslinux MEMDISK loaded (or a disk
 * image file), and the phram lines that attach it: the whole image when it
 * carries a file system of its own, else one device per partition.
 *
 * MEMDISK only: on a UEFI boot the firmware's own RAM disk (ACPI NFIT) is
 * attached by the kernel's nd_pmem, which partitions it itself; there
 * memdisk-probe says where that RAM disk is and how to probe its device.
 *
 * A normal glibc program linked with libblkid (which every initramfs with
 * udev or blkid has). The finder core is shared with memdiskfind.
 */
#define _GNU_SOURCE /* memfd_create */
#include "core/find.h"
#include "core/nfit.h"
#include "io/physmem.h"
#include "io/sysroot.h"
#include "probe/probe.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef MEMDISKFIND_VERSION
#define MEMDISKFIND_VERSION "unknown"
#endif

enum exit_status { EXIT_OK = 0, EXIT_NOT_FOUND = 1, EXIT_FAILED = 2, EXIT_USAGE = 64 };
enum format { FORMAT_TABLE, FORMAT_SHELL, FORMAT_JSON, FORMAT_PHRAM };

#define DEVICE_PATH SYS_DEV_MEM
#define PHRAM_NAME  "memdisk"

static const char usage_text[] =
    "Usage: memdisk-probe [-s|-j|-e] [-v] [--mem FILE | --image FILE]\n"
    "\n"
    "Show what is inside the image syslinux MEMDISK loaded (file system,\n"
    "partition table, partitions), using libblkid, and what to attach.\n"
    "MEMDISK only: on a UEFI boot it names the firmware's NFIT RAM disk, which\n"
    "the kernel's nd_pmem attaches and partitions (probe it with --image).\n"
    "\n"
    " -e, --phram       phram lines: memdisk,START,LEN,ERASESIZE for a whole\n"
    "                   image, else memdisk_pN,START,LEN,ERASESIZE per partition\n"
    " -s, --shell       shell assignments (MEMDISK_FSTYPE=..., MEMDISK_P1_...)\n"
    " -j, --json        JSON\n"
    " -v, --verbose     say what was probed, and how long it took, on stderr\n"
    "     --mem FILE    read a memory dump instead of " DEVICE_PATH "\n"
    "     --image FILE  probe a disk image file or block device instead\n"
    "                   (START is then relative to the file)\n"
    " -h, --help        this help\n"
    " -V, --version     the version\n"
    "\n"
    "Exit: 0 ok, 1 no MEMDISK, 2 cannot read or probe, 64 usage error.\n";

struct options {
	enum format format;
	int verbose;
	const char *dump;
	const char *image;
};

static int usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "memdisk-probe: %s%s\nTry 'memdisk-probe --help' for more information.\n",
		what, arg);
	return EXIT_USAGE;
}

/* Returns -1 when the options are fine, else the exit status to leave with. */
static int parse_options(int argc, char **argv, struct options *opt)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **file = NULL;

		if (!strcmp(a, "--mem") || !strncmp(a, "--mem=", 6))
			file = &opt->dump;
		else if (!strcmp(a, "--image") || !strncmp(a, "--image=", 8))
			file = &opt->image;
		if (file) {
			const char *eq = strchr(a, '=');

			*file = eq ? eq + 1 : argv[++i];
			if (!*file || !**file)
				return usage_error("option requires a file: ", a);
			continue;
		}
		if (!strcmp(a, "-e") || !strcmp(a, "--phram"))
			opt->format = FORMAT_PHRAM;
		else if (!strcmp(a, "-s") || !strcmp(a, "--shell"))
			opt->format = FORMAT_SHELL;
		else if (!strcmp(a, "-j") || !strcmp(a, "--json"))
			opt->format = FORMAT_JSON;
		else if (!strcmp(a, "-v") || !strcmp(a, "--verbose"))
			opt->verbose = 1;
		else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
			fputs(usage_text, stdout);
			return EXIT_OK;
		} else if (!strcmp(a, "-V") || !strcmp(a, "--version")) {
			puts("memdisk-probe (memdisk-phram) " MEMDISKFIND_VERSION);
			return EXIT_OK;
		} else if (a[0] == '-')
			return usage_error("unrecognized option ", a);
		else
			return usage_error("unexpected argument ", a);
	}
	if (opt->dump && opt->image)
		return usage_error("--mem and --image exclude each other", "");
	return -1;
}

/* ---- the image in physical memory ------------------------------------------
 * libblkid refuses character devices, so the image cannot be probed through
 * /dev/mem directly. Instead a sparse memfd of the image's size receives the
 * windows that probing reads (head and tail of the image and of each
 * partition), copied from /dev/mem with mmap: the image lies in a reserved
 * range past the end of RAM, where read() on /dev/mem fails (EFAULT) but mmap
 * works. Memory spent: a few MiB, freed on exit. */
struct phys_image {
	int memfd;
	int physfd;
	uint64_t start; /* physical address of the image */
	const char *path;
};

static int phys_fill(void *ctx, uint64_t off, uint64_t len)
{
	struct phys_image *pi = ctx;
	long pagesize = sysconf(_SC_PAGESIZE);
	uint64_t addr = pi->start + off;
	uint64_t base = addr & ~(uint64_t)(pagesize - 1);
	size_t maplen = (size_t)(addr - base + len);
	const uint8_t *map;
	ssize_t n;

	map = mmap(NULL, maplen, PROT_READ, MAP_SHARED, pi->physfd, (off_t)base);
	if (map == MAP_FAILED) {
		fprintf(stderr, "memdisk-probe: %s: cannot map 0x%llx+0x%llx: %s\n", pi->path,
			(unsigned long long)addr, (unsigned long long)len, strerror(errno));
		return -1;
	}
	n = pwrite(pi->memfd, map + (addr - base), (size_t)len, (off_t)off);
	munmap((void *)map, maplen);
	if (n != (ssize_t)len) {
		fprintf(stderr, "memdisk-probe: copy of the image: %s\n",
			n < 0 ? strerror(errno) : "short write");
		return -1;
	}
	return 0;
}

static int open_phys(const struct options *opt, const struct memdisk *d, struct phys_image *pi,
		     struct probe_source *src)
{
	struct stat st;

	pi->path = opt->dump ? opt->dump : sysroot_path(DEVICE_PATH);
	pi->start = d->start;
	pi->physfd = open(pi->path, O_RDONLY | O_CLOEXEC);
	if (pi->physfd < 0) {
		fprintf(stderr, "memdisk-probe: %s: %s\n", pi->path, strerror(errno));
		return -1;
	}
	/* A dump must hold the image: mmap past its end would fault. */
	if (opt->dump && (fstat(pi->physfd, &st) || (uint64_t)st.st_size < d->start + d->size)) {
		fprintf(stderr, "memdisk-probe: %s: short dump: the image ends at 0x%llx\n",
			pi->path, (unsigned long long)(d->start + d->size));
		return -1;
	}
	pi->memfd = memfd_create("memdisk-probe", MFD_CLOEXEC);
	if (pi->memfd < 0 || ftruncate(pi->memfd, (off_t)d->size)) {
		fprintf(stderr, "memdisk-probe: memfd: %s\n", strerror(errno));
		return -1;
	}
	src->fd = pi->memfd;
	src->offset = 0;
	src->size = d->size;
	src->fill = phys_fill;
	src->ctx = pi;
	return 0;
}

static int open_image(const char *path, struct probe_source *src)
{
	struct stat st;
	off_t end;

	src->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (src->fd < 0 || fstat(src->fd, &st)) {
		fprintf(stderr, "memdisk-probe: %s: %s\n", path, strerror(errno));
		return -1;
	}
	end = lseek(src->fd, 0, SEEK_END); /* block devices have st_size 0 */
	if (end <= 0) {
		fprintf(stderr, "memdisk-probe: %s: %s\n", path,
			end < 0 ? strerror(errno) : "empty");
		return -1;
	}
	src->offset = 0;
	src->size = (uint64_t)end;
	src->fill = NULL;
	return 0;
}

/* ---- output ----------------------------------------------------------------- */
static void shell_quote(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	}
	fputc('\'', f);
}

/* Length of the valid UTF-8 sequence at s, or 0. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* A JSON string; labels are untrusted bytes: control characters escaped,
 * invalid UTF-8 replaced by U+FFFD. */
static void json_string(FILE *f, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;

	fputc('"', f);
	while (*s) {
		if (*s == '"' || *s == '\\') {
			fprintf(f, "\\%c", *s++);
		} else if (*s < 0x20 || *s == 0x7f) {
			fprintf(f, "\\u%04x", *s++);
		} else if ((n = utf8_len(s)) == 0) {
			fputs("\\ufffd", f);
			s++;
		} else {
			fwrite(s, 1, n, f);
			s += n;
		}
	}
	fputc('"', f);
}

static void json_or_null(FILE *f, const char *s)
{
	if (*s)
		json_string(f, s);
	else
		fputs("null", f);
}

struct where {
	int in_memory;
	uint64_t start; /* physical address, 0 for a file */
	const char *path;
};

/* PREFIXFSTYPE=, PREFIXLABEL=, PREFIXUUID=, one line each. */
static void print_shell_fs(FILE *f, const char *prefix, const struct probe_fs *fs)
{
	fprintf(f, "%sFSTYPE=", prefix);
	shell_quote(f, fs->type);
	fprintf(f, "\n%sLABEL=", prefix);
	shell_quote(f, fs->label);
	fprintf(f, "\n%sUUID=", prefix);
	shell_quote(f, fs->uuid);
	fputc('\n', f);
}

static void print_shell(FILE *f, const struct where *w, const struct probe_report *r)
{
	char prefix[32];
	unsigned int i;

	if (w->in_memory)
		fprintf(f, "MEMDISK_START=0x%llx\n", (unsigned long long)w->start);
	fprintf(f, "MEMDISK_SIZE=0x%llx\n", (unsigned long long)r->size);
	print_shell_fs(f, "MEMDISK_", &r->fs);
	fputs("MEMDISK_PTTYPE=", f);
	shell_quote(f, r->pttype);
	fputs("\nMEMDISK_PTUUID=", f);
	shell_quote(f, r->ptuuid);
	fprintf(f, "\nMEMDISK_PTDAMAGED=%d\nMEMDISK_SPLIT=%d\nMEMDISK_PARTS='", r->table_error,
		r->split);
	for (i = 0; i < r->nparts; i++)
		fprintf(f, "%s%u", i ? " " : "", r->parts[i].number);
	fputs("'\n", f);
	for (i = 0; i < r->nparts; i++) {
		const struct probe_part *p = &r->parts[i];

		fprintf(f, "MEMDISK_P%u_START=0x%llx\n", p->number, (unsigned long long)p->start);
		fprintf(f, "MEMDISK_P%u_SIZE=0x%llx\n", p->number, (unsigned long long)p->size);
		fprintf(f, "MEMDISK_P%u_TYPE=", p->number);
		shell_quote(f, p->type);
		fprintf(f, "\nMEMDISK_P%u_PARTUUID=", p->number);
		shell_quote(f, p->partuuid);
		snprintf(prefix, sizeof(prefix), "MEMDISK_P%u_", p->number);
		fputc('\n', f);
		print_shell_fs(f, prefix, &p->fs);
		fprintf(f, "MEMDISK_P%u_ATTACH=%d\n", p->number,
			r->split && p->verdict == PROBE_ATTACH);
		fprintf(f, "MEMDISK_P%u_SKIPPED=", p->number);
		shell_quote(f, p->verdict == PROBE_ATTACH ? "" : probe_verdict_text(p->verdict));
		fputc('\n', f);
	}
}

static void print_json(FILE *f, const struct where *w, const struct probe_report *r)
{
	unsigned int i;

	fputs("{\"source\": ", f);
	json_string(f, w->path);
	if (w->in_memory)
		fprintf(f, ", \"start\": %llu", (unsigned long long)w->start);
	fprintf(f, ", \"size\": %llu, \"fstype\": ", (unsigned long long)r->size);
	json_or_null(f, r->fs.type);
	fputs(", \"label\": ", f);
	json_or_null(f, r->fs.label);
	fputs(", \"uuid\": ", f);
	json_or_null(f, r->fs.uuid);
	fputs(", \"pttype\": ", f);
	json_or_null(f, r->pttype);
	fputs(", \"ptuuid\": ", f);
	json_or_null(f, r->ptuuid);
	fprintf(f, ", \"table_damaged\": %s, \"split\": %s, \"partitions\": [",
		r->table_error ? "true" : "false", r->split ? "true" : "false");
	for (i = 0; i < r->nparts; i++) {
		const struct probe_part *p = &r->parts[i];

		fprintf(f, "%s\n  {\"number\": %u, \"start\": %llu, \"size\": %llu, \"type\": ",
			i ? "," : "", p->number, (unsigned long long)p->start,
			(unsigned long long)p->size);
		json_string(f, p->type);
		fputs(", \"partuuid\": ", f);
		json_or_null(f, p->partuuid);
		fputs(", \"fstype\": ", f);
		json_or_null(f, p->fs.type);
		fputs(", \"label\": ", f);
		json_or_null(f, p->fs.label);
		fputs(", \"uuid\": ", f);
		json_or_null(f, p->fs.uuid);
		if (r->split && p->verdict == PROBE_ATTACH)
			fprintf(f, ", \"attach\": \"" PHRAM_NAME "_p%u\", \"skipped\": null}",
				p->number);
		else {
			fputs(", \"attach\": null, \"skipped\": ", f);
			json_string(f, probe_verdict_text(p->verdict));
			fputc('}', f);
		}
	}
	fputs(r->nparts ? "\n]}\n" : "]}\n", f);
}

static void print_phram(FILE *f, const struct where *w, const struct probe_report *r)
{
	unsigned int i;

	if (!r->split) {
		fprintf(f, PHRAM_NAME ",0x%llx,0x%llx,%u\n", (unsigned long long)w->start,
			(unsigned long long)r->size, memdisk_erasesize(r->size));
		return;
	}
	for (i = 0; i < r->nparts; i++) {
		const struct probe_part *p = &r->parts[i];

		if (p->verdict == PROBE_ATTACH)
			fprintf(f, PHRAM_NAME "_p%u,0x%llx,0x%llx,%u\n", p->number,
				(unsigned long long)(w->start + p->start),
				(unsigned long long)p->size, memdisk_erasesize(p->size));
	}
}

/* For the human table: "-" for nothing, control characters (labels are
 * untrusted bytes) as '?', so that they cannot move the terminal around. */
static const char *dash(const char *s)
{
	static char buf[4][256];
	static unsigned int next;
	char *d = buf[next++ % 4];
	size_t i;

	if (!*s)
		return "-";
	for (i = 0; s[i] && i + 1 < sizeof(buf[0]); i++)
		d[i] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ? '?' : s[i];
	d[i] = '\0';
	return d;
}

static void print_table(FILE *f, const struct where *w, const struct probe_report *r)
{
	unsigned int i;

	if (w->in_memory)
		fprintf(f, "image:      MEMDISK at 0x%llx, %llu bytes\n",
			(unsigned long long)w->start, (unsigned long long)r->size);
	else
		fprintf(f, "image:      %s, %llu bytes\n", w->path, (unsigned long long)r->size);
	fprintf(f, "filesystem: %s", dash(r->fs.type));
	if (r->fs.label[0])
		fprintf(f, ", label \"%s\"", dash(r->fs.label));
	if (r->fs.uuid[0])
		fprintf(f, ", UUID %s", dash(r->fs.uuid));
	fprintf(f, "\ntable:      %s%s%s%s\n", dash(r->pttype), r->ptuuid[0] ? ", id " : "",
		r->ptuuid, r->table_error ? " (damaged: ignored)" : "");
	fprintf(f, "attach:     %s\n",
		r->split ? "one device per partition" : "the whole image as one device");
	if (!r->nparts)
		return;
	fprintf(f, "%-3s %12s %12s %-36s %-8s %-16s %-36s %s\n", "NR", "START", "SIZE", "TYPE",
		"FSTYPE", "LABEL", "UUID", "ATTACH");
	for (i = 0; i < r->nparts; i++) {
		const struct probe_part *p = &r->parts[i];
		char attach[64];

		if (r->split && p->verdict == PROBE_ATTACH)
			snprintf(attach, sizeof(attach), PHRAM_NAME "_p%u", p->number);
		else
			snprintf(attach, sizeof(attach), "no: %s", probe_verdict_text(p->verdict));
		fprintf(f, "%-3u %12llu %12llu %-36s %-8s %-16s %-36s %s\n", p->number,
			(unsigned long long)p->start, (unsigned long long)p->size, dash(p->type),
			dash(p->fs.type), dash(p->fs.label), dash(p->fs.uuid), attach);
	}
	if (r->nfound > r->nparts)
		fprintf(f, "(%u more partitions not shown: at most %u are considered)\n",
			r->nfound - r->nparts, PROBE_PARTS_MAX);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Verbose: every partition that is not attached, and why (on stderr). */
static void report_skipped(const struct probe_report *r)
{
	unsigned int i;

	if (r->table_error)
		fprintf(stderr, "memdisk-probe: the partition table is damaged: ignored\n");
	for (i = 0; i < r->nparts; i++) {
		const struct probe_part *p = &r->parts[i];

		if (p->verdict == PROBE_SKIP_OVERLAP)
			fprintf(stderr,
				"memdisk-probe: partition %u skipped: overlaps partition %u\n",
				p->number, p->overlaps);
		else if (p->verdict != PROBE_ATTACH && p->verdict != PROBE_SKIP_WHOLE)
			fprintf(stderr, "memdisk-probe: partition %u skipped: %s\n", p->number,
				probe_verdict_text(p->verdict));
	}
}

/* A UEFI boot: MEMDISK (a BIOS program) cannot have run, and /dev/mem is not
 * read. The firmware's own RAM disk, if any, is described in the NFIT; the
 * kernel's nd_pmem attaches it as /dev/pmemN and partitions it itself, so
 * there is nothing to split into phram devices here. Says so; exit 1. */
static int probe_uefi(const struct options *opt)
{
	static struct nfit_ramdisks found;
	struct physmem pm = {NULL, 0};
	const char *path = sysroot_path(SYS_NFIT);
	int err = physmem_read(path, PHYSMEM_FILE, LOWMEM_END, &pm);
	const struct nfit_ramdisk *d = &found.chosen;

	if (err && err != ENOENT) {
		fprintf(stderr, "memdisk-probe: %s: %s\n", path, strerror(err));
		return EXIT_FAILED;
	}
	if (err || nfit_find(pm.bytes, pm.len, &found, NULL) != NFIT_OK) {
		if (opt->verbose)
			fprintf(stderr, "memdisk-probe: UEFI boot: no MEMDISK, no NFIT RAM disk\n");
		return EXIT_NOT_FOUND;
	}
	fprintf(stderr,
		"memdisk-probe: UEFI boot: the firmware's NFIT RAM disk (%s, 0x%llx, %llu bytes) "
		"is attached by nd_pmem, which partitions it; probe /dev/pmemN with --image\n",
		d->kind == NFIT_CD ? "CD" : "disk", (unsigned long long)d->base,
		(unsigned long long)d->length);
	return EXIT_NOT_FOUND;
}

int main(int argc, char **argv)
{
	struct options opt = {FORMAT_TABLE, 0, NULL, NULL};
	static struct probe_report report;
	struct probe_source src = {-1, 0, 0, NULL, NULL};
	struct phys_image pi = {-1, -1, 0, NULL};
	struct where w = {0, 0, NULL};
	double t0;
	int status;

	status = parse_options(argc, argv, &opt);
	if (status >= 0)
		return status;
	if (sysroot_init(getenv(SYSROOT_VAR)))
		return usage_error(SYSROOT_VAR " is too long", "");
	t0 = now();
	if (!opt.image && !opt.dump && sysroot_uefi())
		return probe_uefi(&opt);
	if (opt.image) {
		w.path = opt.image;
		if (open_image(opt.image, &src))
			return EXIT_FAILED;
	} else {
		struct physmem pm = {NULL, 0};
		struct memdisk disk;
		const char *path = opt.dump ? opt.dump : sysroot_path(DEVICE_PATH);
		int err =
		    physmem_read(path, opt.dump ? PHYSMEM_DUMP : PHYSMEM_DEVICE, LOWMEM_END, &pm);

		if (err) {
			fprintf(stderr, "memdisk-probe: %s: %s\n", path,
				err == -1 ? "short file: a dump holds at least 640 KiB"
					  : strerror(err));
			return EXIT_FAILED;
		}
		if (memdisk_find(pm.bytes, pm.len, &disk, NULL) != MEMDISK_OK) {
			if (opt.verbose)
				fprintf(stderr, "memdisk-probe: no MEMDISK\n");
			return EXIT_NOT_FOUND;
		}
		w.in_memory = 1;
		w.start = disk.start;
		w.path = path;
		if (open_phys(&opt, &disk, &pi, &src))
			return EXIT_FAILED;
	}
	if (probe_image(&src, &report)) {
		fprintf(stderr, "memdisk-probe: %s: libblkid cannot probe the image: %s\n", w.path,
			strerror(errno));
		return EXIT_FAILED;
	}
	if (opt.verbose) {
		report_skipped(&report);
		fprintf(stderr, "memdisk-probe: probed in %.3f ms\n", (now() - t0) * 1e3);
	}
	switch (opt.format) {
	case FORMAT_SHELL:
		print_shell(stdout, &w, &report);
		break;
	case FORMAT_JSON:
		print_json(stdout, &w, &report);
		break;
	case FORMAT_PHRAM:
		print_phram(stdout, &w, &report);
		break;
	default:
		print_table(stdout, &w, &report);
	}
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "memdisk-probe: write error: %s\n", strerror(errno));
		return EXIT_FAILED;
	}
	return EXIT_OK;
}
