# shellcheck shell=sh disable=SC2034 # MD_* variables are shared with the other parts
# find-nfit.sh: the RAM disk a UEFI firmware left in memory, from the ACPI
# NFIT (sourced by memdisk-attach).
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   md_find_nfit        sets MD_START, MD_LEN (the RAM disk's exact bytes),
#                       MD_KIND (cd or disk) and MD_SOURCE=nfit. Returns 0
#                       found, 1 none, 2 cannot tell (MD_ERR says why).
#   md_nfit_phram_range MD_LEN rounded up to whole 4 KiB pages and MD_ES,
#                       for phram (the fallback when nd_pmem is not there)
#
# UEFI HTTP Boot (and other EDK2 RAM disks) register the image in the NFIT as
# a Virtual CD or Virtual Disk range. Linux shows the table at
# /sys/firmware/acpi/tables/NFIT: no NFIT, no RAM disk, and nothing is run.
# memdiskfind --source nfit parses it (only the RAM-disk range types count: a
# real NVDIMM is never taken for the medium).

md_find_nfit() {
	MD_KIND='' MD_SOURCE=nfit
	if [ ! -e "$SYS/firmware/acpi/tables/NFIT" ]; then
		md_debug "no ACPI NFIT: no firmware RAM disk"
		return 1
	fi
	if ! md_finder; then
		MD_ERR="memdiskfind not found (beside $0, in $PKGLIBDIR or in PATH)"
		return 2
	fi
	md_debug "running $MD_FINDER --source nfit --shell"
	_out=$("$MD_FINDER" --source nfit --shell 2>&1)
	_rc=$?
	md_debug "memdiskfind exit $_rc: $_out"
	case $_rc in
	0) ;;
	1) return 1 ;;
	2)
		MD_ERR="cannot read the ACPI NFIT: ${_out%%"$NL"*}"
		return 2
		;;
	64)
		# syslinux's memdiskfind, or ours from before the NFIT: it cannot
		# tell, and a boot without a RAM disk must stay quiet.
		md_warn "the ACPI NFIT may hold a RAM disk, but $MD_FINDER cannot read it (no --source nfit); install memdisk-phram's memdiskfind"
		return 1
		;;
	*)
		MD_ERR="$MD_FINDER failed (exit $_rc)${_out:+: ${_out%%"$NL"*}}"
		return 2
		;;
	esac
	_s='' _n=''
	set -f
	# One assignment per line (no value here holds a space); globbing is off.
	# shellcheck disable=SC2086
	for _l in $_out; do
		case $_l in
		MEMDISK_START=*) _s=${_l#*=} ;;
		MEMDISK_SIZE=*) _n=${_l#*=} ;;
		MEMDISK_KIND=cd | MEMDISK_KIND=disk) MD_KIND=${_l#*=} ;;
		esac
	done
	set +f
	if [ -n "$MD_KIND" ] && memdisk_parse_number "$_s" && MD_START=$MEMDISK_NUM &&
		memdisk_parse_number "$_n" && MD_LEN=$MEMDISK_NUM && [ "$MD_LEN" -gt 0 ]; then
		md_debug "NFIT RAM disk ($MD_KIND) at $(printf '0x%x' "$MD_START"), $MD_LEN bytes"
		return 0
	fi
	MD_ERR="cannot understand memdiskfind's answer: ${_out%%"$NL"*}"
	return 2
}

# The firmware allocates whole pages for its RAM disk; phram maps whole pages.
md_nfit_phram_range() {
	MD_LEN=$(((MD_LEN + 4095) / 4096 * 4096))
	MD_ES=4096
}
