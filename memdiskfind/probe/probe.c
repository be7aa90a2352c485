// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * memdisk-probe's core: libblkid's low-level probe API on the image, then on
 * each partition's byte range; the decisions (split or not, which partition
 * is safe to attach) are ours, the parsing is libblkid's.
 */
#include "probe/probe.h"

#include <blkid.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

static void copy_value(blkid_probe pr, const char *name, char *dst, size_t size)
{
	const char *value = NULL;

	dst[0] = '\0';
	if (blkid_probe_lookup_value(pr, name, &value, NULL) == 0 && value)
		snprintf(dst, size, "%s", value);
}

static int fill(const struct probe_source *src, uint64_t off, uint64_t len)
{
	if (!src->fill)
		return 0;
	if (off >= src->size)
		return 0;
	if (len > src->size - off)
		len = src->size - off;
	return src->fill(src->ctx, off, len);
}

/* The file system (superblocks chain only) of [off, off + size). Returns 0,
 * or -1 when libblkid could not read. */
static int probe_fs_range(const struct probe_source *src, uint64_t off, uint64_t size,
			  struct probe_fs *fs)
{
	blkid_probe pr;
	int rc;

	memset(fs, 0, sizeof(*fs));
	pr = blkid_new_probe();
	if (!pr)
		return -1;
	if (blkid_probe_set_device(pr, src->fd, (blkid_loff_t)(src->offset + off),
				   (blkid_loff_t)size) != 0) {
		blkid_free_probe(pr);
		return -1;
	}
	blkid_probe_enable_partitions(pr, 0);
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_LABEL | BLKID_SUBLKS_UUID |
						  BLKID_SUBLKS_TYPE | BLKID_SUBLKS_USAGE);
	rc = blkid_do_safeprobe(pr);
	if (rc == 0) {
		copy_value(pr, "TYPE", fs->type, sizeof(fs->type));
		copy_value(pr, "USAGE", fs->usage, sizeof(fs->usage));
		copy_value(pr, "LABEL", fs->label, sizeof(fs->label));
		copy_value(pr, "UUID", fs->uuid, sizeof(fs->uuid));
	} else if (rc == -2) {
		/* Several signatures that exclude each other: not one file system. */
		snprintf(fs->type, sizeof(fs->type), "%s", "ambivalent");
	}
	blkid_free_probe(pr);
	return rc == -1 ? -1 : 0;
}

/* Only a real file system at the image's start makes it one volume: not
 * RAID members, swap or LUKS headers that a disk's first sector may carry. */
static int is_whole_fs(const struct probe_fs *fs)
{
	return fs->type[0] && !strcmp(fs->usage, "filesystem");
}

static void read_partition(blkid_partition par, struct probe_part *p)
{
	const char *s;
	blkid_loff_t start = blkid_partition_get_start(par);
	blkid_loff_t size = blkid_partition_get_size(par);

	memset(p, 0, sizeof(*p));
	p->number = (unsigned int)blkid_partition_get_partno(par);
	p->start = start > 0 ? (uint64_t)start * PROBE_SECTOR : 0;
	p->size = size > 0 ? (uint64_t)size * PROBE_SECTOR : 0;
	s = blkid_partition_get_type_string(par);
	if (s)
		snprintf(p->type, sizeof(p->type), "%s", s);
	else
		snprintf(p->type, sizeof(p->type), "0x%02x",
			 (unsigned int)blkid_partition_get_type(par));
	s = blkid_partition_get_uuid(par);
	if (s)
		snprintf(p->partuuid, sizeof(p->partuuid), "%s", s);
	if (size < 0 || start < 0)
		p->verdict = PROBE_SKIP_PAST_END; /* nonsense either way */
	else if (blkid_partition_is_extended(par))
		p->verdict = PROBE_SKIP_EXTENDED;
}

static int overlap(const struct probe_part *a, const struct probe_part *b)
{
	return a->start < b->start + b->size && b->start < a->start + a->size;
}

/* Decide which partitions are safe to attach: inside the image, non-empty,
 * not overlapping any other volume (both of an overlapping pair are skipped:
 * which one the table's author meant cannot be known). */
static void judge(struct probe_report *r)
{
	unsigned int i, j;

	for (i = 0; i < r->nparts; i++) {
		struct probe_part *p = &r->parts[i];

		if (p->verdict != PROBE_ATTACH)
			continue;
		if (p->size == 0)
			p->verdict = PROBE_SKIP_ZERO;
		else if (p->start >= r->size || p->size > r->size - p->start)
			p->verdict = PROBE_SKIP_PAST_END;
	}
	for (i = 0; i < r->nparts; i++) {
		struct probe_part *p = &r->parts[i];

		if (p->verdict != PROBE_ATTACH && p->verdict != PROBE_SKIP_OVERLAP)
			continue;
		for (j = 0; j < r->nparts; j++) {
			struct probe_part *q = &r->parts[j];

			if (i == j ||
			    (q->verdict != PROBE_ATTACH && q->verdict != PROBE_SKIP_OVERLAP))
				continue;
			if (overlap(p, q)) {
				p->verdict = PROBE_SKIP_OVERLAP;
				p->overlaps = q->number;
				break;
			}
		}
	}
}

