// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memdiskfind: print where the RAM disk the boot left behind is: syslinux
 * MEMDISK's image (BIOS: its mBFT in low memory) or the firmware's own RAM
 * disk (UEFI HTTP Boot: a range in the ACPI NFIT). The thin shell around the
 * pure finders: options, reading memory or the table, printing.
 * Written for a small klibc-static binary: no stdio, no getopt_long.
 */
#include "core/find.h"
#include "core/nfit.h"
#include "finder/output.h"
#include "io/physmem.h"
#include "io/sysroot.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

extern char **environ; /* POSIX; glibc's <unistd.h> has it for _GNU_SOURCE only */

#ifndef MEMDISKFIND_VERSION
#define MEMDISKFIND_VERSION "unknown"
#endif

enum exit_status { EXIT_FOUND = 0, EXIT_NOT_FOUND = 1, EXIT_NO_MEMORY = 2, EXIT_USAGE = 64 };
enum format { FORMAT_PLAIN, FORMAT_SHELL, FORMAT_PHRAM };
enum source { SOURCE_AUTO, SOURCE_MBFT, SOURCE_NFIT };

#define PHRAM_PAGE 4096u /* phram maps an NFIT RAM disk in whole pages */

static const char usage_text[] =
    "Usage: memdiskfind [-e|-s] [-v] [--source S] [--mem FILE|--nfit FILE]\n"
    "\n"
    "Print where the boot's RAM disk is: 0xSTART,0xLENGTH.\n"
    "\n"
    " -e, --phram      phram parameter: memdisk,START,LENGTH,ERASESIZE\n"
    " -s, --shell      shell assignments: MEMDISK_START=... MEMDISK_SOURCE=...\n"
    " -v, --verbose    explain each candidate on stderr\n"
    "     --source S   mbft: syslinux MEMDISK (" SYS_DEV_MEM "); nfit: UEFI firmware\n"
    "                  (ACPI NFIT); auto (default): nfit if " SYS_EFI " exists\n"
    "     --mem FILE   read a memory dump instead of " SYS_DEV_MEM "\n"
    "     --nfit FILE  read an NFIT dump instead of " SYS_NFIT "\n"
    " -h, --help       this help\n"
    " -V, --version    the version\n"
    "\n"
    "Exit: 0 found, 1 no RAM disk, 2 cannot read, 64 usage error.\n";

static const char version_text[] = "memdiskfind (memdisk-phram) " MEMDISKFIND_VERSION "\n";

/* Verbose mode: what each step of the MEMDISK finder looked at. */
static const char *const step_text[] = {
    [STEP_INT13_HOOK] = "INT 13h hook ",
    [STEP_INT13_TABLE] = "mBFT via INT 13h ",
    [STEP_SCAN_WINDOW] = "scan ",
    [STEP_SCAN_TABLE] = "mBFT via scan ",
    [STEP_SHADOWED] = "ignored valid mBFT ",
};

struct options {
	enum format format;
	enum source source;
	int verbose;
	const char *dump; /* --mem */
	const char *nfit; /* --nfit */
	const char *text; /* --help or --version: print this and stop */
};

/* What is printed, from either source. */
struct ramdisk {
	uint64_t start;
	uint64_t size;
	const struct memdisk *memdisk; /* MEMDISK's details; NULL for an NFIT RAM disk */
	int cd;
};

/* A line on stderr starts with the program's name... */
static void err_begin(void)
{
	out_to(2);
	out_str("memdiskfind: ");
}

/* ...and is written at once, so that it keeps its place among others. */
static void err_end(void)
{
	out_str("\n");
	(void)out_flush();
}

static void message(const char *a, const char *b, const char *c)
{
	err_begin();
	out_str(a);
	out_str(b);
	out_str(c);
	err_end();
}

static int usage_error(const char *what, const char *arg)
{
	message(what, arg, "\nTry 'memdiskfind --help' for more information.");
	return EXIT_USAGE;
}

/* s without prefix at its start, or NULL when s does not start with it. */
static const char *after(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return NULL;
	return s;
}

