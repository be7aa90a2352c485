// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memdisk-probe's tests: the libblkid core on disk images built by
 * tests/probe/mkimages with Debian's tools, then the program itself.
 *
 * Environment (tests/probe/run sets it): PROBE_IMAGES (the images'
 * directory), MEMDISK_PROBE (the program), PROBE_DUMP_HDD (a memory dump:
 * a MEMDISK "harddisk" fixture with mbr2.img at its image address) and
 * PROBE_DUMP_NONE (a dump without MEMDISK).
 */
#define _GNU_SOURCE /* memfd_create */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "probe/probe.h"
#include "synth.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MIB (1024u * 1024u)

static struct probe_report report;

static const char *env(const char *name)
{
	const char *v = getenv(name);

	if (!v || !*v)
		fail_msg("%s is not set (run tests/probe/run)", name);
	return v;
}

static void image_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", env("PROBE_IMAGES"), name);
}

/* Probes an image file; returns 0 or -1 as probe_image does. */
static int probe_file(const char *name, struct probe_report *r)
{
	char path[4096];
	struct probe_source src = {-1, 0, 0, NULL, NULL};
	struct stat st;
	int rc;

	image_path(path, sizeof(path), name);
	src.fd = open(path, O_RDONLY);
	assert_true(src.fd >= 0);
	assert_int_equal(fstat(src.fd, &st), 0);
	src.size = (uint64_t)st.st_size;
	rc = probe_image(&src, r);
	close(src.fd);
	return rc;
}

static const struct probe_part *part(const struct probe_report *r, unsigned int number)
{
	unsigned int i;

	for (i = 0; i < r->nparts; i++)
		if (r->parts[i].number == number)
			return &r->parts[i];
	fail_msg("no partition %u", number);
	return NULL;
}

/* What must hold for every image: nothing attached past the end, nothing
 * empty, no two attached partitions overlapping, split only without a
 * whole-image file system. */
static void check_invariants(const struct probe_report *r)
{
	unsigned int i, j, attached = 0;

	for (i = 0; i < r->nparts; i++) {
		const struct probe_part *p = &r->parts[i];

		if (p->verdict != PROBE_ATTACH)
			continue;
		attached++;
		assert_true(p->size > 0);
		assert_true(p->start < r->size && p->size <= r->size - p->start);
		for (j = 0; j < r->nparts; j++) {
			const struct probe_part *q = &r->parts[j];

			if (j != i && q->verdict == PROBE_ATTACH)
				assert_false(p->start < q->start + q->size &&
					     q->start < p->start + p->size);
		}
	}
	assert_int_equal(r->split, attached > 0);
	if (r->split)
		assert_string_not_equal(r->fs.usage, "filesystem");
}

static void assert_part(const struct probe_part *p, uint64_t start, uint64_t size, const char *type,
			const char *fstype, const char *label, const char *uuid,
			enum probe_verdict verdict)
{
	assert_int_equal(p->start, start);
	assert_int_equal(p->size, size);
	assert_string_equal(p->type, type);
	assert_string_equal(p->fs.type, fstype);
	assert_string_equal(p->fs.label, label);
	assert_string_equal(p->fs.uuid, uuid);
	assert_int_equal(p->verdict, verdict);
}

static void test_mbr_two_partitions(void **state)
{
	(void)state;
	assert_int_equal(probe_file("mbr2.img", &report), 0);
	check_invariants(&report);
	assert_string_equal(report.fs.type, "");
	assert_string_equal(report.pttype, "dos");
	assert_string_equal(report.ptuuid, "4d445031");
	assert_int_equal(report.nparts, 2);
	assert_true(report.split);
	assert_part(part(&report, 1), 1 * MIB, 3 * MIB, "0x0c", "vfat", "MBR_P1", "1234-ABCD",
		    PROBE_ATTACH);
	assert_part(part(&report, 2), 4 * MIB, 4 * MIB, "0x83", "ext4", "MBR_P2",
		    "11111111-2222-3333-4444-555555555555", PROBE_ATTACH);
}

