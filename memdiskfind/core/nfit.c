// SPDX-License-Identifier: GPL-2.0-or-later
#include "nfit.h"
#include "lowmem.h"

/* The four range types of a firmware RAM disk, as the GUIDs lie in the table
 * (EFI_GUID: the first three fields little-endian, the last eight bytes as
 * written). ACPI 6.x, "SPA Range Structure". */
static const struct {
	uint8_t guid[NFIT_GUID_LEN];
	uint8_t kind;
	uint8_t persistent;
} ramdisk_types[] = {
    /* 77AB535A-45FC-624B-5560-F7B281D1F96E: virtual disk, volatile */
    {{0x5a, 0x53, 0xab, 0x77, 0xfc, 0x45, 0x4b, 0x62, 0x55, 0x60, 0xf7, 0xb2, 0x81, 0xd1, 0xf9,
      0x6e},
     NFIT_DISK,
     0},
    /* 3D5ABD30-4175-87CE-6D64-D2ADE523C4BB: virtual CD, volatile */
    {{0x30, 0xbd, 0x5a, 0x3d, 0x75, 0x41, 0xce, 0x87, 0x6d, 0x64, 0xd2, 0xad, 0xe5, 0x23, 0xc4,
      0xbb},
     NFIT_CD,
     0},
    /* 5CEA02C9-4D07-69D3-269F-4496FBE096F9: virtual disk, persistent */
    {{0xc9, 0x02, 0xea, 0x5c, 0x07, 0x4d, 0xd3, 0x69, 0x26, 0x9f, 0x44, 0x96, 0xfb, 0xe0, 0x96,
      0xf9},
     NFIT_DISK,
     1},
    /* 08018188-42CD-BB48-100F-5387D53DED3D: virtual CD, persistent */
    {{0x88, 0x81, 0x01, 0x08, 0xcd, 0x42, 0x48, 0xbb, 0x10, 0x0f, 0x53, 0x87, 0xd5, 0x3d, 0xed,
      0x3d},
     NFIT_CD,
     1},
};

/* 66F0D379-B4F3-4074-AC43-0D3318B78CDB: a real NVDIMM's persistent memory.
 * Only named so that verbose mode can say why it was passed over. */
static const uint8_t pmem_guid[NFIT_GUID_LEN] = {
    0x79, 0xd3, 0xf0, 0x66, 0xf3, 0xb4, 0x74, 0x40, 0xac, 0x43, 0x0d, 0x33, 0x18, 0xb7, 0x8c, 0xdb,
};

static void nfit_trace(const struct nfit_tracer *tracer, enum nfit_step step, uint32_t offset,
		       uint32_t value, enum nfit_reason reason, const struct nfit_ramdisk *disk)
{
	struct nfit_event event = {step, offset, value, reason, disk};

	if (tracer && tracer->event)
		tracer->event(tracer->ctx, &event);
}

/* Signature, then a header length that fits the bytes we have, then the
 * checksum over that length: nothing is trusted before it is checked. */
static enum nfit_reason nfit_check_header(const struct lowmem *t, uint32_t *length)
{
	if (!lowmem_has(t, 0, NFIT_HEADER_LEN))
		return NFIT_TRUNCATED;
	if (!lowmem_equals(t, 0, NFIT_SIGNATURE, 4))
		return NFIT_BAD_SIGNATURE;
	*length = lowmem_at32(t, 4); /* inside the header */
	if (*length < NFIT_FIRST_STRUCT)
		return NFIT_LENGTH_SHORT;
	if (!lowmem_has(t, 0, *length))
		return NFIT_LENGTH_PAST_END;
	if (lowmem_sum8(t, 0, *length))
		return NFIT_BAD_CHECKSUM;
	return NFIT_OK;
}

/* The structure at off in the table t (t->len is the header length) must
 * hold its own 4-byte header, a length of at least 4, end inside the table,
 * and, for an SPA range, hold the fields nfit_decode_range reads. */
