# shellcheck shell=sh disable=SC2034 # MD_* variables are shared with the other parts
# backend-copy.sh: the copy fallback for kernels without phram (Fedora, RHEL:
# no CONFIG_MTD_PHRAM): copy the RAM disk into a tmpfs of its own and attach
# the copy read-only through a loop device (sourced by memdisk-attach).
# SPDX-License-Identifier: GPL-2.0-or-later
#
# It costs RAM: the image's size once more, for as long as the system runs
# (MEMDISK's copy stays reserved too); memdisk-attach says how much. Chosen
# automatically when the running kernel has no phram (md_mod_absent),
# or asked for with rd.memdisk.backend=copy.
#
# The backend interface (as backend-phram.sh):
#   md_copy_reuse    0 when a loop device is backed by our copy already
#   md_copy_attach   copy MD_START/MD_LEN with memdisk-copy (mmap of
#                    /dev/mem), losetup it (read-only unless MD_RW); fails
#                    with one line after undoing what it did
#   md_copy_wait     wait (bounded by MD_TIMEOUT_CS) for /dev/loopN
#   md_copy_undo     detach, remove the copy, unmount its tmpfs
# and md_copy_available: memdisk-copy is there.
# MD_DEV is /dev/loopN; MD_DEVNODE the same under the test sysroot.
#
# The copy lives in /run/memdisk-phram/image, on a tmpfs sized to the image
# (initramfs-tools' /run is 10% of RAM): /run, with what is mounted below
# it, moves into the live system at switch_root. Tests: MEMDISK_COPY (the
# program), MEMDISK_MEM (a file standing in for physical memory).

MD_COPY_DIR=${MEMDISK_SYSROOT:-}/run/memdisk-phram
MD_COPY_FILE=$MD_COPY_DIR/image
MD_COPY_MOUNTED=0
MD_COPY_LOOP=0
MD_COPY_WHY=

# MD_COPY_PROG: memdisk-copy ($MEMDISK_COPY, beside memdisk-attach, in the
# source tree's build/, in PKGLIBDIR).
md_copy_available() {
	if [ -n "${MEMDISK_COPY:-}" ]; then
		MD_COPY_PROG=$MEMDISK_COPY
		[ -f "$MD_COPY_PROG" ] && [ -x "$MD_COPY_PROG" ]
		return
	fi
	for _c in "$SELFDIR/memdisk-copy" "$SELFDIR/../build/memdisk-copy" "$PKGLIBDIR/memdisk-copy"; do
		if [ -f "$_c" ] && [ -x "$_c" ]; then
			MD_COPY_PROG=$_c
			return 0
		fi
	done
	return 1
}

md_copy_devnames() {
	MD_DEV=/dev/loop$MD_N
	MD_DEVNODE=$DEV/loop$MD_N
}

