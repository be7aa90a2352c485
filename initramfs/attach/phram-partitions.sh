# shellcheck shell=sh disable=SC2034 # MD_* variables are shared with the other parts
# phram-partitions.sh: one phram device per partition of a MEMDISK disk image.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Sourced by memdisk-attach (not run), only when memdisk-probe is installed:
# it uses the other parts' helpers (md_debug, md_fail, md_wait, md_quote;
# backend-phram.sh's md_phram_set, md_block, md_block_ready,
# md_kernel_reason, md_phram_devnames; md_probe, md_mount) and variables
# (SELFDIR, PKGLIBDIR, SYS, DEV, MD_N, MD_MTD, MD_DEV, MD_DEVNODE,
# MD_SETTLE_CS, MD_TIMEOUT_CS, MD_MOUNT, MD_INFO, MD_FSTYPE, MD_LABEL,
# MD_UUID).
#
# mtdblock devices are never partition-scanned by the kernel, so a disk image
# (MEMDISK "harddisk": MBR or GPT) attached whole is a disk no one can mount.
# memdisk-probe (libblkid) says what the image holds: a whole-image file
# system (ISO, isohybrid ISO, superfloppy) is attached whole as before; a
# partition table gives one phram device per partition, named memdisk_pN,
# each its own /dev/mtdblockM (the udev rule adds /dev/memdisk-partN and the
# by-label/by-uuid links).
#
#   memdisk_attach_parts   returns 1 when the image is to be attached whole
#                          (no memdisk-probe, no usable table, probe failed);
#                          else attaches every partition and prints the block
#                          devices (or, with --info, shell assignments), and
#                          returns 0. Failures end the program (md_fail).
#
# Environment for tests: MEMDISK_PROBE (the probe program).

# Set MDP_PROBE to memdisk-probe: beside memdisk-attach, in the source tree's
# build/, in PKGLIBDIR, or $MEMDISK_PROBE.
mdp_find_probe() {
	if [ -n "${MEMDISK_PROBE:-}" ]; then
		MDP_PROBE=$MEMDISK_PROBE
		[ -f "$MDP_PROBE" ] && [ -x "$MDP_PROBE" ]
		return
	fi
	for _mdp_c in "$SELFDIR/memdisk-probe" "$SELFDIR/../build/memdisk-probe" "$PKGLIBDIR/memdisk-probe"; do
		if [ -f "$_mdp_c" ] && [ -x "$_mdp_c" ]; then
			MDP_PROBE=$_mdp_c
			return 0
		fi
	done
	return 1
}

# mdp_find_mtd NAME: set MD_MTD (mtdN) to the RAM MTD device called NAME.
mdp_find_mtd() {
	for _mdp_d in "$SYS"/class/mtd/mtd*; do
		case ${_mdp_d##*/} in mtd*ro) continue ;; esac
		[ -r "$_mdp_d/name" ] || continue
		read -r _mdp_mn <"$_mdp_d/name" || continue
		[ "$_mdp_mn" = "$1" ] || continue
		_mdp_type=
		[ -r "$_mdp_d/type" ] && read -r _mdp_type <"$_mdp_d/type"
		[ "$_mdp_type" = ram ] || continue
		MD_MTD=${_mdp_d##*/}
		return 0
	done
	return 1
}

# mdp_attach_one NAME,START,LEN,ERASESIZE: attach one partition (or reuse it
# when another hook did) and wait for its block device. Sets MD_N.
mdp_attach_one() {
	_mdp_name=${1%%,*}
	if mdp_find_mtd "$_mdp_name"; then
		md_debug "reusing $MD_MTD (already named $_mdp_name)"
	else
		md_phram_set "$1"
		case $? in 0) ;; *) md_fail "$MD_ERR" ;; esac
		# A write to the sysfs parameter registers the device at once on a
		# real kernel; MD_SETTLE_CS only matters for fake ones.
		if ! md_wait "$MD_SETTLE_CS" mdp_find_mtd "$_mdp_name"; then
			md_kernel_reason
			_mdp_v3=${1%,*}
			case $MD_REASON in
			*"too many"*)
				# Before Linux 5.11 phram takes no erasesize.
				md_debug "phram refused 4 fields; retrying with $_mdp_v3"
				md_phram_set "$_mdp_v3"
				md_wait "$MD_SETTLE_CS" mdp_find_mtd "$_mdp_name" ||
					md_fail "phram rejected $_mdp_v3 (partition ${_mdp_name#memdisk_p}): ${MD_REASON:-no reason in the kernel log}"
				;;
			*)
				md_fail "phram rejected $1 (partition ${_mdp_name#memdisk_p}): ${MD_REASON:-no reason in the kernel log}; earlier partitions stay attached"
				;;
			esac
		fi
	fi
	MD_N=${MD_MTD#mtd}
	md_phram_devnames
	md_block
	md_wait "$MD_TIMEOUT_CS" md_block_ready ||
		md_fail "/dev/mtdblock$MD_N did not appear within the timeout (MTD device $MD_MTD '$_mdp_name')"
	md_debug "$_mdp_name is /dev/mtdblock$MD_N"
}

