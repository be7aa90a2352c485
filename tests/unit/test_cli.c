// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memdiskfind tested as a program: the fixtures (real MEMDISK boots, NFIT
 * tables), exit codes, output formats, quoting of hostile command lines,
 * errors, and the choice between MEMDISK and the NFIT on a fake system
 * (MEMDISK_SYSROOT: a UEFI or BIOS /sys/firmware and a fake /dev/mem).
 * MEMDISKFIND names the binary under test; FIXTURES the low-memory fixture
 * directory, NFIT_FIXTURES the NFIT one (NAME.nfit + NAME.expect pairs).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/capability.h>

#include <cmocka.h>

#include "synth.h"

#define MAX_OUTPUT 16384
/* A run that takes longer hangs (e.g. opened the FIFO standing for /dev/mem). */
#define RUN_TIMEOUT 20

struct run {
	int status; /* exit code, or -1 if killed */
	char out[MAX_OUTPUT];
	char err[MAX_OUTPUT];
};

/* How the child runs the tool: as this process, or without the capabilities
 * that let root read any file (so that a file's mode applies to it). */
enum run_mode { RUN_AS_IS, RUN_NO_DAC_OVERRIDE };

/* The child's own exit codes when RUN_NO_DAC_OVERRIDE cannot be set up: the
 * test then skips with the reason, it never passes. */
#define CHILD_CANNOT_DROP 121 /* root, but the capabilities cannot be dropped */
#define CHILD_STILL_READS 122 /* the mode-0000 probe file is still readable */
#define CHILD_EXEC_DENIED 123 /* the tool itself is out of reach without them */

static const char *tool;
static char tmpdir[PATH_MAX];
/* A file of mode 0000 the child must fail to open in RUN_NO_DAC_OVERRIDE. */
static char unreadable[PATH_MAX + 256];
static uint8_t mem[SYNTH_LEN];
static uint8_t nfit[SYNTH_NFIT_MAX];
/* MEMDISK_SYSROOT for the next runs; NULL: unset in the child. */
static const char *sysroot;

static void slurp(int fd, char *buf)
{
	size_t len = 0;
	ssize_t n;

	while ((n = read(fd, buf + len, MAX_OUTPUT - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = 0;
	close(fd);
}

/* Gives up CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH in this process and in
 * what it executes: the effective, permitted and inheritable sets, the
 * ambient set, and (for root, whose exec would otherwise regain every
 * capability) the bounding set. Returns -1 when root cannot drop them. */
static int drop_dac_override(void)
{
	struct __user_cap_header_struct hdr = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	const unsigned caps[] = {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH};
	size_t i;

	if (syscall(SYS_capget, &hdr, data) != 0)
		return -1;
	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		uint32_t bit = (uint32_t)1 << (caps[i] % 32);

		data[caps[i] / 32].effective &= ~bit;
		data[caps[i] / 32].permitted &= ~bit;
		data[caps[i] / 32].inheritable &= ~bit;
	}
	if (syscall(SYS_capset, &hdr, data) != 0)
		return -1;
	(void)prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++)
		if (prctl(PR_CAPBSET_DROP, caps[i], 0, 0, 0) != 0 && geteuid() == 0)
			return -1;
	return 0;
}

/* Runs argv (argv[0] replaced by the tool unless other is set), optionally
 * without the capabilities that bypass file modes, with stdout and stderr
 * captured in files (no pipe deadlock). */
static void run_as(struct run *r, const char *const *argv, enum run_mode mode, const char *other)
{
	char out_path[PATH_MAX + 16], err_path[PATH_MAX + 16];
	int fd;
	int out_fd, err_fd, wstatus;
	pid_t pid;

	snprintf(out_path, sizeof(out_path), "%s/stdout", tmpdir);
	snprintf(err_path, sizeof(err_path), "%s/stderr", tmpdir);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		out_fd = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		err_fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (out_fd < 0 || err_fd < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0)
			_exit(126);
		if (mode == RUN_NO_DAC_OVERRIDE) {
			if (drop_dac_override() != 0)
				_exit(CHILD_CANNOT_DROP);
			fd = open(unreadable, O_RDONLY);
			if (fd >= 0)
				_exit(CHILD_STILL_READS);
		}
		if (sysroot ? setenv("MEMDISK_SYSROOT", sysroot, 1) : unsetenv("MEMDISK_SYSROOT"))
			_exit(126);
		alarm(RUN_TIMEOUT); /* kept across exec: a hang ends as a failure */
		execv(other ? other : tool, (char *const *)argv);
		_exit(mode == RUN_NO_DAC_OVERRIDE && errno == EACCES ? CHILD_EXEC_DENIED : 127);
	}
	assert_int_equal(waitpid(pid, &wstatus, 0), pid);
	r->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
	slurp(open(out_path, O_RDONLY), r->out);
	slurp(open(err_path, O_RDONLY), r->err);
}

static void run(struct run *r, const char *const *argv)
{
	run_as(r, argv, RUN_AS_IS, NULL);
}