static enum nfit_reason nfit_check_struct(const struct lowmem *t, uint32_t off, uint16_t *type,
					  uint16_t *length)
{
	if (!lowmem_has(t, off, NFIT_STRUCT_HEADER))
		return NFIT_STRUCT_PAST_END;
	*type = lowmem_at16(t, off);
	*length = lowmem_at16(t, off + 2);
	if (*length < NFIT_STRUCT_HEADER)
		return NFIT_STRUCT_SHORT;
	if (!lowmem_has(t, off, *length))
		return NFIT_STRUCT_PAST_END;
	if (*type == NFIT_TYPE_SPA && *length < SPA_MIN_LEN)
		return NFIT_SPA_SHORT;
	return NFIT_OK;
}

/* One SPA range whose structure nfit_check_struct accepted: the fields up to
 * SPA_MIN_LEN are inside. */
static enum nfit_reason nfit_decode_range(const struct lowmem *t, uint32_t off,
					  struct nfit_ramdisk *d)
{
	const uint32_t guid = off + SPA_TYPE_GUID;
	size_t i;

	d->offset = off;
	d->range_index = lowmem_at16(t, off + SPA_RANGE_INDEX);
	for (i = 0; i < sizeof(ramdisk_types) / sizeof(ramdisk_types[0]); i++)
		if (lowmem_equals(t, guid, ramdisk_types[i].guid, NFIT_GUID_LEN))
			break;
	if (i == sizeof(ramdisk_types) / sizeof(ramdisk_types[0]))
		return lowmem_equals(t, guid, pmem_guid, NFIT_GUID_LEN) ? NFIT_PERSISTENT_MEMORY
									: NFIT_NOT_RAMDISK;
	d->kind = ramdisk_types[i].kind;
	d->persistent = ramdisk_types[i].persistent;
	d->base = lowmem_at64(t, off + SPA_BASE);
	d->length = lowmem_at64(t, off + SPA_LENGTH);
	if (d->length == 0)
		return NFIT_ZERO_LENGTH;
	/* base + length, the end every user computes, must not wrap. */
	if (d->length > UINT64_MAX - d->base)
		return NFIT_OVERFLOW;
	return NFIT_OK;
}

enum nfit_reason nfit_find(const uint8_t *table, size_t len, struct nfit_ramdisks *found,
			   const struct nfit_tracer *tracer)
{
	struct lowmem t = {table, len};
	struct nfit_ramdisk d;
	enum nfit_reason why, last = NFIT_NO_RAMDISK;
	uint32_t length = 0, off;
	uint16_t type, slen;

	found->count = 0;
	why = nfit_check_header(&t, &length);
	nfit_trace(tracer, NFIT_STEP_TABLE, 0, length, why, NULL);
	if (why != NFIT_OK)
		return why;
	t.len = length; /* a dump may carry bytes past the table */

	for (off = NFIT_FIRST_STRUCT; off < length; off += slen) {
		why = nfit_check_struct(&t, off, &type, &slen);
		if (why != NFIT_OK) {
			/* A table that breaks a rule is not trusted at all. */
			nfit_trace(tracer, NFIT_STEP_TABLE, off, length, why, NULL);
			found->count = 0;
			return why;
		}
		if (type != NFIT_TYPE_SPA)
			continue; /* NVDIMM mappings, control regions, ...: not ours */
		why = nfit_decode_range(&t, off, &d);
		nfit_trace(tracer, NFIT_STEP_RANGE, off, d.range_index, why, why ? NULL : &d);
		if (why == NFIT_ZERO_LENGTH || why == NFIT_OVERFLOW)
			last = why; /* a RAM disk, but a broken one: say so */
		if (why != NFIT_OK)
			continue;
		if (found->count < NFIT_RAMDISKS_MAX)
			found->all[found->count] = d;
		if (!found->count || (d.kind == NFIT_CD && found->chosen.kind != NFIT_CD))
			found->chosen = d;
		found->count++;
	}
	return found->count ? NFIT_OK : last;
}