# md_copy_find_loop: MD_N of the loop device backed by the copy.
md_copy_find_loop() {
	for _b in "$SYS"/block/loop*/loop/backing_file; do
		[ -r "$_b" ] || continue
		read -r _f <"$_b" || continue
		[ "$_f" = "$MD_COPY_FILE" ] || continue
		_l=${_b%/loop/backing_file}
		MD_N=${_l##*/loop}
		return 0
	done
	return 1
}

md_copy_reuse() {
	md_copy_find_loop || return 1
	md_debug "reusing loop$MD_N (backed by $MD_COPY_FILE)"
	md_copy_devnames
}

# Enough RAM for the copy, and some left for the live system (64 MiB).
md_copy_ram_check() {
	_avail=
	if [ -r "$PROC/meminfo" ]; then
		while read -r _k _v _; do
			[ "$_k" = MemAvailable: ] && _avail=$_v
		done <"$PROC/meminfo"
	fi
	[ -n "$_avail" ] || return 0
	_need_mib=$(((MD_LEN + 1048575) / 1048576))
	if [ $((_avail / 1024)) -lt $((_need_mib + 64)) ]; then
		md_fail "copying the image to RAM needs $_need_mib MiB (and 64 MiB to spare), only $((_avail / 1024)) MiB are available; give the machine more RAM${MD_COPY_WHY:+ ($MD_COPY_WHY)}"
	fi
}

md_copy_undo() {
	_what=
	if [ "$MD_COPY_LOOP" = 1 ] && [ -n "${MD_N:-}" ]; then
		"${MD_BIN}losetup" -d "/dev/loop$MD_N" >/dev/null 2>&1 && _what="loop$MD_N detached"
		MD_COPY_LOOP=0
	fi
	rm -f "$MD_COPY_FILE" 2>/dev/null
	if [ "$MD_COPY_MOUNTED" = 1 ]; then
		"${MD_BIN}umount" "$MD_COPY_DIR" >/dev/null 2>&1
		MD_COPY_MOUNTED=0
	fi
	MD_UNDONE="the copy was removed${_what:+, $_what}"
	return 0
}

md_copy_attach() {
	md_copy_available || md_fail "memdisk-copy is missing (beside $0 or in $PKGLIBDIR); reinstall memdisk-phram${MD_COPY_WHY:+ ($MD_COPY_WHY)}"
	_mib=$(((MD_LEN + 1048575) / 1048576))
	md_copy_ram_check
	mkdir -p "$MD_COPY_DIR" 2>/dev/null || md_fail "cannot create $MD_COPY_DIR"
	# A tmpfs just big enough (whole MiB, plus one for its own overhead).
	if ! _out=$("${MD_BIN}mount" -t tmpfs -o "size=$((_mib + 1))m,mode=0700" memdisk-copy "$MD_COPY_DIR" 2>&1); then
		md_fail "cannot mount a tmpfs on $MD_COPY_DIR for the copy: ${_out%%"$NL"*}"
	fi
	MD_COPY_MOUNTED=1
	md_debug "copying $(printf '0x%x' "$MD_LEN") bytes from $(printf '0x%x' "$MD_START") to $MD_COPY_FILE"
	if [ -n "${MEMDISK_MEM:-}" ]; then
		_out=$("$MD_COPY_PROG" --mem "$MEMDISK_MEM" "$MD_START" "$MD_LEN" "$MD_COPY_FILE" 2>&1)
	else
		_out=$("$MD_COPY_PROG" "$MD_START" "$MD_LEN" "$MD_COPY_FILE" 2>&1)
	fi
	_rc=$?
	if [ "$_rc" -ne 0 ]; then
		md_copy_undo
		md_fail "cannot copy the image to RAM (memdisk-copy exit $_rc): ${_out%%"$NL"*}; $MD_UNDONE"
	fi
	# The loop driver may be a module nobody loaded yet.
	if [ ! -d "$SYS/module/loop" ] && [ ! -e "$DEV/loop-control" ] && md_have "${MD_BIN}modprobe"; then
		"${MD_BIN}modprobe" loop >/dev/null 2>&1
	fi
	_ro=-r
	[ "$MD_RW" = 1 ] && _ro=
	# util-linux prints the device with --show; busybox has no --show: find
	# the device by its backing file then.
	# shellcheck disable=SC2086 # $_ro: zero or one word
	_out=$("${MD_BIN}losetup" $_ro -f --show "$MD_COPY_FILE" 2>&1)
	case $_out in
	/dev/loop[0-9]*)
		MD_N=${_out#/dev/loop}
		MD_N=${MD_N%%[!0-9]*}
		;;
	*)
		# shellcheck disable=SC2086
		"${MD_BIN}losetup" $_ro -f "$MD_COPY_FILE" >/dev/null 2>&1
		if ! md_copy_find_loop; then
			md_copy_undo
			md_fail "cannot attach the copy to a loop device: ${_out%%"$NL"*}; $MD_UNDONE"
		fi
		;;
	esac
	MD_COPY_LOOP=1
	md_copy_devnames
	if [ "$MD_RW" = 1 ]; then _how=read-write; else _how=read-only; fi
	md_warn "${MD_COPY_WHY:-copy backend}: the image was copied to RAM ($_mib MiB more in use) and attached $_how as $MD_DEV"
}

# The node exists (made from sysfs when /dev is no devtmpfs).
md_copy_ready() {
	[ -e "$DEV/loop$MD_N" ] && return 0
	[ -r "$SYS/block/loop$MD_N/dev" ] || return 1
	read -r _mm <"$SYS/block/loop$MD_N/dev" || return 1
	"${MD_BIN}mknod" "$DEV/loop$MD_N" b "${_mm%:*}" "${_mm#*:}" 2>/dev/null
	[ -e "$DEV/loop$MD_N" ]
}

md_copy_wait() {
	md_wait "$MD_TIMEOUT_CS" md_copy_ready && return 0
	if [ "$MD_REUSED" = 1 ]; then
		md_fail "$MD_DEV (attached before us) has no device node after $MD_TIMEOUT s"
	fi
	md_copy_undo
	md_fail "$MD_DEV did not appear within $MD_TIMEOUT s; $MD_UNDONE"
}