static const char *write_dump(const char *name, const void *bytes, size_t len)
{
	static char path[PATH_MAX + 64];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* ---- the fixtures: memory of real MEMDISK boots -------------------------- */

/* The line "GUEST memdiskfind: X" of NAME.expect: what syslinux printed. */
static void expected_output(const char *expect_path, char *line, size_t size)
{
	static const char key[] = "GUEST memdiskfind:";
	char buf[512];
	FILE *f = fopen(expect_path, "r");

	assert_non_null(f);
	line[0] = 0;
	while (fgets(buf, sizeof(buf), f)) {
		if (strncmp(buf, key, strlen(key)))
			continue;
		snprintf(line, size, "%s", buf + strlen(key) + (buf[strlen(key)] == ' '));
		line[strcspn(line, "\n")] = 0;
		fclose(f);
		return;
	}
	fclose(f);
	fail_msg("%s has no '%s' line", expect_path, key);
}

static void test_fixture(void **state)
{
	const char *gz = *state;
	char dump[PATH_MAX + 16], expect[512], want[256], cmd[2 * PATH_MAX];
	const char *argv[] = {"memdiskfind", "--mem", dump, NULL};
	struct run r;

	snprintf(dump, sizeof(dump), "%s/fixture.mem", tmpdir);
	snprintf(cmd, sizeof(cmd), "gzip -dc '%s' > '%s'", gz, dump);
	assert_int_equal(system(cmd), 0);
	snprintf(expect, sizeof(expect), "%.*s.expect", (int)(strlen(gz) - strlen(".lowmem.gz")),
		 gz);
	expected_output(expect, want, sizeof(want));

	run(&r, argv);
	if (want[0]) {
		assert_int_equal(r.status, 0);
		strcat(want, "\n");
	} else {
		assert_int_equal(r.status, 1);
	}
	assert_string_equal(r.out, want);
}

/* ---- options and exit codes ---------------------------------------------- */

static void test_usage_errors(void **state)
{
	static const char *const cases[][3] = {
	    {"--bogus", NULL, "unrecognized option"}, {"-x", NULL, "invalid option -- x"},
	    {"--mem", NULL, "requires an argument"},  {"extra", NULL, "unexpected argument"},
	    {"-sq", NULL, "invalid option -- q"},
	};
	struct run r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *argv[] = {"memdiskfind", cases[i][0], NULL};

		run(&r, argv);
		assert_int_equal(r.status, 64);
		assert_string_equal(r.out, "");
		assert_non_null(strstr(r.err, cases[i][2]));
		assert_non_null(strstr(r.err, "--help"));
	}
}

static void test_help_and_version(void **state)
{
	const char *help[] = {"memdiskfind", "--help", NULL};
	const char *h[] = {"memdiskfind", "-h", "--bogus-after-help", NULL};
	const char *version[] = {"memdiskfind", "-V", NULL};
	struct run r;

	(void)state;
	run(&r, help);
	assert_int_equal(r.status, 0);
	assert_memory_equal(r.out, "Usage: memdiskfind", 18);
	assert_non_null(strstr(r.out, "--phram"));
	run(&r, h);
	assert_int_equal(r.status, 0);
	assert_memory_equal(r.out, "Usage: memdiskfind", 18);
	run(&r, version);
	assert_int_equal(r.status, 0);
	assert_memory_equal(r.out, "memdiskfind (memdisk-phram) ", 28);
}

static void test_cannot_read(void **state)
{
	char missing[PATH_MAX + 16];
	const char *argv[] = {"memdiskfind", "--mem", missing, NULL};
	const char *short_dump;
	struct run r;

	(void)state;
	snprintf(missing, sizeof(missing), "%s/does-not-exist", tmpdir);
	run(&r, argv);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "does-not-exist: No such file or directory"));

	synth_memdisk(mem, 0x3f571000, 5342);
	short_dump = write_dump("short.mem", mem, SYNTH_LEN - 1);
	argv[2] = short_dump;
	run(&r, argv);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "short file"));
}

/* Skips the test with the reason (printed), or fails under CI=true: there a
 * test that cannot prove anything is an error of the environment. */
static void skip_because(const char *why)
{
	const char *ci = getenv("CI");

	if (ci && !strcmp(ci, "true"))
		fail_msg("cannot test here: %s", why);
	print_message("[  SKIP    ] %s\n", why);
	skip();
}

/* After a RUN_NO_DAC_OVERRIDE run: skips (with the reason) when this
 * process cannot provoke a permission error at all. */
static void skip_without_eacces(const struct run *r)
{
	if (r->status == CHILD_CANNOT_DROP)
		skip_because("running as root, but CAP_DAC_OVERRIDE cannot be dropped "
			     "(no CAP_SETPCAP): no permission error to provoke");
	if (r->status == CHILD_STILL_READS)
		skip_because(
		    "this process reads a mode-0000 file even without "
		    "CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH: no permission error to provoke");
}

