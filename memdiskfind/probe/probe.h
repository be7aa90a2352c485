/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * memdisk-probe's core: what is inside a disk image, told by libblkid's probe
 * API (never by parsing tables here), and what to attach with phram.
 *
 * The caller gives an fd that libblkid accepts (a regular file, a block
 * device or a memfd: libblkid 2.38 refuses character devices such as
 * /dev/mem with EINVAL), the image's offset and size in it, and optionally a
 * fill callback that makes a byte range of the image readable before it is
 * probed (the /dev/mem shell copies windows of the image into a sparse memfd).
 */
#ifndef MEMDISKFIND_PROBE_H
#define MEMDISKFIND_PROBE_H

#include <stddef.h>
#include <stdint.h>

#include "core/memdisk.h" /* memdisk_erasesize() */

#define PROBE_PARTS_MAX	  128u
#define PROBE_SECTOR	  512u		  /* libblkid counts partitions in 512 B sectors */
#define PROBE_HEAD_WINDOW (1024u * 1024u) /* tables, superblocks, ISO/UDF descriptors */
#define PROBE_TAIL_WINDOW (1024u * 1024u) /* backup GPT, end-of-device signatures */
#define PROBE_PART_TAIL	  (256u * 1024u)

/* Why a partition is not attached (PROBE_ATTACH: it is). */
enum probe_verdict {
	PROBE_ATTACH = 0,
	PROBE_SKIP_ZERO,     /* zero size */
	PROBE_SKIP_PAST_END, /* runs past the end of the image */
	PROBE_SKIP_OVERLAP,  /* overlaps another partition */
	PROBE_SKIP_EXTENDED, /* an MBR extended partition: a container, not a volume */
	PROBE_SKIP_WHOLE,    /* the whole image has a file system: not split */
};

struct probe_fs {
	char type[32]; /* "" when libblkid found nothing */
	char usage[16];
	char label[256];
	char uuid[64];
};

struct probe_part {
	unsigned int number;
	uint64_t start; /* bytes from the image's start */
	uint64_t size;	/* bytes */
	char type[40];	/* MBR "0x83", GPT type GUID */
	char partuuid[40];
	struct probe_fs fs;
	enum probe_verdict verdict;
	unsigned int overlaps; /* PROBE_SKIP_OVERLAP: the other partition's number */
};

struct probe_report {
	uint64_t size;	    /* the image */
	struct probe_fs fs; /* a file system of the whole image (at offset 0) */
	char pttype[16];    /* "dos", "gpt", "" */
	char ptuuid[40];
	int table_error;     /* libblkid reported a damaged table */
	unsigned int nparts; /* entries in parts[] */
	unsigned int nfound; /* partitions libblkid listed (may exceed nparts) */
	struct probe_part parts[PROBE_PARTS_MAX];
	int split; /* attach one device per partition */
};

/* Makes [off, off + len) of the image readable through the probe fd. */
typedef int (*probe_fill_fn)(void *ctx, uint64_t off, uint64_t len);

struct probe_source {
	int fd;
	uint64_t offset; /* of the image in fd */
	uint64_t size;	 /* of the image */
	probe_fill_fn fill;
	void *ctx;
};

/*
 * Probes the image; returns 0, or -1 when libblkid failed (errno set), in
 * which case the report is incomplete and nothing should be attached from it.
 */
int probe_image(const struct probe_source *src, struct probe_report *report);

const char *probe_verdict_text(enum probe_verdict verdict);

#endif
