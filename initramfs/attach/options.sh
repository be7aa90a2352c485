# shellcheck shell=sh disable=SC2034 # MD_* variables are shared with the other parts
# options.sh: memdisk-attach's own arguments and the kernel command line
# (sourced by memdisk-attach).
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   md_usage            the --help text
#   md_parse_args ARGS  sets MD_MOUNT MD_INFO MD_RW MD_TIMEOUT MD_DEBUG
#   md_read_cmdline     loads memdisk-cmdline.sh, parses rd.memdisk*
#                       (MEMDISK_OPT_*), settles MD_RW, MD_DEBUG,
#                       MD_TIMEOUT_CS and MD_SETTLE_CS; exits 1 when
#                       rd.memdisk=0 disables the toolkit
#
# Arguments win over the kernel command line; the command line wins over
# the built-in defaults.

md_usage() {
	cat <<'EOF_USAGE'
Usage: memdisk-attach [--mount DIR] [--info] [--rw] [--timeout SECONDS] [--debug]
Find the image syslinux MEMDISK left in memory, attach it with phram and print
its block device (e.g. /dev/mtdblock0).
  --mount DIR        also mount it read-only at DIR (type from blkid, else iso9660)
  --info             print MEMDISK_DEVICE= MEMDISK_START= ... shell assignments
  --rw               read-write block device (mtdblock instead of mtdblock_ro)
  --timeout SECONDS  wait at most this long for the block device (default 5)
  --debug            log each step on stderr
Exit status: 0 attached, 1 no MEMDISK (or rd.memdisk=0), 2 failure.
Kernel command line: rd.memdisk=0|1 rd.memdisk.rw rd.memdisk.erasesize=N
  rd.memdisk.phram=START,LEN rd.memdisk.timeout=SECONDS rd.memdisk.debug
  rd.memdisk.backend=auto|phram|copy (copy: into RAM, through a loop device;
  automatic when the kernel has no phram)
See memdisk-phram(7).
EOF_USAGE
}

md_parse_args() {
	MD_MOUNT=
	MD_INFO=0
	MD_RW=0
	MD_TIMEOUT=
	MD_DEBUG=${MEMDISK_DEBUG:-0}
	while [ $# -gt 0 ]; do
		case $1 in
		--mount)
			if [ $# -lt 2 ] || [ -z "$2" ]; then md_fail "--mount needs a directory"; fi
			MD_MOUNT=$2
			shift
			;;
		--mount=?*) MD_MOUNT=${1#--mount=} ;;
		--info) MD_INFO=1 ;;
		--rw) MD_RW=1 ;;
		--timeout)
			[ $# -ge 2 ] || md_fail "--timeout needs a number of seconds"
			MD_TIMEOUT=$2
			shift
			;;
		--timeout=*) MD_TIMEOUT=${1#--timeout=} ;;
		--debug) MD_DEBUG=1 ;;
		-h | --help)
			md_usage
			exit 0
			;;
		*)
			md_usage >&2
			md_fail "unknown argument: $1"
			;;
		esac
		shift
	done
}

# The command-line library: $MEMDISK_CMDLINE_LIB, else beside memdisk-attach,
# in the source tree, or in PKGLIBDIR.
md_read_cmdline() {
	MD_LIB=${MEMDISK_CMDLINE_LIB:-}
	if [ -z "$MD_LIB" ]; then
		for _c in "$SELFDIR/memdisk-cmdline.sh" "$SELFDIR/../kernel-cmdline/memdisk-cmdline.sh" \
			"$PKGLIBDIR/memdisk-cmdline.sh"; do
			if [ -r "$_c" ]; then
				MD_LIB=$_c
				break
			fi
		done
	fi
	if [ -z "$MD_LIB" ] || [ ! -r "$MD_LIB" ]; then
		md_fail "cannot find memdisk-cmdline.sh (beside $0 or in $PKGLIBDIR)"
	fi
	# Checked on its own (make lint lists it).
	# shellcheck source=/dev/null
	. "$MD_LIB"

	memdisk_cmdline_parse
	[ "$MEMDISK_OPT_DEBUG" = 1 ] && MD_DEBUG=1
	if [ -n "$MEMDISK_OPT_ERRORS" ]; then
		printf '%s\n' "$MEMDISK_OPT_ERRORS" | while IFS= read -r _l; do md_warn "$_l"; done
	fi
	[ "$MEMDISK_OPT_RW" = 1 ] && MD_RW=1

	# Timeout: --timeout, then $MEMDISK_TIMEOUT, then rd.memdisk.timeout=, then 5 s.
	[ -n "$MD_TIMEOUT" ] || MD_TIMEOUT=${MEMDISK_TIMEOUT:-}
	[ -n "$MD_TIMEOUT" ] || MD_TIMEOUT=${MEMDISK_OPT_TIMEOUT:-5}
	memdisk_seconds_to_cs "$MD_TIMEOUT" || md_fail "invalid timeout: $MD_TIMEOUT (seconds, e.g. 5 or 2.5)"
	MD_TIMEOUT_CS=$MEMDISK_NUM
	memdisk_seconds_to_cs "${MEMDISK_SETTLE:-0.2}" || md_fail "invalid MEMDISK_SETTLE: $MEMDISK_SETTLE"
	MD_SETTLE_CS=$MEMDISK_NUM

	if [ "$MEMDISK_OPT_ENABLE" = 0 ]; then
		md_debug "disabled by rd.memdisk=0"
		exit 1
	fi
}