/* /dev/mem unreadable: "Permission denied (run as root)", exit 2. A real
 * permission error as any user: the dump has mode 0000 and the tool runs
 * without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (root keeps its uid, so
 * the tool stays reachable even under a 0700 directory). A control run on a
 * readable copy proves that the tool works under the same credentials. */
static void test_permission_denied(void **state)
{
	const char *argv[] = {"memdiskfind", "--mem", NULL, NULL};
	char readable[PATH_MAX + 16];
	struct run r;

	(void)state;
	synth_memdisk(mem, 0x3f571000, 5342);
	snprintf(readable, sizeof(readable), "%s", write_dump("readable.mem", mem, SYNTH_LEN));
	snprintf(unreadable, sizeof(unreadable), "%s", write_dump("private.mem", mem, SYNTH_LEN));
	assert_int_equal(chmod(unreadable, 0), 0);

	argv[2] = readable;
	run_as(&r, argv, RUN_NO_DAC_OVERRIDE, NULL);
	skip_without_eacces(&r);
	if (r.status == CHILD_EXEC_DENIED) {
		/* Only when the same run works with the capabilities. */
		run(&r, argv);
		assert_int_equal(r.status, 0);
		skip_because("the tool is reachable only through CAP_DAC_OVERRIDE "
			     "(a directory of another user above it)");
	}
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "0x3f571000,0xa6f000\n");

	argv[2] = unreadable;
	run_as(&r, argv, RUN_NO_DAC_OVERRIDE, NULL);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "Permission denied (run as root)"));
}

static void test_not_found_prints_nothing(void **state)
{
	const char *argv[] = {"memdiskfind", "--mem", NULL, NULL};
	const char *verbose[] = {"memdiskfind", "-v", "--mem", NULL, NULL};
	struct run r;

	(void)state;
	synth_init(mem, 639);
	argv[2] = verbose[3] = write_dump("none.mem", mem, SYNTH_LEN);
	run(&r, argv);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "");
	run(&r, verbose);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "no MEMDISK"));
}

/* ---- output formats ------------------------------------------------------ */

static void check_phram(uint32_t sectors, uint8_t shift, const char *want)
{
	struct synth_table t = {.addr = 0x9f400,
				.diskbuf = 0x3f571000,
				.disksize = sectors,
				.sector_shift = shift,
				.version_major = 6,
				.version_minor = 4,
				.cmdline = "iso"};
	const char *argv[] = {"memdiskfind", "--phram", "--mem", NULL, NULL};
	struct run r;

	synth_init(mem, 0x9f000 >> 10);
	synth_table(mem, &t);
	argv[3] = write_dump("phram.mem", mem, SYNTH_LEN);
	run(&r, argv);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, want);
}

static void test_phram_erasesize(void **state)
{
	(void)state;
	check_phram(5342, 11, "memdisk,0x3f571000,0xa6f000,4096\n"); /* even 2 KiB sectors */
	check_phram(5343, 11, "memdisk,0x3f571000,0xa6f800,2048\n"); /* odd: the trap */
	check_phram(6, 9, "memdisk,0x3f571000,0xc00,1024\n");
	check_phram(101, 9, "memdisk,0x3f571000,0xca00,512\n");
	check_phram(98304, 9, "memdisk,0x3f571000,0x3000000,4096\n");
}

static void test_option_spellings(void **state)
{
	char mem_opt[160];
	const char *a[] = {"memdiskfind", "-ve", "--mem", NULL, NULL};
	const char *b[] = {"memdiskfind", "-e", NULL, NULL};
	const char *c[] = {"memdiskfind", "--verbose", "--mem", NULL, NULL};
	struct run r;

	(void)state;
	synth_memdisk(mem, 0x3f571000, 5343);
	a[3] = c[3] = write_dump("odd.mem", mem, SYNTH_LEN);
	snprintf(mem_opt, sizeof(mem_opt), "--mem=%s", a[3]);
	b[2] = mem_opt;

	run(&r, a);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "memdisk,0x3f571000,0xa6f800,2048\n");
	assert_non_null(strstr(r.err, "mBFT via INT 13h 0x9f660: valid"));
	run(&r, b);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "memdisk,0x3f571000,0xa6f800,2048\n");
	assert_string_equal(r.err, "");
	/* Verbose never changes stdout: still exactly syslinux's line. */
	run(&r, c);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "0x3f571000,0xa6f800\n");
}

/* The shell output is eval'd by hooks: MEMDISK's command line is untrusted
 * bytes and must come back from sh exactly as it was in memory. */
