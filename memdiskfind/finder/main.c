// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memdiskfind: print where syslinux MEMDISK left its disk image, for phram.
 * The thin shell around the pure finder: options, reading memory, printing.
 * Written for a small klibc-static binary: no stdio, no getopt_long.
 */
#include "core/find.h"
#include "finder/output.h"
#include "io/physmem.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#ifndef MEMDISKFIND_VERSION
#define MEMDISKFIND_VERSION "unknown"
#endif

enum exit_status { EXIT_FOUND = 0, EXIT_NOT_FOUND = 1, EXIT_NO_MEMORY = 2, EXIT_USAGE = 64 };
enum format { FORMAT_PLAIN, FORMAT_SHELL, FORMAT_PHRAM };

#define DEVICE_PATH "/dev/mem"

static const char usage_text[] =
    "Usage: memdiskfind [-e|-s] [-v] [--mem FILE]\n"
    "\n"
    "Print where syslinux MEMDISK's disk image is in memory: 0xSTART,0xLENGTH.\n"
    "\n"
    " -e, --phram     phram parameter: memdisk,START,LENGTH,ERASESIZE\n"
    " -s, --shell     shell assignments: MEMDISK_START=... MEMDISK_SIZE=...\n"
    " -v, --verbose   explain each candidate on stderr\n"
    "     --mem FILE  read a memory dump instead of " DEVICE_PATH "\n"
    " -h, --help      this help\n"
    " -V, --version   the version\n"
    "\n"
    "Exit: 0 found, 1 no MEMDISK, 2 cannot read memory, 64 usage error.\n";

static const char version_text[] = "memdiskfind (memdisk-phram) " MEMDISKFIND_VERSION "\n";

/* Verbose mode: what each step of the finder looked at. */
static const char *const step_text[] = {
    [STEP_INT13_HOOK] = "INT 13h hook ",
    [STEP_INT13_TABLE] = "mBFT via INT 13h ",
    [STEP_SCAN_WINDOW] = "scan ",
    [STEP_SCAN_TABLE] = "mBFT via scan ",
    [STEP_SHADOWED] = "ignored valid mBFT ",
};

struct options {
	enum format format;
	int verbose;
	const char *dump;
	const char *text; /* --help or --version: print this and stop */
};

static struct out out_stdout; /* fds set in main: keeps the buffers in .bss */
static struct out out_stderr;

static void message(const char *a, const char *b, const char *c)
{
	struct out *err = &out_stderr;

	out_str(err, "memdiskfind: ");
	out_str(err, a);
	out_str(err, b);
	out_str(err, c);
	out_str(err, "\n");
	(void)out_flush(&out_stderr);
}

static int usage_error(const char *what, const char *arg)
{
	message(what, arg, "\nTry 'memdiskfind --help' for more information.");
	return EXIT_USAGE;
}

/* One short option letter; returns 0 or -1 for an unknown letter. */
static int short_option(char letter, struct options *opt)
{
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
	default:
		return -1;
	}
	return 0;
}

/* Returns -1 when the options are fine, else the exit status to leave with. */
static int parse_options(int argc, char **argv, struct options *opt)
{
	static const struct {
		char name[8];
		char letter;
	} long_options[] = {
	    {"phram", 'e'}, {"shell", 's'}, {"verbose", 'v'}, {"help", 'h'}, {"version", 'V'},
	};
	const char *arg, *p;
	char letter[2] = {0, 0};
	size_t k;
	int i;

	for (i = 1; i < argc && !opt->text; i++) {
		arg = argv[i];
		if (!strcmp(arg, "--mem") || !strncmp(arg, "--mem=", 6)) {
			opt->dump = arg[5] ? arg + 6 : argv[++i];
			if (!opt->dump)
				return usage_error("option '--mem' requires an argument", "");
		} else if (arg[0] == '-' && arg[1] == '-') {
			for (k = 0; k < sizeof(long_options) / sizeof(long_options[0]); k++)
				if (!strcmp(arg + 2, long_options[k].name))
					break;
			if (k == sizeof(long_options) / sizeof(long_options[0]))
				return usage_error("unrecognized option ", arg);
			(void)short_option(long_options[k].letter, opt);
		} else if (arg[0] == '-' && arg[1]) {
			for (p = arg + 1; *p; p++) {
				letter[0] = *p;
				if (short_option(*p, opt))
					return usage_error("invalid option -- ", letter);
			}
		} else {
			return usage_error("unexpected argument ", arg);
		}
	}
	return -1;
}