/* One option, by its letter (a long option maps to one), with its value for
 * the options that take one (else ""). Returns -1 when fine, else the exit
 * status. */
static int option(char letter, const char *value, struct options *opt)
{
	static const char sources[][5] = {"auto", "mbft", "nfit"};
	const char *rest;
	unsigned int k;

	switch (letter) {
	case 'e':
		opt->format = FORMAT_PHRAM;
		break;
	case 's':
		opt->format = FORMAT_SHELL;
		break;
	case 'v':
		opt->verbose = 1;
		break;
	case 'h':
		opt->text = usage_text;
		break;
	case 'V':
		opt->text = version_text;
		break;
	case 'm':
		opt->dump = value;
		break;
	case 'n':
		opt->nfit = value;
		break;
	case 'S':
		for (k = 0; k < 3 && !((rest = after(value, sources[k])) && !*rest); k++)
			;
		if (k == 3)
			return usage_error("--source is auto, mbft or nfit, not ", value);
		opt->source = (enum source)k;
		break;
	}
	return -1;
}

/* Returns -1 when the options are fine, else the exit status to leave with. */
static int parse_options(int argc, char **argv, struct options *opt)
{
	/* The options from "mem" on take a value: --NAME VALUE or --NAME=VALUE. */
	static const struct {
		char name[8];
		char letter;
	} long_options[] = {
	    {"phram", 'e'},   {"shell", 's'}, {"verbose", 'v'}, {"help", 'h'},
	    {"version", 'V'}, {"mem", 'm'},   {"nfit", 'n'},	{"source", 'S'},
	};
	enum { LONG_COUNT = sizeof(long_options) / sizeof(long_options[0]), FIRST_VALUE = 5 };
	const char *arg, *p, *value;
	char letter[2] = {0, 0};
	unsigned int k;
	int i, status = -1;

	for (i = 1; i < argc && !opt->text && status < 0; i++) {
		arg = argv[i];
		if (arg[0] != '-' || !arg[1])
			return usage_error("unexpected argument ", arg);
		if (arg[1] != '-') {
			for (p = arg + 1; *p && status < 0; p++) {
				letter[0] = *p;
				status = strchr("esvhV", *p)
					     ? option(*p, "", opt)
					     : usage_error("invalid option -- ", letter);
			}
			continue;
		}
		for (k = 0; k < LONG_COUNT; k++) {
			p = after(arg + 2, long_options[k].name);
			if (p && (!*p || (*p == '=' && k >= FIRST_VALUE)))
				break;
		}
		if (k == LONG_COUNT)
			return usage_error("unrecognized option ", arg);
		value = *p ? p + 1 : p; /* after '=', or "" */
		if (k >= FIRST_VALUE && !*p && !(value = argv[++i]))
			return usage_error("option requires an argument: ", arg);
		status = option(long_options[k].letter, value, opt);
	}
	if (status >= 0 || opt->text)
		return status;
	/* A file option decides the source; --source may only agree with it. */
	k = opt->dump ? SOURCE_MBFT : opt->nfit ? SOURCE_NFIT : SOURCE_AUTO;
	if ((opt->dump && opt->nfit) || (k && opt->source && opt->source != k))
		return usage_error("--mem, --nfit and --source name different sources", "");
	if (k)
		opt->source = (enum source)k;
	return -1;
}

/* Says why path could not be read, in words. */
static int read_error(const char *path, int err)
{
	const char *why = "cannot read";

	/* The causes a user can act on, in words; klibc's strerror would cost
	 * more bytes than this. */
	if (err == -1)
		why = "short file: a dump holds at least 640 KiB";
	else if (err == ENOENT)
		why = "No such file or directory";
	else if (err == EACCES || (err == EPERM && geteuid() != 0))
		why = "Permission denied (run as root)";
	else if (err == EPERM)
		why = "Operation not permitted (blocked by kernel lockdown)";
	message(path, ": ", why);
	return EXIT_NO_MEMORY;
}

static void print_version(const struct memdisk *d)
{
	out_dec(d->version_major);
	out_str(d->version_minor < 10 ? ".0" : ".");
	out_dec(d->version_minor);
}