static void test_shell_quoting(void **state)
{
	static const char *const cmdlines[] = {
	    "iso raw",
	    "it's",
	    "'",
	    "''''",
	    "a'b'c",
	    "$(touch /tmp/memdiskfind-pwned)",
	    "`id`",
	    "x\ny\n",
	    "\\'\\",
	    "\x01\x1b[2J\x7f\xff",
	    "'; exit 3; '",
	    "",
	};
	struct synth_table t = {.addr = 0x9f400,
				.diskbuf = 0x1000000,
				.disksize = 3,
				.sector_shift = 11,
				.version_major = 6,
				.version_minor = 4};
	const char *argv[] = {"memdiskfind", "--shell", "--mem", NULL, NULL};
	const char *sh_argv[] = {
	    "sh",
	    "-c",
	    ". \"$1\" && printf '%s|%s|%s|%s|%s|' \"$MEMDISK_START\" "
	    "\"$MEMDISK_SIZE\" \"$MEMDISK_SECTOR_SIZE\" \"$MEMDISK_ERASESIZE\" "
	    "\"$MEMDISK_VERSION\" && printf %s \"$MEMDISK_CMDLINE\"",
	    "sh",
	    NULL,
	    NULL};
	char want[256];
	struct run r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cmdlines) / sizeof(cmdlines[0]); i++) {
		synth_init(mem, 0x9f000 >> 10);
		t.cmdline = cmdlines[i];
		synth_table(mem, &t);
		argv[3] = write_dump("hostile.mem", mem, SYNTH_LEN);
		run(&r, argv);
		assert_int_equal(r.status, 0);
		sh_argv[4] = write_dump("vars.sh", r.out, strlen(r.out));
		run_as(&r, sh_argv, RUN_AS_IS, "/bin/sh");
		snprintf(want, sizeof(want), "0x1000000|0x1800|2048|2048|6.04|%s", cmdlines[i]);
		assert_int_equal(r.status, 0);
		assert_string_equal(r.out, want);
	}
	assert_int_equal(access("/tmp/memdiskfind-pwned", F_OK), -1);
}

/* ---- the NFIT: UEFI firmware RAM disks ----------------------------------- */

static const char *write_nfit(const char *name, const struct synth_nfit_struct *s, size_t n)
{
	uint32_t len = synth_nfit(nfit, s, n);

	return write_dump(name, nfit, len);
}

/* A UEFI HTTP Boot of an ISO beside a real NVDIMM (the NVDIMM comes first). */
static const struct synth_nfit_struct cd_and_nvdimm[] = {
    {0, 0, GUID_PERSISTENT_MEMORY, 0x140000000ull, 0x40000000, 1},
    {0, 0, GUID_VIRTUAL_CD, 0x7e000000, 0x1000800, 2},
};

static void test_nfit_outputs(void **state)
{
	const char *plain[] = {"memdiskfind", "--nfit", NULL, NULL};
	const char *phram[] = {"memdiskfind", "-e", "--nfit", NULL, NULL};
	const char *verbose[] = {"memdiskfind", "-v", "--nfit", NULL, NULL};
	const char *shell[] = {"memdiskfind", "--shell", "--nfit", NULL, NULL};
	const char *sh_argv[] = {
	    "sh",
	    "-c",
	    ". \"$1\" && printf '%s|%s|%s|%s|%s|%s|%s|%s' \"$MEMDISK_START\" "
	    "\"$MEMDISK_SIZE\" \"$MEMDISK_SECTOR_SIZE\" \"$MEMDISK_ERASESIZE\" "
	    "\"$MEMDISK_VERSION\" \"$MEMDISK_CMDLINE\" \"$MEMDISK_SOURCE\" "
	    "\"$MEMDISK_KIND\"",
	    "sh",
	    NULL,
	    NULL};
	struct run r;

	(void)state;
	plain[2] = phram[3] = verbose[3] = shell[3] = write_nfit("cd.nfit", cd_and_nvdimm, 2);
	run(&r, plain);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "0x7e000000,0x1000800\n");
	assert_string_equal(r.err, "");
	/* phram maps whole pages: the length is rounded up to 4 KiB. */
	run(&r, phram);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "memdisk,0x7e000000,0x1001000,4096\n");
	run(&r, verbose);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "0x7e000000,0x1000800\n");
	assert_non_null(
	    strstr(r.err, "range 1 at 0x28: persistent memory (NVDIMM), not a RAM disk"));
	assert_non_null(strstr(r.err, "range 2 at 0x60: valid: 0x7e000000,0x1000800, CD"));
	run(&r, shell);
	assert_int_equal(r.status, 0);
	sh_argv[4] = write_dump("vars.sh", r.out, strlen(r.out));
	run_as(&r, sh_argv, RUN_AS_IS, "/bin/sh");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "0x7e000000|0x1000800|2048|4096|||nfit|cd");
}

static void check_nfit_phram(const char *guid, uint64_t length, const char *want_plain,
			     const char *want_phram, const char *want_kind)
{
	const struct synth_nfit_struct s[] = {{0, 0, guid, 0x7e000000, length, 1}};
	const char *plain[] = {"memdiskfind", "--nfit", NULL, NULL};
	const char *phram[] = {"memdiskfind", "--phram", "--nfit", NULL, NULL};
	const char *shell[] = {"memdiskfind", "-s", "--nfit", NULL, NULL};
	struct run r;

	plain[2] = phram[3] = shell[3] = write_nfit("len.nfit", s, 1);
	run(&r, plain);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, want_plain);
	run(&r, phram);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, want_phram);
	run(&r, shell);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, want_kind));
	assert_non_null(strstr(r.out, "\nMEMDISK_SOURCE=nfit\n"));
}