/* A table libblkid recognises but cannot use: a protective MBR whose GPT
 * headers both fail their checks, or a probe error in the partitions chain. */
/* A probe of the source's range that looks for partition tables only. */
static blkid_probe new_table_probe(const struct probe_source *src)
{
	blkid_probe pr = blkid_new_probe();

	if (!pr)
		return NULL;
	if (blkid_probe_set_device(pr, src->fd, (blkid_loff_t)src->offset,
				   (blkid_loff_t)src->size)) {
		blkid_free_probe(pr);
		return NULL;
	}
	blkid_probe_enable_superblocks(pr, 0);
	blkid_probe_enable_partitions(pr, 1);
	return pr;
}

static int table_damaged(const struct probe_source *src)
{
	blkid_probe pr = new_table_probe(src);
	const char *type = NULL;
	int rc, damaged = 0;

	if (!pr)
		return -1;
	rc = blkid_do_safeprobe(pr);
	if (rc == -1 || rc == -2)
		damaged = 1;
	else if (rc == 0 && !blkid_probe_lookup_value(pr, "PTTYPE", &type, NULL) && type &&
		 !strcmp(type, "PMBR"))
		damaged = 1;
	blkid_free_probe(pr);
	return damaged;
}

static int probe_table(const struct probe_source *src, struct probe_report *r)
{
	blkid_probe pr;
	blkid_partlist ls;
	blkid_parttable tab;
	const char *s;
	int n, i;

	r->table_error = table_damaged(src);
	if (r->table_error < 0)
		return -1;
	pr = new_table_probe(src);
	if (!pr)
		return -1;
	ls = blkid_probe_get_partitions(pr);
	tab = ls ? blkid_partlist_get_table(ls) : NULL;
	if (!tab) {
		blkid_free_probe(pr);
		return 0;
	}
	s = blkid_parttable_get_type(tab);
	snprintf(r->pttype, sizeof(r->pttype), "%s", s ? s : "");
	s = blkid_parttable_get_id(tab);
	snprintf(r->ptuuid, sizeof(r->ptuuid), "%s", s ? s : "");
	n = blkid_partlist_numof_partitions(ls);
	r->nfound = n > 0 ? (unsigned int)n : 0;
	for (i = 0; i < n && (unsigned int)i < PROBE_PARTS_MAX; i++) {
		blkid_partition par = blkid_partlist_get_partition(ls, i);

		if (par)
			read_partition(par, &r->parts[r->nparts++]);
	}
	blkid_free_probe(pr);
	return 0;
}

int probe_image(const struct probe_source *src, struct probe_report *r)
{
	unsigned int i;
	uint64_t tail;

	memset(r, 0, sizeof(*r));
	r->size = src->size;
	if (src->size < PROBE_SECTOR) {
		errno = EINVAL;
		return -1;
	}
	tail = src->size > PROBE_TAIL_WINDOW ? src->size - PROBE_TAIL_WINDOW : 0;
	if (fill(src, 0, PROBE_HEAD_WINDOW) || fill(src, tail, PROBE_TAIL_WINDOW))
		return -1;
	if (probe_fs_range(src, 0, src->size, &r->fs))
		return -1;
	if (probe_table(src, r))
		return -1;
	judge(r);

	/* The hybrid rule: a file system at offset 0 (an isohybrid ISO's
	 * iso9660, whose MBR partition 1 covers the ISO itself) makes the image
	 * one volume. Split only an image that has none of its own. */
	for (i = 0; i < r->nparts; i++) {
		struct probe_part *p = &r->parts[i];

		/* Overlaps are normal there (a hybrid MBR's partition 1 spans
		 * the ISO, including the EFI image inside it). */
		if (is_whole_fs(&r->fs) &&
		    (p->verdict == PROBE_ATTACH || p->verdict == PROBE_SKIP_OVERLAP))
			p->verdict = PROBE_SKIP_WHOLE;
		if (p->verdict != PROBE_ATTACH && p->verdict != PROBE_SKIP_WHOLE)
			continue;
		if (fill(src, p->start, PROBE_HEAD_WINDOW) ||
		    fill(src,
			 p->size > PROBE_PART_TAIL ? p->start + p->size - PROBE_PART_TAIL
						   : p->start,
			 PROBE_PART_TAIL))
			return -1;
		if (probe_fs_range(src, p->start, p->size, &p->fs))
			return -1;
		if (p->verdict == PROBE_ATTACH)
			r->split = 1;
	}
	return 0;
}

const char *probe_verdict_text(enum probe_verdict verdict)
{
	switch (verdict) {
	case PROBE_ATTACH:
		return "attach";
	case PROBE_SKIP_ZERO:
		return "zero size";
	case PROBE_SKIP_PAST_END:
		return "runs past the end of the image";
	case PROBE_SKIP_OVERLAP:
		return "overlaps another partition";
	case PROBE_SKIP_EXTENDED:
		return "extended partition (a container)";
	case PROBE_SKIP_WHOLE:
		return "the whole image is one file system";
	}
	return "?";
}
