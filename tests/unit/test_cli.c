// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memdiskfind tested as a program: the fixtures (real MEMDISK boots), exit
 * codes, output formats, quoting of hostile command lines, errors.
 * MEMDISKFIND names the binary under test; FIXTURES the fixture directory.
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
static char unreadable[PATH_MAX];
static uint8_t mem[SYNTH_LEN];

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
	if (r.status == CHILD_CANNOT_DROP)
		skip_because("running as root, but CAP_DAC_OVERRIDE cannot be dropped "
			     "(no CAP_SETPCAP): no permission error to provoke");
	if (r.status == CHILD_STILL_READS)
		skip_because(
		    "this process reads a mode-0000 file even without "
		    "CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH: no permission error to provoke");
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

/* ---- setup: one test per fixture file ------------------------------------ */

static int fixture_names(const char *dir, char names[][512], size_t max)
{
	struct dirent *e;
	size_t n = 0, len;
	DIR *d = opendir(dir);

	if (!d)
		return -1;
	while ((e = readdir(d)) && n < max) {
		len = strlen(e->d_name);
		if (len > 10 && !strcmp(e->d_name + len - 10, ".lowmem.gz"))
			snprintf(names[n++], 512, "%s/%s", dir, e->d_name);
	}
	closedir(d);
	return (int)n;
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
	static char names[64][512];
	static struct CMUnitTest tests[80];
	static const struct CMUnitTest fixed[] = {
	    cmocka_unit_test(test_usage_errors),
	    cmocka_unit_test(test_help_and_version),
	    cmocka_unit_test(test_cannot_read),
	    cmocka_unit_test(test_permission_denied),
	    cmocka_unit_test(test_not_found_prints_nothing),
	    cmocka_unit_test(test_phram_erasesize),
	    cmocka_unit_test(test_option_spellings),
	    cmocka_unit_test(test_shell_quoting),
	};
	const char *dir = getenv("FIXTURES");
	const char *tmp = getenv("TMPDIR");
	char cmd[PATH_MAX + 16];
	size_t n = 0, i;
	int count, failed;

	tool = getenv("MEMDISKFIND");
	if (!tool || !dir || !*dir) {
		fprintf(stderr, "test_cli: set MEMDISKFIND (the binary) and FIXTURES (the fixture "
				"directory)\n");
		return 2;
	}
	count = fixture_names(dir, names, 64);
	if (count <= 0) {
		/* A missing fixture set must fail the suite, not shrink it. */
		fprintf(stderr, "test_cli: no *.lowmem.gz fixtures in %s\n", dir);
		return 2;
	}
	for (i = 0; i < (size_t)count; i++) {
		tests[n] = (struct CMUnitTest)cmocka_unit_test_prestate(test_fixture, names[i]);
		tests[n++].name = strrchr(names[i], '/') + 1;
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