static void test_nfit_phram_pages(void **state)
{
	(void)state;
	check_nfit_phram(GUID_VIRTUAL_CD, 0x1000800, "0x7e000000,0x1000800\n",
			 "memdisk,0x7e000000,0x1001000,4096\n", "\nMEMDISK_KIND=cd\n");
	check_nfit_phram(GUID_VIRTUAL_DISK, 0x3000000, "0x7e000000,0x3000000\n",
			 "memdisk,0x7e000000,0x3000000,4096\n", "\nMEMDISK_KIND=disk\n");
	check_nfit_phram(GUID_PERSISTENT_VDISK, 1, "0x7e000000,0x1\n",
			 "memdisk,0x7e000000,0x1000,4096\n", "\nMEMDISK_SECTOR_SIZE=512\n");
	check_nfit_phram(GUID_PERSISTENT_VCD, 0x1001, "0x7e000000,0x1001\n",
			 "memdisk,0x7e000000,0x2000,4096\n", "\nMEMDISK_KIND=cd\n");
}

/* No RAM disk: exit 1 and nothing on stdout, whatever is wrong. */
static void test_nfit_none(void **state)
{
	const struct synth_nfit_struct pmem[] = {cd_and_nvdimm[0]};
	const char *argv[] = {"memdiskfind", "--nfit", NULL, NULL};
	const char *verbose[] = {"memdiskfind", "-v", "--nfit", NULL, NULL};
	struct run r;

	(void)state;
	argv[2] = verbose[3] = write_nfit("pmem.nfit", pmem, 1);
	run(&r, argv);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "");
	run(&r, verbose);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "persistent memory (NVDIMM), not a RAM disk"));
	assert_non_null(strstr(r.err, "no NFIT RAM disk"));

	/* A valid table whose checksum was broken afterwards. */
	synth_nfit(nfit, cd_and_nvdimm, 2);
	nfit[9] ^= 1;
	argv[2] = verbose[3] = write_dump("sum.nfit", nfit, 40 + 2 * 56);
	run(&r, argv);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	run(&r, verbose);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "bad checksum"));

	/* Not an NFIT at all: an empty file, and a memory dump. */
	argv[2] = write_dump("empty.nfit", nfit, 0);
	run(&r, argv);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	synth_memdisk(mem, 0x3f571000, 5342);
	argv[2] = write_dump("mem.nfit", mem, SYNTH_LEN);
	run(&r, argv);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
}

static void test_nfit_cannot_read(void **state)
{
	char missing[PATH_MAX + 32];
	const char *argv[] = {"memdiskfind", "--nfit", missing, NULL};
	struct run r;

	(void)state;
	snprintf(missing, sizeof(missing), "%s/no-such.nfit", tmpdir);
	run(&r, argv);
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "no-such.nfit: No such file or directory"));
}

static void test_source_option(void **state)
{
	static const char *const bad[][5] = {
	    {"--source", "bios", NULL, NULL, "--source is auto, mbft or nfit"},
	    {"--source=", NULL, NULL, NULL, "--source is auto, mbft or nfit"},
	    {"--source", NULL, NULL, NULL, "requires an argument"},
	    {"--nfit", NULL, NULL, NULL, "requires an argument"},
	    {"--mem", "a", "--nfit", "b", "name different sources"},
	    {"--source", "nfit", "--mem", "a", "name different sources"},
	    {"--nfit=b", "--source=mbft", NULL, NULL, "name different sources"},
	    {"--phram=1", NULL, NULL, NULL, "unrecognized option"},
	    {"--nfi", "x", NULL, NULL, "unrecognized option"},
	    {"--sourcex=nfit", NULL, NULL, NULL, "unrecognized option"},
	};
	const char *mbft[] = {"memdiskfind", "--source", "mbft", "--mem", NULL, NULL};
	const char *nfit_ok[] = {"memdiskfind", "--source=nfit", "--nfit", NULL, NULL};
	const char *auto_ok[] = {"memdiskfind", "--source=auto", "--nfit", NULL, NULL};
	struct run r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *argv[] = {"memdiskfind", bad[i][0], bad[i][1],
				      bad[i][2],     bad[i][3], NULL};

		run(&r, argv);
		assert_int_equal(r.status, 64);
		assert_string_equal(r.out, "");
		if (!strstr(r.err, bad[i][4]))
			fail_msg("%s: wanted '%s' in: %s", bad[i][0], bad[i][4], r.err);
	}
	synth_memdisk(mem, 0x3f571000, 5342);
	mbft[4] = write_dump("src.mem", mem, SYNTH_LEN);
	run(&r, mbft);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "0x3f571000,0xa6f000\n");
	nfit_ok[3] = auto_ok[3] = write_nfit("src.nfit", cd_and_nvdimm, 2);
	run(&r, nfit_ok);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "0x7e000000,0x1000800\n");
	run(&r, auto_ok);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "0x7e000000,0x1000800\n");
}