static void test_gpt_two_partitions(void **state)
{
	(void)state;
	assert_int_equal(probe_file("gpt2.img", &report), 0);
	check_invariants(&report);
	/* The protective MBR is not a "dos" table: GPT wins. */
	assert_string_equal(report.pttype, "gpt");
	assert_string_equal(report.ptuuid, "4d445032-0000-4000-8000-000000000001");
	assert_false(report.table_error);
	assert_int_equal(report.nparts, 2);
	assert_true(report.split);
	assert_part(part(&report, 1), 1 * MIB, 3 * MIB, "ebd0a0a2-b9e5-4433-87c0-68b6b72699c7",
		    "vfat", "GPT_P1", "5678-ABCD", PROBE_ATTACH);
	assert_string_equal(part(&report, 1)->partuuid, "4d445032-0000-4000-8000-0000000000a1");
	assert_part(part(&report, 2), 4 * MIB, 3 * MIB, "0fc63daf-8483-4772-8e79-3d69d8477de4",
		    "ext4", "GPT_P2", "66666666-7777-8888-9999-aaaaaaaaaaaa", PROBE_ATTACH);
}

static void test_isohybrid_not_split(void **state)
{
	(void)state;
	assert_int_equal(probe_file("isohybrid.iso", &report), 0);
	check_invariants(&report);
	assert_string_equal(report.fs.type, "iso9660");
	assert_string_equal(report.fs.label, "PROBE_HYBRID");
	/* The MBR is there, and its partition 1 covers the ISO itself... */
	assert_string_equal(report.pttype, "dos");
	assert_true(report.nparts >= 1);
	assert_int_equal(part(&report, 1)->start, 0);
	/* ...but the image is one volume. */
	assert_false(report.split);
	assert_int_equal(part(&report, 1)->verdict, PROBE_SKIP_WHOLE);
}

static void test_isohybrid_gpt_not_split(void **state)
{
	(void)state;
	assert_int_equal(probe_file("isohybrid-gpt.iso", &report), 0);
	check_invariants(&report);
	assert_string_equal(report.fs.type, "iso9660");
	assert_string_equal(report.fs.label, "PROBE_HYBRID_GPT");
	assert_true(report.pttype[0] != '\0');
	assert_true(report.nparts >= 1);
	assert_false(report.split);
	assert_int_equal(part(&report, 1)->verdict, PROBE_SKIP_WHOLE);
}

static void test_plain_iso(void **state)
{
	(void)state;
	assert_int_equal(probe_file("plain.iso", &report), 0);
	check_invariants(&report);
	assert_string_equal(report.fs.type, "iso9660");
	assert_string_equal(report.fs.label, "PROBE_ISO");
	assert_string_equal(report.pttype, "");
	assert_int_equal(report.nparts, 0);
	assert_false(report.split);
}

static void test_superfloppy(void **state)
{
	(void)state;
	assert_int_equal(probe_file("superfloppy.img", &report), 0);
	check_invariants(&report);
	assert_string_equal(report.fs.type, "vfat");
	assert_string_equal(report.fs.label, "FLOPPY");
	assert_string_equal(report.fs.uuid, "0BAD-CAFE");
	/* A FAT boot sector also ends in 55 AA: it is not an MBR. */
	assert_string_equal(report.pttype, "");
	assert_int_equal(report.nparts, 0);
	assert_false(report.split);
}

static void test_gpt_corrupt(void **state)
{
	(void)state;
	assert_int_equal(probe_file("gpt-corrupt.img", &report), 0);
	check_invariants(&report);
	/* Both GPT headers fail their CRC: reported, nothing split. */
	assert_true(report.table_error);
	assert_int_equal(report.nparts, 0);
	assert_false(report.split);
}

static void test_mbr_corrupt(void **state)
{
	(void)state;
	assert_int_equal(probe_file("mbr-corrupt.img", &report), 0);
	check_invariants(&report);
	/* Boot indicators other than 0/0x80: libblkid refuses the table. */
	assert_string_equal(report.pttype, "");
	assert_false(report.split);
}