memdisk_attach_parts() {
	mdp_find_probe || return 1
	md_debug "running $MDP_PROBE --phram"
	_mdp_lines=$("$MDP_PROBE" --phram 2>/dev/null)
	_mdp_rc=$?
	if [ "$_mdp_rc" -ne 0 ]; then
		md_debug "memdisk-probe exit $_mdp_rc: attaching the whole image"
		return 1
	fi
	# memdisk,... means one volume: the caller attaches it as before.
	case $_mdp_lines in memdisk_p[0-9]*) ;; *) return 1 ;; esac
	# For --info and --mount: memdisk-probe's view of each partition
	# (MEMDISK_Pn_FSTYPE ...), its values single-quoted by the program.
	if [ "${MD_INFO:-0}" = 1 ] || [ -n "$MD_MOUNT" ]; then
		_mdp_sh=$("$MDP_PROBE" --shell 2>/dev/null) && eval "$_mdp_sh"
	fi
	MDP_DEVICES=
	MDP_FIRST=
	MDP_MAIN=
	MDP_MAIN_FS=
	MDP_ASSIGN=
	_mdp_old_ifs=$IFS
	IFS='
'
	set -f
	# One phram value per line; globbing is off.
	# shellcheck disable=SC2086
	set -- $_mdp_lines
	set +f
	IFS=$_mdp_old_ifs
	for _mdp_line in "$@"; do
		case $_mdp_line in
		memdisk_p[0-9]*,*,*,*) ;;
		*) md_fail "cannot understand memdisk-probe's answer: $_mdp_line" ;;
		esac
		_mdp_p=${_mdp_line%%,*}
		_mdp_p=${_mdp_p#memdisk_p}
		case $_mdp_p in *[!0-9]*) md_fail "cannot understand memdisk-probe's answer: $_mdp_line" ;; esac
		mdp_attach_one "$_mdp_line"
		MDP_DEVICES="$MDP_DEVICES /dev/mtdblock$MD_N"
		[ -n "$MDP_FIRST" ] || MDP_FIRST=$MD_N
		if [ "${MD_INFO:-0}" = 1 ] || [ -n "$MD_MOUNT" ]; then
			md_probe
			# No blkid in the initramfs: what memdisk-probe saw (the
			# partition number is digits only, checked above).
			if [ -z "$MD_FSTYPE" ]; then
				eval "MD_FSTYPE=\${MEMDISK_P${_mdp_p}_FSTYPE:-}"
				eval "MD_LABEL=\${MEMDISK_P${_mdp_p}_LABEL:-}"
				eval "MD_UUID=\${MEMDISK_P${_mdp_p}_UUID:-}"
			fi
			MDP_ASSIGN="${MDP_ASSIGN}MEMDISK_P${_mdp_p}_DEVICE=/dev/mtdblock$MD_N
MEMDISK_P${_mdp_p}_MTD=$MD_MTD
MEMDISK_P${_mdp_p}_FSTYPE=$(md_quote "$MD_FSTYPE")
MEMDISK_P${_mdp_p}_LABEL=$(md_quote "$MD_LABEL")
MEMDISK_P${_mdp_p}_UUID=$(md_quote "$MD_UUID")
"
			# MEMDISK_DEVICE and --mount: the first partition with a file
			# system.
			if [ -n "$MD_FSTYPE" ] && [ -z "$MDP_MAIN" ]; then
				MDP_MAIN=/dev/mtdblock$MD_N
				MDP_MAIN_FS="MEMDISK_FSTYPE=$(md_quote "$MD_FSTYPE")
MEMDISK_LABEL=$(md_quote "$MD_LABEL")
MEMDISK_UUID=$(md_quote "$MD_UUID")"
				[ -z "$MD_MOUNT" ] || md_mount
			fi
		fi
	done
	if [ -n "$MD_MOUNT" ] && [ -z "$MDP_MAIN" ]; then
		md_fail "no partition with a file system to mount on $MD_MOUNT (partitions:$MDP_DEVICES)"
	fi
	if [ "${MD_INFO:-0}" = 1 ]; then
		printf 'MEMDISK_DEVICE=%s\n' "$(md_quote "${MDP_MAIN:-/dev/mtdblock$MDP_FIRST}")"
		printf 'MEMDISK_START=%s\n' "$(md_quote "$(printf '0x%x' "$MD_START")")"
		printf 'MEMDISK_SIZE=%s\n' "$(md_quote "$(printf '0x%x' "$MD_LEN")")"
		printf '%s\n' "${MDP_MAIN_FS:-MEMDISK_FSTYPE=''
MEMDISK_LABEL=''
MEMDISK_UUID=''}"
		printf 'MEMDISK_REUSED=0\nMEMDISK_PARTS=%s\n' "$(md_quote "${MDP_DEVICES# }")"
		printf '%s' "$MDP_ASSIGN"
	else
		for _mdp_d in $MDP_DEVICES; do
			printf '%s\n' "$_mdp_d"
		done
	fi
	return 0
}