/* MEMDISK's --shell output gains the source and kind, nothing else changes. */
static void test_shell_source_mbft(void **state)
{
	const char *argv[] = {"memdiskfind", "--shell", "--mem", NULL, NULL};
	struct run r;

	(void)state;
	synth_memdisk(mem, 0x3f571000, 5342);
	argv[3] = write_dump("shell.mem", mem, SYNTH_LEN);
	run(&r, argv);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "MEMDISK_START=0x3f571000\nMEMDISK_SIZE=0xa6f000\n"
				   "MEMDISK_SECTOR_SIZE=2048\nMEMDISK_ERASESIZE=4096\n"
				   "MEMDISK_VERSION=6.04\nMEMDISK_CMDLINE='iso raw'\n"
				   "MEMDISK_SOURCE=mbft\nMEMDISK_KIND=cd\n");
}

/* ---- UEFI or BIOS: a fake system under MEMDISK_SYSROOT -------------------- */

static char root[PATH_MAX + 16];

static void path_in_root(char *buf, size_t size, const char *path)
{
	snprintf(buf, size, "%s%s", root, path);
}

static void mkdirs(const char *path)
{
	char cmd[PATH_MAX + 512];

	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", path);
	assert_int_equal(system(cmd), 0);
}

/* A fresh fake root: sys/firmware/efi when uefi, the NFIT when table is
 * set; dev/mem a memory dump holding a MEMDISK when dev_mem_dump, else a FIFO
 * that hangs whoever opens it for reading (the run then times out). */
static void fake_system(int uefi, const struct synth_nfit_struct *table, size_t n, int dev_mem_dump)
{
	char path[PATH_MAX + 256], cmd[2 * PATH_MAX + 64];
	FILE *f;
	uint32_t len;

	snprintf(root, sizeof(root), "%s/root", tmpdir);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
	path_in_root(path, sizeof(path), "/sys/firmware/acpi/tables");
	mkdirs(path);
	path_in_root(path, sizeof(path), "/dev");
	mkdirs(path);
	if (uefi) {
		path_in_root(path, sizeof(path), "/sys/firmware/efi/efivars");
		mkdirs(path);
	}
	if (table) {
		len = synth_nfit(nfit, table, n);
		path_in_root(path, sizeof(path), "/sys/firmware/acpi/tables/NFIT");
		f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(nfit, 1, len, f), len);
		assert_int_equal(fclose(f), 0);
	}
	path_in_root(path, sizeof(path), "/dev/mem");
	if (dev_mem_dump) {
		synth_memdisk(mem, 0x3f571000, 5342);
		f = fopen(path, "wb");
		assert_non_null(f);
		assert_int_equal(fwrite(mem, 1, SYNTH_LEN, f), SYNTH_LEN);
		assert_int_equal(fclose(f), 0);
	} else {
		assert_int_equal(mkfifo(path, 0600), 0);
	}
	sysroot = root;
}

static int teardown_system(void **state)
{
	(void)state;
	sysroot = NULL;
	return 0;
}

/* UEFI: the NFIT's RAM disk, and never a look at /dev/mem. */
static void test_uefi_finds_nfit(void **state)
{
	const char *plain[] = {"memdiskfind", NULL};
	const char *shell[] = {"memdiskfind", "-s", NULL};
	const char *verbose[] = {"memdiskfind", "-v", NULL};
	struct run r;

	(void)state;
	fake_system(1, cd_and_nvdimm, 2, 0);
	run(&r, plain);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "0x7e000000,0x1000800\n");
	run(&r, shell);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\nMEMDISK_SOURCE=nfit\nMEMDISK_KIND=cd\n"));
	run(&r, verbose);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "UEFI boot"));
	/* /dev/mem holding a valid MEMDISK changes nothing: it is not read. */
	fake_system(1, cd_and_nvdimm, 2, 1);
	run(&r, plain);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "0x7e000000,0x1000800\n");
}

/* UEFI without an NFIT (a plain disk boot): no RAM disk, exit 1, quietly,
 * even with a MEMDISK in /dev/mem; with a FIFO there, no hang. */
static void test_uefi_without_nfit(void **state)
{
	const char *plain[] = {"memdiskfind", "--phram", NULL};
	const char *verbose[] = {"memdiskfind", "-v", NULL};
	struct run r;

	(void)state;
	fake_system(1, NULL, 0, 0);
	run(&r, plain);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, "");
	run(&r, verbose);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "NFIT: none: no RAM disk"));
	fake_system(1, NULL, 0, 1);
	run(&r, plain);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	/* An NFIT with only a real NVDIMM: the same. */
	fake_system(1, cd_and_nvdimm, 1, 1);
	run(&r, plain);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
}