static int read_memory(const struct options *opt, struct physmem *pm)
{
	const char *path = opt->dump ? opt->dump : DEVICE_PATH;
	const char *why = "cannot read";
	int err;

	err = physmem_read(path, !opt->dump, LOWMEM_END, pm);
	if (!err)
		return 0;
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
	return err;
}

static void print_version(struct out *out, const struct memdisk *d)
{
	out_dec(out, d->version_major);
	out_str(out, d->version_minor < 10 ? ".0" : ".");
	out_dec(out, d->version_minor);
}

/* The disk, "0xSTART,0xLENGTH" first as syslinux 6.04 prints it (printf
 * "%#x,%#x"), then the details verbose mode adds. */
static void print_disk(struct out *out, const struct memdisk *d, int details)
{
	out_hex(out, d->start);
	out_str(out, ",");
	out_hex(out, d->size);
	if (!details)
		return;
	out_str(out, ", sector ");
	out_dec(out, d->sector_size);
	out_str(out, ", MEMDISK ");
	print_version(out, d);
	out_str(out, " \"");
	out_quoted(out, d->cmdline, d->cmdline_len, 0);
	out_str(out, "\"");
}

static void trace_event(void *ctx, const struct memdisk_event *ev)
{
	struct out *err = ctx;

	out_str(err, "memdiskfind: ");
	out_str(err, step_text[ev->step]);
	out_hex(err, ev->addr);
	if (ev->step == STEP_SCAN_WINDOW || ev->step == STEP_SHADOWED) {
		out_str(err, ev->step == STEP_SCAN_WINDOW ? " to " : ": using the one at ");
		out_hex(err, ev->value);
	} else {
		out_str(err, ": ");
		out_str(err, memdisk_reason_text(ev->reason));
	}
	if (ev->disk) {
		out_str(err, ": ");
		print_disk(err, ev->disk, 1);
	}
	out_str(err, "\n");
	(void)out_flush(err);
}

static void print_result(struct out *out, const struct memdisk *d, enum format format)
{
	if (format == FORMAT_SHELL) {
		out_str(out, "MEMDISK_START=");
		out_hex(out, d->start);
		out_str(out, "\nMEMDISK_SIZE=");
		out_hex(out, d->size);
		out_str(out, "\nMEMDISK_SECTOR_SIZE=");
		out_dec(out, d->sector_size);
		out_str(out, "\nMEMDISK_ERASESIZE=");
		out_dec(out, memdisk_erasesize(d->size));
		out_str(out, "\nMEMDISK_VERSION=");
		print_version(out, d);
		out_str(out, "\nMEMDISK_CMDLINE=");
		out_quoted(out, d->cmdline, d->cmdline_len, 1);
		out_str(out, "\n");
		return;
	}
	if (format == FORMAT_PHRAM)
		out_str(out, "memdisk,");
	print_disk(out, d, 0);
	if (format == FORMAT_PHRAM) {
		out_str(out, ",");
		out_dec(out, memdisk_erasesize(d->size));
	}
	out_str(out, "\n");
}

int main(int argc, char **argv)
{
	struct options opt = {FORMAT_PLAIN, 0, NULL, NULL};
	struct memdisk_tracer tracer = {trace_event, &out_stderr};
	struct physmem pm = {NULL, 0};
	struct memdisk disk;
	enum memdisk_reason why;
	int status;

	out_stdout.fd = 1;
	out_stderr.fd = 2;
	status = parse_options(argc, argv, &opt);
	if (status >= 0)
		return status;
	if (opt.text) {
		out_str(&out_stdout, opt.text);
		return out_flush(&out_stdout) ? EXIT_NO_MEMORY : EXIT_FOUND;
	}
	if (read_memory(&opt, &pm))
		return EXIT_NO_MEMORY;

	why = memdisk_find(pm.bytes, pm.len, &disk, opt.verbose ? &tracer : NULL);
	if (why != MEMDISK_OK) {
		if (opt.verbose)
			message("no MEMDISK: ", memdisk_reason_text(why), "");
		return EXIT_NOT_FOUND;
	}
	if (opt.verbose)
		message("using the mBFT ", "",
			disk.via == MEMDISK_VIA_INT13 ? "of the active MEMDISK (INT 13h)"
						      : "found first by the scan");
	print_result(&out_stdout, &disk, opt.format);
	return out_flush(&out_stdout) ? EXIT_NO_MEMORY : EXIT_FOUND;
}