static void test_mbr_overlap(void **state)
{
	(void)state;
	assert_int_equal(probe_file("mbr-overlap.img", &report), 0);
	check_invariants(&report);
	assert_string_equal(report.pttype, "dos");
	assert_int_equal(report.nparts, 2);
	assert_int_equal(part(&report, 1)->verdict, PROBE_SKIP_OVERLAP);
	assert_int_equal(part(&report, 1)->overlaps, 2);
	assert_int_equal(part(&report, 2)->verdict, PROBE_SKIP_OVERLAP);
	assert_int_equal(part(&report, 2)->overlaps, 1);
	assert_false(report.split);
}

static void test_mbr_past_end_and_empty(void **state)
{
	unsigned int i;

	(void)state;
	assert_int_equal(probe_file("mbr-pastend.img", &report), 0);
	check_invariants(&report);
	assert_part(part(&report, 1), 1 * MIB, 3 * MIB, "0x0c", "vfat", "MBR_P1", "1234-ABCD",
		    PROBE_ATTACH);
	assert_int_equal(part(&report, 2)->verdict, PROBE_SKIP_PAST_END);
	/* The empty entry 3: libblkid may drop it itself; if listed, skipped. */
	for (i = 0; i < report.nparts; i++)
		if (report.parts[i].number == 3)
			assert_int_equal(report.parts[i].verdict, PROBE_SKIP_ZERO);
	assert_true(report.split);
}

/* ---- the windowed source (how /dev/mem is probed) ------------------------ */
struct window_ctx {
	int src;
	int memfd;
	uint64_t size;
	uint64_t copied;
	int past_end;
};

static int window_fill(void *ctx, uint64_t off, uint64_t len)
{
	struct window_ctx *w = ctx;
	static char buf[PROBE_HEAD_WINDOW];
	ssize_t n;

	if (off + len > w->size || len > sizeof(buf))
		w->past_end = 1;
	n = pread(w->src, buf, (size_t)len, (off_t)off);
	if (n != (ssize_t)len || pwrite(w->memfd, buf, (size_t)len, (off_t)off) != n)
		return -1;
	w->copied += len;
	return 0;
}

static void test_windowed_source_same_answer(void **state)
{
	static struct probe_report direct;
	struct window_ctx w = {-1, -1, 0, 0, 0};
	struct probe_source src = {-1, 0, 0, window_fill, &w};
	const char *names[] = {"mbr2.img", "gpt2.img", "isohybrid.iso", "superfloppy.img"};
	char path[4096];
	unsigned int i, k;
	struct stat st;

	(void)state;
	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		assert_int_equal(probe_file(names[k], &direct), 0);
		image_path(path, sizeof(path), names[k]);
		w.src = open(path, O_RDONLY);
		assert_true(w.src >= 0);
		assert_int_equal(fstat(w.src, &st), 0);
		w.size = (uint64_t)st.st_size;
		w.copied = 0;
		w.memfd = memfd_create("test-probe", 0);
		assert_true(w.memfd >= 0);
		assert_int_equal(ftruncate(w.memfd, st.st_size), 0);
		src.fd = w.memfd;
		src.size = w.size;
		assert_int_equal(probe_image(&src, &report), 0);
		assert_false(w.past_end);
		assert_int_equal(report.split, direct.split);
		assert_string_equal(report.fs.type, direct.fs.type);
		assert_string_equal(report.fs.label, direct.fs.label);
		assert_string_equal(report.pttype, direct.pttype);
		assert_int_equal(report.nparts, direct.nparts);
		for (i = 0; i < report.nparts; i++) {
			assert_int_equal(report.parts[i].start, direct.parts[i].start);
			assert_int_equal(report.parts[i].verdict, direct.parts[i].verdict);
			assert_string_equal(report.parts[i].fs.type, direct.parts[i].fs.type);
			assert_string_equal(report.parts[i].fs.label, direct.parts[i].fs.label);
			assert_string_equal(report.parts[i].fs.uuid, direct.parts[i].fs.uuid);
		}
		close(w.memfd);
		close(w.src);
	}
}

static void test_erasesize(void **state)
{
	(void)state;
	assert_int_equal(memdisk_erasesize(3 * MIB), 4096);
	assert_int_equal(memdisk_erasesize(2048 * 263), 2048);
	assert_int_equal(memdisk_erasesize(512 * 6143), 512);
	assert_int_equal(memdisk_erasesize(8192 + 1024), 1024);
	assert_int_equal(memdisk_erasesize(1), 1);
}