/* BIOS: MEMDISK through (the fake) /dev/mem; an NFIT there is not read. */
static void test_bios_finds_memdisk(void **state)
{
	const char *plain[] = {"memdiskfind", NULL};
	const char *shell[] = {"memdiskfind", "--shell", NULL};
	const char *nfit_forced[] = {"memdiskfind", "--source", "nfit", NULL};
	struct run r;

	(void)state;
	fake_system(0, cd_and_nvdimm, 2, 1);
	run(&r, plain);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "0x3f571000,0xa6f000\n");
	run(&r, shell);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\nMEMDISK_SOURCE=mbft\nMEMDISK_KIND=cd\n"));
	/* Forced: the NFIT even on a BIOS boot. */
	run(&r, nfit_forced);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "0x7e000000,0x1000800\n");
}

static void test_forced_mbft_on_uefi(void **state)
{
	const char *argv[] = {"memdiskfind", "--source=mbft", NULL};
	struct run r;

	(void)state;
	fake_system(1, cd_and_nvdimm, 2, 1);
	run(&r, argv);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "0x3f571000,0xa6f000\n");
}

/* The sysfs NFIT is readable by root only. */
static void test_uefi_nfit_unreadable(void **state)
{
	char path[PATH_MAX + 256];
	const char *argv[] = {"memdiskfind", NULL};
	struct run r;

	(void)state;
	fake_system(1, cd_and_nvdimm, 2, 0);
	path_in_root(path, sizeof(path), "/sys/firmware/acpi/tables/NFIT");
	assert_int_equal(chmod(path, 0), 0);
	snprintf(unreadable, sizeof(unreadable), "%s", path);
	/* Same credentials as test_permission_denied: a real EACCES as any user. */
	run_as(&r, argv, RUN_NO_DAC_OVERRIDE, NULL);
	skip_without_eacces(&r);
	if (r.status == CHILD_EXEC_DENIED)
		skip_because("the tool is reachable only through CAP_DAC_OVERRIDE "
			     "(a directory of another user above it)");
	assert_int_equal(r.status, 2);
	assert_string_equal(r.out, "");
	assert_non_null(strstr(r.err, "tables/NFIT: Permission denied (run as root)"));
}

static void test_sysroot_too_long(void **state)
{
	static char long_root[5000];
	const char *argv[] = {"memdiskfind", NULL};
	struct run r;

	(void)state;
	memset(long_root, 'x', sizeof(long_root) - 1);
	sysroot = long_root;
	run(&r, argv);
	assert_int_equal(r.status, 64);
	assert_non_null(strstr(r.err, "MEMDISK_SYSROOT is too long"));
}

/* ---- the NFIT fixtures: tables dumped from real firmware ----------------- */

/* NAME.expect for NAME.nfit: a line "memdiskfind: OUTPUT" (the expected
 * output of --nfit NAME.nfit; empty: no RAM disk, exit 1), optionally a line
 * "phram: OUTPUT" (that of --phram), then any number of lines "shell: LINE",
 * each a line --shell must print. Other lines are provenance, ignored. */
static void test_nfit_fixture(void **state)
{
	const char *table = *state;
	char expect[600], buf[512], want[520];
	const char *plain[] = {"memdiskfind", "--nfit", table, NULL};
	const char *shell[] = {"memdiskfind", "--shell", "--nfit", table, NULL};
	const char *phram[] = {"memdiskfind", "--phram", "--nfit", table, NULL};
	struct run r, sh, ph;
	int have_plain = 0;
	FILE *f;

	snprintf(expect, sizeof(expect), "%.*s.expect", (int)(strlen(table) - strlen(".nfit")),
		 table);
	f = fopen(expect, "r");
	assert_non_null(f);
	run(&r, plain);
	run(&sh, shell);
	run(&ph, phram);
	/* Lines of the shell output, each between newlines. */
	memmove(sh.out + 1, sh.out, strlen(sh.out) + 1);
	sh.out[0] = '\n';
	while (fgets(buf, sizeof(buf), f)) {
		buf[strcspn(buf, "\n")] = 0;
		if (!strncmp(buf, "memdiskfind:", 12)) {
			snprintf(want, sizeof(want), "%s", buf + 12 + (buf[12] == ' '));
			have_plain = 1;
			if (want[0]) {
				strcat(want, "\n");
				assert_int_equal(r.status, 0);
			} else {
				assert_int_equal(r.status, 1);
			}
			assert_string_equal(r.out, want);
		} else if (!strncmp(buf, "phram: ", 7)) {
			snprintf(want, sizeof(want), "%s\n", buf + 7);
			assert_int_equal(ph.status, 0);
			assert_string_equal(ph.out, want);
		} else if (!strncmp(buf, "shell: ", 7)) {
			snprintf(want, sizeof(want), "\n%s\n", buf + 7);
			if (!strstr(sh.out, want))
				fail_msg("%s: --shell lacks the line '%s':%s", table, buf + 7,
					 sh.out);
		}
	}
	fclose(f);
	if (!have_plain)
		fail_msg("%s has no 'memdiskfind:' line", expect);
}

