// SPDX-License-Identifier: GPL-2.0-or-later
#include "memdisk.h"
#include "nfit.h"

#include <string.h>

/*
 * Short phrases, shown after a candidate in verbose output, one per reason in
 * the enum's order. Packed one after another rather than in an array of
 * pointers, which costs 8 bytes an entry in the static binary.
 */
static const char memdisk_text[] = "valid\0"
				   "no mBFT found\0"
				   "table outside the window\0"
				   "no mBFT signature\0"
				   "length < 66\0"
				   "length runs past the window\0"
				   "length != MDI bytes + 40\0"
				   "bad checksum\0"
				   "disk size 0\0"
				   "sector shift not 9 or 11\0"
				   "image ends above 4 GiB\0"
				   "command line outside the window\0"
				   "outside the window\0"
				   "no $INT13SF safe hook\0"
				   "another loader's hook, following old_hook\0"
				   "too many chained hooks";

static const char nfit_text[] = "valid\0"
				"no RAM-disk range\0"
				"shorter than a header\0"
				"no NFIT signature\0"
				"length < 40\0"
				"length runs past the data\0"
				"bad checksum\0"
				"structure length < 4\0"
				"structure runs past the table\0"
				"SPA range too short\0"
				"persistent memory (NVDIMM), not a RAM disk\0"
				"not a RAM-disk range\0"
				"length 0\0"
				"base + length overflows";

/* The n-th of count packed phrases. */
static const char *phrase(const char *text, unsigned int n, unsigned int count)
{
	if (n >= count)
		return "unknown";
	while (n--)
		text += strlen(text) + 1;
	return text;
}

const char *memdisk_reason_text(enum memdisk_reason reason)
{
	return phrase(memdisk_text, (unsigned int)reason, MEMDISK_REASON_COUNT);
}

const char *nfit_reason_text(enum nfit_reason reason)
{
	return phrase(nfit_text, (unsigned int)reason, NFIT_REASON_COUNT);
}
