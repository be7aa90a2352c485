// SPDX-License-Identifier: GPL-2.0-or-later
#include "memdisk.h"
#include "nfit.h"

/* Short phrases, shown after "rejected:" in verbose output. */
static const char *const reason_text[MEMDISK_REASON_COUNT] = {
    [MEMDISK_OK] = "valid",
    [MEMDISK_NO_TABLE] = "no mBFT found",
    [MEMDISK_TABLE_OUTSIDE] = "table outside the window",
    [MEMDISK_BAD_SIGNATURE] = "no mBFT signature",
    [MEMDISK_LENGTH_SHORT] = "length < 66",
    [MEMDISK_LENGTH_PAST_END] = "length runs past the window",
    [MEMDISK_LENGTH_MISMATCH] = "length != MDI bytes + 40",
    [MEMDISK_BAD_CHECKSUM] = "bad checksum",
    [MEMDISK_ZERO_SIZE] = "disk size 0",
    [MEMDISK_BAD_SECTOR_SHIFT] = "sector shift not 9 or 11",
    [MEMDISK_ABOVE_4G] = "image ends above 4 GiB",
    [MEMDISK_CMDLINE_OUTSIDE] = "command line outside the window",
    [MEMDISK_VECTOR_OUTSIDE] = "outside the window",
    [MEMDISK_NOT_SAFE_HOOK] = "no $INT13SF safe hook",
    [MEMDISK_OTHER_HOOK] = "another loader's hook, following old_hook",
    [MEMDISK_HOOK_CHAIN_TOO_LONG] = "too many chained hooks",
};

const char *memdisk_reason_text(enum memdisk_reason reason)
{
	if ((unsigned)reason >= MEMDISK_REASON_COUNT)
		return "unknown";
	return reason_text[reason];
}

static const char *const nfit_text[NFIT_REASON_COUNT] = {
    [NFIT_OK] = "valid",
    [NFIT_NO_RAMDISK] = "no RAM-disk range",
    [NFIT_TRUNCATED] = "shorter than an ACPI header",
    [NFIT_BAD_SIGNATURE] = "no NFIT signature",
    [NFIT_LENGTH_SHORT] = "length < 40",
    [NFIT_LENGTH_PAST_END] = "length runs past the end of the data",
    [NFIT_BAD_CHECKSUM] = "bad checksum",
    [NFIT_STRUCT_SHORT] = "structure length < 4",
    [NFIT_STRUCT_PAST_END] = "structure runs past the table",
    [NFIT_SPA_SHORT] = "SPA range structure too short",
    [NFIT_PERSISTENT_MEMORY] = "persistent memory (NVDIMM), not a RAM disk",
    [NFIT_NOT_RAMDISK] = "not a RAM-disk range type",
    [NFIT_ZERO_LENGTH] = "RAM disk of 0 bytes",
    [NFIT_OVERFLOW] = "base + length overflows",
};

const char *nfit_reason_text(enum nfit_reason reason)
{
	if ((unsigned)reason >= NFIT_REASON_COUNT)
		return "unknown";
	return nfit_text[reason];
}
