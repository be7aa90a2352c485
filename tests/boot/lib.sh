# shellcheck shell=sh
# tests/boot/lib.sh: the boot-test library, sourced by every QEMU boot test.
# POSIX sh (dash, bash, busybox ash). Functions whose results are global
# variables run in the caller's shell; the others run in a subshell "( ... )"
# so that their temporaries stay private without `local`.
#
#   boot_kernel [SERIES]           KDIR KVER VMLINUZ of Debian's kernel (6.1, 6.12)
#   boot_busybox_initramfs OUT INIT [MODULE...]
#                                  minimal busybox initramfs for $KDIR/$KVER
#   boot_isolinux_tree DIR APPEND  isolinux files and isolinux.cfg in DIR
#   boot_mkiso DIR OUT.iso LABEL   El Torito no-emulation ISO (xorriso)
#   boot_pad_odd ISO, boot_pad_even ISO
#                                  make the 2 KiB sector count odd / even
#   boot_qemu_memdisk LOG TIMEOUT ISO "MEMDISK ARGS" [QEMU ARGS...]
#   boot_qemu_cdrom LOG TIMEOUT ISO [QEMU ARGS...]
#   boot_qemu_kernel LOG TIMEOUT KERNEL INITRD APPEND [QEMU ARGS...]
#                                  boot under TCG with a hard timeout; set
#                                  BOOT_RC (124: timeout) and BOOT_SECONDS
#   boot_expect LOG REGEX          grep -E on the serial log
#   boot_result NAME STATUS SECONDS LOG [REASON]
#                                  print "ok NAME (N.N s)" / "FAIL NAME: ..."
#   boot_summary                   "N passed, N failed"; non-zero on failure
#   boot_key STRING|FILE...        content hash, to cache built artifacts
#
# Environment: BOOT_MEM (guest MiB, default 1024), BOOT_OUT (work and log
# directory, default tests/boot/out), BOOT_QEMU (default qemu-system-x86_64),
# MEMDISK (default /usr/lib/syslinux/memdisk), BOOT_VERBOSE=1 (trace builds).

# The tree's top: BOOT_TOP, else the first parent of the calling script (then
# of the working directory) that holds tests/boot/lib.sh.
if [ -z "${BOOT_TOP:-}" ]; then
	for BOOT_TOP in "$(cd "$(dirname "$0")" 2>/dev/null && pwd)" "$(pwd)"; do
		while [ -n "$BOOT_TOP" ] && [ "$BOOT_TOP" != / ] && [ ! -f "$BOOT_TOP/tests/boot/lib.sh" ]; do
			BOOT_TOP=$(dirname "$BOOT_TOP")
		done
		[ -f "$BOOT_TOP/tests/boot/lib.sh" ] && break
	done
fi
[ -f "$BOOT_TOP/tests/boot/lib.sh" ] || {
	echo "boot: cannot find the source tree (set BOOT_TOP)" >&2
	exit 1
}
BOOT_LIBDIR=$BOOT_TOP/tests/boot
BOOT_OUT=${BOOT_OUT:-$BOOT_TOP/tests/boot/out}
BOOT_QEMU=${BOOT_QEMU:-qemu-system-x86_64}
MEMDISK=${MEMDISK:-/usr/lib/syslinux/memdisk}
BOOT_ISOLINUX_BIN=${BOOT_ISOLINUX_BIN:-/usr/lib/ISOLINUX/isolinux.bin}
BOOT_LDLINUX=${BOOT_LDLINUX:-/usr/lib/syslinux/modules/bios/ldlinux.c32}
BOOT_PASSED=${BOOT_PASSED:-0}
BOOT_FAILED=${BOOT_FAILED:-0}
BOOT_SKIPPED=${BOOT_SKIPPED:-0}
mkdir -p "$BOOT_OUT"

boot_log() {
	echo "boot: $*" >&2
}

boot_die() {
	echo "boot: error: $*" >&2
	exit 1
}

# Seconds since the epoch with a fraction (GNU date).
boot_now() {
	date +%s.%N
}

# boot_elapsed START: seconds since START, one decimal.
boot_elapsed() {
	awk -v s="$1" -v e="$(boot_now)" 'BEGIN { printf "%.1f", e - s }'
}

# boot_key ARG...: a short hash of the arguments; an argument naming an
# existing file contributes the file's content instead of its name.
boot_key() (
	for a in "$@"; do
		if [ -f "$a" ]; then
			sha256sum <"$a"
		else
			printf '%s\n' "$a"
		fi
	done | sha256sum | cut -c1-16
)