/* ---- setup: one test per fixture file ------------------------------------ */

/* The files in dir whose names end in suffix, appended to names[*n...]. */
static int fixture_names(const char *dir, const char *suffix, char names[][512], size_t *n,
			 size_t max)
{
	struct dirent *e;
	size_t len, slen = strlen(suffix);
	int found = 0;
	DIR *d = opendir(dir);

	if (!d)
		return -1;
	while ((e = readdir(d)) && *n < max) {
		len = strlen(e->d_name);
		if (len > slen && !strcmp(e->d_name + len - slen, suffix)) {
			snprintf(names[(*n)++], 512, "%s/%s", dir, e->d_name);
			found++;
		}
	}
	closedir(d);
	return found;
}

/* Interrupted (make's Ctrl-C, a timeout): remove the temporary directory,
 * then die of the same signal. fork, execv, waitpid, signal and raise are
 * async-signal-safe. */
static void cleanup_and_die(int sig)
{
	char *const rm[] = {"rm", "-rf", tmpdir, NULL};
	pid_t pid = fork();

	if (pid == 0) {
		execv("/bin/rm", rm);
		_exit(127);
	}
	if (pid > 0)
		(void)waitpid(pid, NULL, 0);
	signal(sig, SIG_DFL);
	raise(sig);
}

int main(void)
{
	static char names[128][512];
	static struct CMUnitTest tests[160];
	static const struct CMUnitTest fixed[] = {
	    cmocka_unit_test(test_usage_errors),
	    cmocka_unit_test(test_help_and_version),
	    cmocka_unit_test(test_cannot_read),
	    cmocka_unit_test(test_permission_denied),
	    cmocka_unit_test(test_not_found_prints_nothing),
	    cmocka_unit_test(test_phram_erasesize),
	    cmocka_unit_test(test_option_spellings),
	    cmocka_unit_test(test_shell_quoting),
	    cmocka_unit_test(test_nfit_outputs),
	    cmocka_unit_test(test_nfit_phram_pages),
	    cmocka_unit_test(test_nfit_none),
	    cmocka_unit_test(test_nfit_cannot_read),
	    cmocka_unit_test(test_source_option),
	    cmocka_unit_test(test_shell_source_mbft),
	    cmocka_unit_test_teardown(test_uefi_finds_nfit, teardown_system),
	    cmocka_unit_test_teardown(test_uefi_without_nfit, teardown_system),
	    cmocka_unit_test_teardown(test_bios_finds_memdisk, teardown_system),
	    cmocka_unit_test_teardown(test_forced_mbft_on_uefi, teardown_system),
	    cmocka_unit_test_teardown(test_uefi_nfit_unreadable, teardown_system),
	    cmocka_unit_test_teardown(test_sysroot_too_long, teardown_system),
	};
	const char *dir = getenv("FIXTURES");
	const char *nfit_dir = getenv("NFIT_FIXTURES");
	const char *tmp = getenv("TMPDIR");
	char cmd[PATH_MAX + 16];
	size_t n = 0, i, lowmem;
	int count, failed;

	tool = getenv("MEMDISKFIND");
	if (!tool || !dir || !*dir || !nfit_dir || !*nfit_dir) {
		fprintf(stderr, "test_cli: set MEMDISKFIND (the binary), FIXTURES (the low-memory "
				"fixtures) and NFIT_FIXTURES (the NFIT fixtures)\n");
		return 2;
	}
	/* A missing fixture set must fail the suite, not shrink it. */
	if (fixture_names(dir, ".lowmem.gz", names, &n, 64) <= 0) {
		fprintf(stderr, "test_cli: no *.lowmem.gz fixtures in %s\n", dir);
		return 2;
	}
	lowmem = n;
	count = fixture_names(nfit_dir, ".nfit", names, &n, 128);
	if (count <= 0) {
		fprintf(stderr, "test_cli: no *.nfit fixtures in %s\n", nfit_dir);
		return 2;
	}
	for (i = 0; i < n; i++) {
		tests[i] = (struct CMUnitTest)cmocka_unit_test_prestate(
		    i < lowmem ? test_fixture : test_nfit_fixture, names[i]);
		tests[i].name = strrchr(names[i], '/') + 1;
	}
	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		tests[n++] = fixed[i];
	/* $TMPDIR as mktemp(1) honours it: make check points it into build/. */
	snprintf(tmpdir, sizeof(tmpdir), "%s/memdiskfind-test.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(tmpdir)) {
		fprintf(stderr, "test_cli: cannot create %s: %s\n", tmpdir, strerror(errno));
		return 2;
	}
	signal(SIGHUP, cleanup_and_die);
	signal(SIGINT, cleanup_and_die);
	signal(SIGTERM, cleanup_and_die);
	failed = _cmocka_run_group_tests(tool, tests, n, NULL, NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "test_cli: could not remove %s\n", tmpdir);
	return failed;
}