/* ---- the program ------------------------------------------------------------ */
/* Runs MEMDISK_PROBE with args; returns its exit status, stdout in out. */
static int run(char *out, size_t size, const char *a1, const char *a2, const char *a3)
{
	int pipefd[2], status;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	assert_int_equal(pipe(pipefd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(pipefd[1], 1);
		close(pipefd[0]);
		if (!freopen("/dev/null", "w", stderr))
			_exit(127);
		execl(env("MEMDISK_PROBE"), "memdisk-probe", a1, a2, a3, (char *)NULL);
		_exit(127);
	}
	close(pipefd[1]);
	while (len + 1 < size && (n = read(pipefd[0], out + len, size - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	close(pipefd[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static void test_cli_phram(void **state)
{
	char out[4096], path[4096];

	(void)state;
	image_path(path, sizeof(path), "mbr2.img");
	assert_int_equal(run(out, sizeof(out), "--phram", "--image", path), 0);
	assert_string_equal(out, "memdisk_p1,0x100000,0x300000,4096\n"
				 "memdisk_p2,0x400000,0x400000,4096\n");
	image_path(path, sizeof(path), "isohybrid.iso");
	assert_int_equal(run(out, sizeof(out), "--phram", "--image", path), 0);
	assert_string_equal(out, "memdisk,0x0,0x100000,4096\n");
	image_path(path, sizeof(path), "plain.iso");
	assert_int_equal(run(out, sizeof(out), "-e", "--image", path), 0);
	/* 262 sectors of 2 KiB: an even count, 4096 divides. */
	assert_string_equal(out, "memdisk,0x0,0x83000,4096\n");
	image_path(path, sizeof(path), "mbr-overlap.img");
	assert_int_equal(run(out, sizeof(out), "--phram", "--image", path), 0);
	assert_string_equal(out, "memdisk,0x0,0x800000,4096\n");
	image_path(path, sizeof(path), "mbr-pastend.img");
	assert_int_equal(run(out, sizeof(out), "--phram", "--image", path), 0);
	assert_string_equal(out, "memdisk_p1,0x100000,0x300000,4096\n");
}

static void test_cli_shell_and_json(void **state)
{
	char out[8192], path[4096];

	(void)state;
	image_path(path, sizeof(path), "gpt2.img");
	assert_int_equal(run(out, sizeof(out), "--shell", "--image", path), 0);
	assert_non_null(strstr(out, "MEMDISK_PTTYPE='gpt'\n"));
	assert_non_null(strstr(out, "MEMDISK_SPLIT=1\n"));
	assert_non_null(strstr(out, "MEMDISK_PARTS='1 2'\n"));
	assert_non_null(strstr(out, "MEMDISK_P2_LABEL='GPT_P2'\n"));
	assert_non_null(strstr(out, "MEMDISK_P2_START=0x400000\n"));
	assert_non_null(strstr(out, "MEMDISK_P1_ATTACH=1\n"));
	assert_int_equal(run(out, sizeof(out), "--json", "--image", path), 0);
	assert_non_null(strstr(out, "\"pttype\": \"gpt\""));
	assert_non_null(strstr(out, "\"attach\": \"memdisk_p2\""));
	assert_non_null(strstr(out, "\"label\": \"GPT_P1\""));
	image_path(path, sizeof(path), "isohybrid.iso");
	assert_int_equal(run(out, sizeof(out), "-j", "--image", path), 0);
	assert_non_null(strstr(out, "\"split\": false"));
	assert_non_null(strstr(out, "\"skipped\": \"the whole image is one file system\""));
	assert_int_equal(run(out, sizeof(out), "--image", path, NULL), 0);
	assert_non_null(strstr(out, "iso9660"));
}

static void test_cli_damaged_table(void **state)
{
	char out[4096], path[4096];

	(void)state;
	image_path(path, sizeof(path), "gpt-corrupt.img");
	assert_int_equal(run(out, sizeof(out), "--shell", "--image", path), 0);
	assert_non_null(strstr(out, "MEMDISK_PTDAMAGED=1\n"));
	assert_int_equal(run(out, sizeof(out), "--json", "--image", path), 0);
	assert_non_null(strstr(out, "\"table_damaged\": true"));
	assert_int_equal(run(out, sizeof(out), "--phram", "--image", path), 0);
	assert_string_equal(out, "memdisk,0x0,0x800000,4096\n");
}

static void test_cli_hostile_label(void **state)
{
	char out[8192], path[4096];

	(void)state;
	image_path(path, sizeof(path), "hostile.img");
	assert_int_equal(run(out, sizeof(out), "--shell", "--image", path), 0);
	assert_non_null(strstr(out, "\nMEMDISK_LABEL='a'\\''b\"c\t$(x)\\'\n"));
	assert_int_equal(run(out, sizeof(out), "--json", "--image", path), 0);
	assert_non_null(strstr(out, "\"label\": \"a'b\\\"c\\u0009$(x)\\\\\""));
	assert_int_equal(run(out, sizeof(out), "--image", path, NULL), 0);
	assert_non_null(strstr(out, "label \"a'b\"c?$(x)\\\""));
	assert_null(strchr(out, '\t'));
}

static void test_cli_memory_dump(void **state)
{
	char out[4096];

	(void)state;
	/* hdd-raw-1G: MEMDISK put the disk at 0x3cfe0000. */
	assert_int_equal(run(out, sizeof(out), "--phram", "--mem", env("PROBE_DUMP_HDD")), 0);
	assert_string_equal(out, "memdisk_p1,0x3d0e0000,0x300000,4096\n"
				 "memdisk_p2,0x3d3e0000,0x400000,4096\n");
	assert_int_equal(run(out, sizeof(out), "--shell", "--mem", env("PROBE_DUMP_HDD")), 0);
	assert_non_null(strstr(out, "MEMDISK_START=0x3cfe0000\n"));
	assert_non_null(strstr(out, "MEMDISK_P2_FSTYPE='ext4'\n"));
	assert_int_equal(run(out, sizeof(out), "--phram", "--mem", env("PROBE_DUMP_NONE")), 1);
	assert_string_equal(out, "");
}

/* ---- UEFI or BIOS: a fake system under MEMDISK_SYSROOT -------------------- */

static char fake_root[] = "/tmp/memdisk-probe-test.XXXXXX";
static int fake_root_made;

/* Runs MEMDISK_PROBE with one argument (or none) under MEMDISK_SYSROOT=root,
 * stdout and stderr in out and err; a run that hangs (it opened the FIFO that
 * stands for /dev/mem) is killed after 20 s and fails. */
static int run_in_root(const char *root, const char *arg, char *out, char *err, size_t size)
{
	char out_path[4200], err_path[4200];
	int status, fd;
	ssize_t n;
	pid_t pid;

	snprintf(out_path, sizeof(out_path), "%s/stdout", root);
	snprintf(err_path, sizeof(err_path), "%s/stderr", root);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (!freopen(out_path, "w", stdout) || !freopen(err_path, "w", stderr) ||
		    setenv("MEMDISK_SYSROOT", root, 1))
			_exit(126);
		alarm(20);
		execl(env("MEMDISK_PROBE"), "memdisk-probe", arg, (char *)NULL);
		_exit(127);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	fd = open(out_path, O_RDONLY);
	n = read(fd, out, size - 1);
	out[n > 0 ? n : 0] = '\0';
	close(fd);
	fd = open(err_path, O_RDONLY);
	n = read(fd, err, size - 1);
	err[n > 0 ? n : 0] = '\0';
	close(fd);
	return WEXITSTATUS(status);
}

static void shell(const char *fmt, const char *a, const char *b)
{
	char cmd[9000];

	snprintf(cmd, sizeof(cmd), fmt, a, b);
	assert_int_equal(system(cmd), 0);
}

/* UEFI: MEMDISK-only, says where the firmware's RAM disk is, never reads
 * /dev/mem (a FIFO here: opening it would hang). */
static void test_cli_uefi(void **state)
{
	static uint8_t table[SYNTH_NFIT_MAX];
	const struct synth_nfit_struct s[] = {
	    {0, 0, GUID_PERSISTENT_MEMORY, 0x140000000ull, 0x40000000, 1},
	    {0, 0, GUID_VIRTUAL_CD, 0x7e000000, 0x1000800, 2},
	};
	char out[4096], err[4096], path[4200];
	uint32_t len = synth_nfit(table, s, 2);
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(fake_root));
	fake_root_made = 1;
	shell("mkdir -p '%s/sys/firmware/efi' '%s/sys/firmware/acpi/tables'", fake_root, fake_root);
	shell("mkdir -p '%s/dev' && mkfifo '%s/dev/mem'", fake_root, fake_root);
	assert_int_equal(run_in_root(fake_root, "--phram", out, err, sizeof(out)), 1);
	assert_string_equal(out, "");
	assert_string_equal(err, "");
	snprintf(path, sizeof(path), "%s/sys/firmware/acpi/tables/NFIT", fake_root);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(table, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(run_in_root(fake_root, "--shell", out, err, sizeof(out)), 1);
	assert_string_equal(out, "");
	assert_non_null(strstr(err, "NFIT RAM disk (CD, 0x7e000000, 16779264 bytes)"));
	assert_non_null(strstr(err, "--image"));
	/* BIOS: the (fake) /dev/mem is read as before. */
	shell("rm -rf '%s/sys/firmware/efi' '%s/dev/mem'", fake_root, fake_root);
	assert_non_null(realpath(env("PROBE_DUMP_HDD"), path));
	shell("ln -s '%s' '%s/dev/mem'", path, fake_root);
	assert_int_equal(run_in_root(fake_root, "--phram", out, err, sizeof(out)), 0);
	assert_string_equal(out, "memdisk_p1,0x3d0e0000,0x300000,4096\n"
				 "memdisk_p2,0x3d3e0000,0x400000,4096\n");
}

static int remove_fake_root(void **state)
{
	(void)state;
	if (!fake_root_made)
		return 0;
	shell("rm -rf '%s'%s", fake_root, "");
	return 0;
}

static void test_cli_errors(void **state)
{
	char out[4096];

	(void)state;
	assert_int_equal(run(out, sizeof(out), "--bogus", NULL, NULL), 64);
	assert_int_equal(run(out, sizeof(out), "--image", NULL, NULL), 64);
	assert_int_equal(run(out, sizeof(out), "--image", "a", "extra"), 64);
	assert_int_equal(run(out, sizeof(out), "--image", "/nonexistent/x.img", NULL), 2);
	assert_string_equal(out, "");
	assert_int_equal(run(out, sizeof(out), "--mem", "/nonexistent/dump", NULL), 2);
	assert_int_equal(run(out, sizeof(out), "--image", "/dev/null", NULL), 2);
	assert_int_equal(run(out, sizeof(out), "--help", NULL, NULL), 0);
	assert_non_null(strstr(out, "Usage: memdisk-probe"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mbr_two_partitions),
	    cmocka_unit_test(test_gpt_two_partitions),
	    cmocka_unit_test(test_isohybrid_not_split),
	    cmocka_unit_test(test_isohybrid_gpt_not_split),
	    cmocka_unit_test(test_plain_iso),
	    cmocka_unit_test(test_superfloppy),
	    cmocka_unit_test(test_gpt_corrupt),
	    cmocka_unit_test(test_mbr_corrupt),
	    cmocka_unit_test(test_mbr_overlap),
	    cmocka_unit_test(test_mbr_past_end_and_empty),
	    cmocka_unit_test(test_windowed_source_same_answer),
	    cmocka_unit_test(test_erasesize),
	    cmocka_unit_test(test_cli_phram),
	    cmocka_unit_test(test_cli_shell_and_json),
	    cmocka_unit_test(test_cli_damaged_table),
	    cmocka_unit_test(test_cli_hostile_label),
	    cmocka_unit_test(test_cli_memory_dump),
	    cmocka_unit_test(test_cli_errors),
	    cmocka_unit_test_teardown(test_cli_uefi, remove_fake_root),
	};

	return cmocka_run_group_tests_name("memdisk-probe", tests, NULL, NULL);
}