/* "0xSTART,0xLENGTH": syslinux 6.04 prints this with printf "%#x,%#x". */
static void print_range(uint64_t start, uint64_t length)
{
	out_hex(start);
	out_str(",");
	out_hex(length);
}

static void trace_event(void *ctx, const struct memdisk_event *ev)
{
	const struct memdisk *d = ev->disk;

	(void)ctx;
	err_begin();
	out_str(step_text[ev->step]);
	out_hex(ev->addr);
	if (ev->step == STEP_SCAN_WINDOW || ev->step == STEP_SHADOWED) {
		out_str(ev->step == STEP_SCAN_WINDOW ? " to " : ": using the one at ");
		out_hex(ev->value);
	} else {
		out_str(": ");
		out_str(memdisk_reason_text(ev->reason));
	}
	if (d) {
		out_str(": ");
		print_range(d->start, d->size);
		out_str(", sector ");
		out_dec(d->sector_size);
		out_str(", MEMDISK ");
		print_version(d);
		out_str(" \"");
		out_quoted(d->cmdline, d->cmdline_len, 0);
		out_str("\"");
	}
	err_end();
}

static void trace_nfit(void *ctx, const struct nfit_event *ev)
{
	const struct nfit_ramdisk *d = ev->disk;

	(void)ctx;
	err_begin();
	if (ev->step == NFIT_STEP_RANGE) {
		out_str("NFIT range ");
		out_dec(ev->value);
		out_str(" at ");
	} else {
		out_str(ev->offset ? "NFIT structure at " : "NFIT table");
	}
	if (ev->offset)
		out_hex(ev->offset);
	out_str(": ");
	out_str(nfit_reason_text(ev->reason));
	if (d) {
		out_str(": ");
		print_range(d->base, d->length);
		out_str(d->kind == NFIT_CD ? ", CD" : ", disk");
		out_str(d->persistent ? " (persistent)" : "");
	}
	err_end();
}

/* BIOS: MEMDISK's mBFT in low memory. Returns an exit status. */
static int find_mbft(const struct options *opt, struct ramdisk *r)
{
	static struct memdisk disk;
	struct memdisk_tracer tracer = {trace_event, NULL};
	struct physmem pm = {NULL, 0};
	const char *path = opt->dump ? opt->dump : sysroot_path(SYS_DEV_MEM);
	enum memdisk_reason why;
	int err;

	err = physmem_read(path, opt->dump ? PHYSMEM_DUMP : PHYSMEM_DEVICE, LOWMEM_END, &pm);
	if (err)
		return read_error(path, err);
	why = memdisk_find(pm.bytes, pm.len, &disk, opt->verbose ? &tracer : NULL);
	if (why != MEMDISK_OK) {
		if (opt->verbose)
			message("no MEMDISK: ", memdisk_reason_text(why), "");
		return EXIT_NOT_FOUND;
	}
	if (opt->verbose)
		message("using the mBFT ", "",
			disk.via == MEMDISK_VIA_INT13 ? "of the active MEMDISK (INT 13h)"
						      : "found first by the scan");
	r->start = disk.start;
	r->size = disk.size;
	r->memdisk = &disk;
	r->cd = disk.sector_size == 2048;
	return EXIT_FOUND;
}

/* UEFI: the firmware's RAM disks in the ACPI NFIT; never /dev/mem. */
static int find_nfit(const struct options *opt, struct ramdisk *r)
{
	static struct nfit_ramdisks found;
	struct nfit_tracer tracer = {trace_nfit, NULL};
	struct physmem pm = {NULL, 0};
	const char *path = opt->nfit ? opt->nfit : sysroot_path(SYS_NFIT);
	enum nfit_reason why;
	int err;

	err = physmem_read(path, PHYSMEM_FILE, LOWMEM_END, &pm);
	/* No NFIT in the system: no firmware RAM disk (and no NVDIMM). */
	if (err == ENOENT && !opt->nfit) {
		if (opt->verbose)
			message(path, ": ", "none: no RAM disk");
		return EXIT_NOT_FOUND;
	}
	if (err)
		return read_error(path, err);
	why = nfit_find(pm.bytes, pm.len, &found, opt->verbose ? &tracer : NULL);
	if (why != NFIT_OK) {
		if (opt->verbose)
			message("no NFIT RAM disk: ", nfit_reason_text(why), "");
		return EXIT_NOT_FOUND;
	}
	r->start = found.chosen.base;
	r->size = found.chosen.length;
	r->memdisk = NULL;
	r->cd = found.chosen.kind == NFIT_CD;
	if (opt->verbose) {
		err_begin();
		out_str("using NFIT range ");
		out_dec(found.chosen.range_index);
		if (found.count > 1) {
			out_str(r->cd ? ": the first CD of " : ": the first disk (no CD) of ");
			out_dec(found.count);
			out_str(" RAM disks");
		}
		err_end();
	}
	return EXIT_FOUND;
}