# boot_kernel [SERIES]: unpacked Debian kernel (tests/boot/fetch-kernel).
boot_kernel() {
	KDIR=$("$BOOT_LIBDIR/fetch-kernel" "${1:-6.1}") || boot_die "cannot fetch kernel ${1:-6.1}"
	KVER=$(cat "$KDIR/kver")
	VMLINUZ=$KDIR/boot/vmlinuz-$KVER
	[ -f "$VMLINUZ" ] || boot_die "no $VMLINUZ"
	export KDIR KVER VMLINUZ
}

# _boot_copy_exec FILE ROOT DEST: copy a program to ROOT/DEST with the shared
# libraries it needs (none for a static binary).
_boot_copy_exec() (
	mkdir -p "$2$(dirname "$3")"
	cp -L "$1" "$2$3"
	chmod 0755 "$2$3"
	ldd "$1" 2>/dev/null | sed -n 's/.*[[:space:]]\(\/[^[:space:]]*\)[[:space:]](0x.*/\1/p' |
		while read -r lib; do
			mkdir -p "$2$(dirname "$lib")"
			cp -L "$lib" "$2$lib"
		done
)

# _boot_module_paths NAME...: the modules.dep paths (relative to the module
# directory) of the modules and of everything they depend on, one per line.
# Names match with '-' and '_' interchangeable; built-in modules are skipped.
_boot_module_paths() (
	moddir=$KDIR/lib/modules/$KVER
	all=
	for m in "$@"; do
		n=$(echo "$m" | tr - _)
		line=$(awk -v n="$n" -F: '{
			b = $1; sub(/.*\//, "", b); sub(/\.ko(\.[a-z]+)?$/, "", b); gsub(/-/, "_", b)
			if (b == n) { print; exit }
		}' "$moddir/modules.dep")
		if [ -z "$line" ]; then
			if sed 's/.*\///; s/\.ko$//' "$moddir/modules.builtin" | tr - _ | grep -qx "$n"; then
				continue
			fi
			echo "boot: module $m not found for $KVER" >&2
			exit 1
		fi
		all="$all $(echo "$line" | tr ':' ' ')"
	done
	# shellcheck disable=SC2086 # one path per word
	[ -z "$all" ] || printf '%s\n' $all | sort -u
)

# boot_busybox_initramfs OUT INIT [MODULE...]: a gzip'ed newc cpio archive at
# OUT with busybox-static and its applet links, the named modules of
# $KDIR/$KVER (and their dependencies, decompressed, depmod run), the
# project's runtime under /usr/lib/memdisk-phram (what exists of it) and INIT
# as /init. Rebuilt only when an input changed (OUT.key).
boot_busybox_initramfs() {
	[ -n "${KDIR:-}" ] || boot_kernel "${BOOT_SERIES:-6.1}"
	_bi_out=$1
	_bi_init=$2
	shift 2
	_bi_finder=
	for _bi_f in "$BOOT_TOP/build/memdiskfind.static" "$BOOT_TOP/build/memdiskfind"; do
		if [ -f "$_bi_f" ]; then
			_bi_finder=$_bi_f
			break
		fi
	done
	# The extra files count by content, like every other input.
	_bi_extra=
	for _bi_f in ${BOOT_INITRAMFS_EXTRA:-}; do
		_bi_extra="$_bi_extra ${_bi_f%%:*}"
	done
	# shellcheck disable=SC2086,SC2046 # $_bi_extra, the sources: one file per word
	_bi_key=$(boot_key v1 "$KVER" "$_bi_init" /bin/busybox "$@" \
		"finder:$_bi_finder" ${_bi_finder:+"$_bi_finder"} \
		$(boot_runtime_sources) "extra:${BOOT_INITRAMFS_EXTRA:-}" $_bi_extra)
	if [ -f "$_bi_out" ] && [ "$(cat "$_bi_out.key" 2>/dev/null)" = "$_bi_key" ]; then
		return 0
	fi
	_boot_build_initramfs "$_bi_out" "$_bi_init" "$_bi_finder" "$@" || return 1
	echo "$_bi_key" >"$_bi_out.key"
}

_boot_build_initramfs() (
	set -e
	out=$1
	init=$2
	finder=$3
	shift 3
	mkdir -p "$(dirname "$out")"
	root=$(mktemp -d "$BOOT_OUT/initramfs.XXXXXX")
	trap 'rm -rf "$root"' EXIT
	mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin" "$root/dev" "$root/proc" \
		"$root/sys" "$root/mnt" "$root/tmp" "$root/run" "$root/etc" "$root/usr/lib/memdisk-phram"
	cp /bin/busybox "$root/bin/busybox"
	# Applet links, relative to /bin/busybox (the list names usr/bin/x, sbin/x, ...).
	/bin/busybox --list-full | while read -r applet; do
		[ -e "$root/$applet" ] && continue
		case "$applet" in
		*/*/*) ln -s ../../bin/busybox "$root/$applet" ;;
		bin/busybox) ;;
		*) ln -s ../bin/busybox "$root/$applet" ;;
		esac
	done
	# Kernel modules: decompressed (busybox's insmod may lack xz), then a
	# depmod on the staging tree so that modules.dep names the .ko files.
	if [ $# -gt 0 ]; then
		src=$KDIR/lib/modules/$KVER
		dst=$root/lib/modules/$KVER
		mkdir -p "$dst"
		paths=$(_boot_module_paths "$@")
		for p in $paths; do
			mkdir -p "$dst/$(dirname "$p")"
			case "$p" in
			*.ko.xz) xz -dc "$src/$p" >"$dst/${p%.xz}" ;;
			*.ko.zst) zstd -qdc "$src/$p" >"$dst/${p%.zst}" ;;
			*.ko.gz) gzip -dc "$src/$p" >"$dst/${p%.gz}" ;;
			*) cp "$src/$p" "$dst/$p" ;;
			esac
		done
		for f in modules.builtin modules.builtin.modinfo modules.order; do
			[ -f "$src/$f" ] && cp "$src/$f" "$dst/$f"
		done
		depmod -b "$root" "$KVER"
	fi
	# The runtime, where the tree has it.
	lib=$root/usr/lib/memdisk-phram
	if [ -n "$finder" ]; then
		_boot_copy_exec "$finder" "$root" /usr/lib/memdisk-phram/memdiskfind
	fi
	"$BOOT_TOP/build-aux/stage-runtime" -k exec,lib "$lib"
	# Extra files for tests: "SRC:DEST SRC:DEST" (programs get their libraries).
	for pair in ${BOOT_INITRAMFS_EXTRA:-}; do
		_boot_copy_exec "${pair%%:*}" "$root" "${pair#*:}"
	done
	cp "$init" "$root/init"
	chmod 0755 "$root/init"
	(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -1 >"$out.tmp"
	mv "$out.tmp" "$out"
)

# boot_runtime_sources: the tree's files of the runtime (memdisk-attach, its
# parts, the command-line library, the list), for cache keys.
boot_runtime_sources() {
	"$BOOT_TOP/build-aux/stage-runtime" -k exec,lib --sources
}

# boot_isolinux_tree DIR APPEND: isolinux.bin, ldlinux.c32 and an isolinux.cfg
# (serial console, no prompt) booting /boot/vmlinuz with /boot/initrd.img.
boot_isolinux_tree() (
	set -e
	mkdir -p "$1/isolinux" "$1/boot"
	cp "$BOOT_ISOLINUX_BIN" "$1/isolinux/isolinux.bin"
	cp "$BOOT_LDLINUX" "$1/isolinux/ldlinux.c32"
	cat >"$1/isolinux/isolinux.cfg" <<EOF
SERIAL 0 115200
DEFAULT linux
PROMPT 0
TIMEOUT 0
LABEL linux
  KERNEL /boot/vmlinuz
  INITRD /boot/initrd.img
  APPEND $2
EOF
)

# boot_mkiso DIR OUT.iso LABEL
boot_mkiso() (
	set -e
	mkdir -p "$(dirname "$2")"
	xorriso -as mkisofs -quiet -o "$2.tmp" -V "$3" -J -R \
		-b isolinux/isolinux.bin -c isolinux/boot.cat \
		-no-emul-boot -boot-load-size 4 -boot-info-table "$1" 2>&1 |
		grep -v -e '^xorriso : UPDATE' -e '^xorriso [0-9.]* : RockRidge' >&2 || true
	[ -s "$2.tmp" ] || exit 1
	mv "$2.tmp" "$2"
)

# _boot_pad ISO PARITY(0 even, 1 odd): round up to whole 2 KiB sectors, then
# add one sector when the count has the wrong parity. Zero sectors past the
# end of an ISO 9660 image are ignored by readers.
_boot_pad() (
	size=$(stat -c %s "$1")
	sectors=$(((size + 2047) / 2048))
	[ $((sectors % 2)) -eq "$2" ] || sectors=$((sectors + 1))
	truncate -s $((sectors * 2048)) "$1"
)
boot_pad_odd() { _boot_pad "$1" 1; }
boot_pad_even() { _boot_pad "$1" 0; }

# _boot_qemu LOG TIMEOUT QEMU-ARGS...: one TCG boot. -nodefaults drops the NIC
# (its option ROM costs seconds) and the VGA card; graphics=off makes SeaBIOS
# copy the BIOS console to the serial port, so MEMDISK's own messages ("Ramdisk
# at 0x..., length 0x...") reach LOG too.
_boot_qemu() {
	_bq_log=$1
	_bq_timeout=$2
	shift 2
	mkdir -p "$(dirname "$_bq_log")"
	: >"$_bq_log"
	_bq_start=$(boot_now)
	BOOT_RC=0
	timeout --kill-after=5 "$_bq_timeout" "$BOOT_QEMU" -machine pc,accel=tcg,graphics=off -nodefaults \
		-m "${BOOT_MEM:-1024}" -display none -no-reboot -monitor none \
		-serial "file:$_bq_log" "$@" </dev/null >"$_bq_log.qemu" 2>&1 || BOOT_RC=$?
	BOOT_SECONDS=$(boot_elapsed "$_bq_start")
	if [ "$BOOT_RC" -eq 124 ] || [ "$BOOT_RC" -eq 137 ]; then
		echo "boot: TIMEOUT after ${_bq_timeout}s" >>"$_bq_log"
		BOOT_RC=124
	fi
	[ "${BOOT_VERBOSE:-0}" = 1 ] && boot_log "qemu rc=$BOOT_RC in ${BOOT_SECONDS}s, log $_bq_log"
	return 0
}

# boot_qemu_memdisk LOG TIMEOUT ISO "MEMDISK ARGS" [QEMU ARGS...]
boot_qemu_memdisk() {
	_bm_log=$1
	_bm_timeout=$2
	_bm_iso=$3
	_bm_args=$4
	shift 4
	_boot_qemu "$_bm_log" "$_bm_timeout" -kernel "$MEMDISK" -initrd "$_bm_iso" -append "$_bm_args" "$@"
}

# boot_qemu_cdrom LOG TIMEOUT ISO [QEMU ARGS...]: the ISO as an IDE CD-ROM.
boot_qemu_cdrom() {
	_bc_log=$1
	_bc_timeout=$2
	_bc_iso=$3
	shift 3
	_boot_qemu "$_bc_log" "$_bc_timeout" -drive "file=$_bc_iso,media=cdrom,readonly=on,if=ide" -boot d "$@"
}

# boot_qemu_kernel LOG TIMEOUT KERNEL INITRD APPEND [QEMU ARGS...]: direct
# kernel boot, no MEMDISK in memory.
boot_qemu_kernel() {
	_bk_log=$1
	_bk_timeout=$2
	_bk_kernel=$3
	_bk_initrd=$4
	_bk_append=$5
	shift 5
	_boot_qemu "$_bk_log" "$_bk_timeout" -kernel "$_bk_kernel" -initrd "$_bk_initrd" -append "$_bk_append" "$@"
}

# boot_expect LOG REGEX: the serial log has a line matching REGEX (serial
# output ends lines with CR LF: strip the CR first).
boot_expect() {
	tr -d '\r' <"$1" | grep -Eq -- "$2"
}

# boot_result NAME STATUS SECONDS LOG [REASON]: STATUS 0 is a pass.
boot_result() {
	if [ "$2" -eq 0 ]; then
		BOOT_PASSED=$((BOOT_PASSED + 1))
		echo "ok $1 ($3 s)"
	else
		BOOT_FAILED=$((BOOT_FAILED + 1))
		echo "FAIL $1: ${5:-status $2} ($3 s), log: $4"
	fi
}

# boot_summary: the runner's last line; non-zero when anything failed.
boot_summary() {
	if [ "$BOOT_SKIPPED" -gt 0 ]; then
		echo "$BOOT_PASSED passed, $BOOT_FAILED failed, $BOOT_SKIPPED skipped"
	else
		echo "$BOOT_PASSED passed, $BOOT_FAILED failed"
	fi
	[ "$BOOT_FAILED" -eq 0 ]
}