/* phram needs a length that is a whole number of pages: an NFIT RAM disk
 * (any byte length) is rounded up; the firmware allocated whole pages. */
static uint64_t phram_length(const struct ramdisk *r)
{
	if (r->memdisk || r->size > UINT64_MAX - (PHRAM_PAGE - 1))
		return r->size;
	return (r->size + PHRAM_PAGE - 1) & ~(uint64_t)(PHRAM_PAGE - 1);
}

static void print_result(const struct ramdisk *r, enum format format)
{
	const struct memdisk *d = r->memdisk;
	uint64_t length = phram_length(r);

	out_to(1);
	if (format == FORMAT_SHELL) {
		out_str("MEMDISK_START=");
		out_hex(r->start);
		out_str("\nMEMDISK_SIZE=");
		out_hex(r->size);
		out_str("\nMEMDISK_SECTOR_SIZE=");
		out_dec(d ? d->sector_size : r->cd ? 2048 : 512);
		out_str("\nMEMDISK_ERASESIZE=");
		out_dec(memdisk_erasesize(length));
		out_str("\nMEMDISK_VERSION=");
		if (d)
			print_version(d);
		out_str("\nMEMDISK_CMDLINE=");
		out_quoted(d ? d->cmdline : NULL, d ? d->cmdline_len : 0, 1);
		out_str(d ? "\nMEMDISK_SOURCE=mbft" : "\nMEMDISK_SOURCE=nfit");
		out_str(r->cd ? "\nMEMDISK_KIND=cd\n" : "\nMEMDISK_KIND=disk\n");
		return;
	}
	if (format == FORMAT_PHRAM) {
		out_str("memdisk,");
		print_range(r->start, length);
		out_str(",");
		out_dec(memdisk_erasesize(length));
	} else {
		print_range(r->start, r->size);
	}
	out_str("\n");
}

int main(int argc, char **argv)
{
	struct options opt = {FORMAT_PLAIN, SOURCE_AUTO, 0, NULL, NULL, NULL};
	struct ramdisk found = {0, 0, NULL, 0};
	const char *root = NULL;
	char **env;
	int status;

	status = parse_options(argc, argv, &opt);
	if (status >= 0)
		return status;
	if (opt.text) {
		out_to(1);
		out_str(opt.text);
		return out_flush() ? EXIT_NO_MEMORY : EXIT_FOUND;
	}
	/* MEMDISK_SYSROOT: the environment searched with after() rather than
	 * getenv(): klibc's getenv and the strncmp it calls cost more. */
	for (env = environ; *env && !(root = after(*env, SYSROOT_VAR "=")); env++)
		;
	if (sysroot_init(root))
		return usage_error(SYSROOT_VAR " is too long", "");
	if (opt.source == SOURCE_AUTO) {
		opt.source = sysroot_uefi() ? SOURCE_NFIT : SOURCE_MBFT;
		if (opt.verbose)
			message(opt.source == SOURCE_NFIT ? "UEFI boot: the NFIT"
							  : "BIOS boot: MEMDISK",
				"", "");
	}
	status = opt.source == SOURCE_NFIT ? find_nfit(&opt, &found) : find_mbft(&opt, &found);
	if (status != EXIT_FOUND)
		return status;
	print_result(&found, opt.format);
	return out_flush() ? EXIT_NO_MEMORY : EXIT_FOUND;
}
