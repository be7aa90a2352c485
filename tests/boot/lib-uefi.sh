# shellcheck shell=sh
# tests/boot/lib-uefi.sh: UEFI HTTP Boot in QEMU (OVMF), sourced after
# tests/boot/lib.sh. REFERENCE: the firmware downloads an .iso (.img) URL into
# reserved memory, registers it as a RAM disk (Virtual CD / Virtual Disk) and
# publishes it in the ACPI NFIT; then it starts \EFI\BOOT\BOOTX64.EFI from it.
#
#   uefi_firmware                 UEFI_CODE, UEFI_VARS_TEMPLATE (Debian's ovmf)
#   uefi_vars URL                 UEFI_VARS: a cached OVMF VARS file whose
#                                 BootNext starts a boot entry holding only
#                                 Uri(URL) (built once per URL, by one boot of
#                                 the OVMF shell)
#   uefi_grub_efi                 UEFI_GRUB_EFI: a standalone GRUB (x86_64-efi)
#                                 that finds /boot/grub/memdisk-uefi.cfg on any
#                                 disk and runs it (cached)
#   uefi_grub_cfg DIR APPEND      DIR/boot/grub/memdisk-uefi.cfg booting
#                                 /boot/vmlinuz + /boot/initrd.img (and
#                                 what Debian's signed GRUB looks for)
#   uefi_signed_loaders           UEFI_SHIM, UEFI_SIGNED_GRUB: Debian's
#                                 signed shim and GRUB (cached download)
#   uefi_efi_image OUT FILE...    FAT image (El Torito EFI / ESP) with
#                                 EFI/BOOT/BOOTX64.EFI and the named files
#   uefi_mkiso DIR OUT.iso LABEL  ISO with an El Torito EFI image (and
#                                 isolinux when DIR/isolinux exists)
#   uefi_mkdisk OUT.img ESPDIR DATA LABEL [odd|even]
#                                 GPT disk: ESP (FAT) + a data partition (a
#                                 FAT file system labelled LABEL holding the
#                                 directory DATA, or the file system image
#                                 DATA as it is)
#   uefi_qemu_http LOG TIMEOUT ROOT VARS [QEMU ARGS...]
#                                 HTTP Boot from ROOT (served at
#                                 http://10.0.2.100/) under TCG
#   uefi_qemu_disk LOG TIMEOUT DISK [QEMU ARGS...]
#                                 UEFI boot of a plain virtual disk
#
# Environment: UEFI_CODE, UEFI_VARS_TEMPLATE (firmware files), UEFI_MACHINE
# (default q35,accel=tcg), UEFI_SECURE=1 (Secure Boot: OVMF's secboot build
# with Microsoft's keys, SMM, and images that boot through Debian's signed
# shim and GRUB), BOOT_OUT (see lib.sh).

UEFI_LIBDIR=$BOOT_LIBDIR/uefi
# The pieces memdisk-remaster --verify --uefi uses too: the HTTP responder
# and the boot entry's encoding.
UEFI_SHARED=$BOOT_TOP/remaster/uefi
# shellcheck source=/dev/null # remaster/uefi/ovmf-bootvars.sh, checked on its own
. "$UEFI_SHARED/ovmf-bootvars.sh"
UEFI_HOST=10.0.2.100
UEFI_OUT=$BOOT_OUT/uefi-lib
mkdir -p "$UEFI_OUT"

# uefi_firmware: the 4 MiB OVMF build (it holds RamDiskDxe and HttpBootDxe).
# With UEFI_SECURE=1: the Secure Boot build (it needs SMM) and the variable
# store with Microsoft's keys enrolled and Secure Boot on.
_UEFI_CODE_GIVEN=${UEFI_CODE:-}
_UEFI_VARS_GIVEN=${UEFI_VARS_TEMPLATE:-}
uefi_firmware() {
	if [ "${UEFI_SECURE:-0}" = 1 ]; then
		UEFI_CODE=${_UEFI_CODE_GIVEN:-/usr/share/OVMF/OVMF_CODE_4M.secboot.fd}
		UEFI_VARS_TEMPLATE=${_UEFI_VARS_GIVEN:-/usr/share/OVMF/OVMF_VARS_4M.ms.fd}
	else
		UEFI_CODE=${_UEFI_CODE_GIVEN:-/usr/share/OVMF/OVMF_CODE_4M.fd}
		UEFI_VARS_TEMPLATE=${_UEFI_VARS_GIVEN:-/usr/share/OVMF/OVMF_VARS_4M.fd}
	fi
	[ -f "$UEFI_CODE" ] || boot_die "no $UEFI_CODE (apt-get install ovmf)"
	[ -f "$UEFI_VARS_TEMPLATE" ] || boot_die "no $UEFI_VARS_TEMPLATE (apt-get install ovmf)"
}

# uefi_load_option URL DESCRIPTION: the hex of an EFI_LOAD_OPTION (active)
# whose device path is Uri(URL) + End (remaster/uefi/ovmf-bootvars.sh,
# shared with memdisk-remaster --verify --uefi).
uefi_load_option() {
	ovmf_load_option "$@"
}

# _uefi_fat OUT SIZE-KiB LABEL: an empty FAT image (mkfs.vfat, no root).
_uefi_fat() {
	rm -f "$1"
	mkfs.vfat -C -n "$3" "$1" "$2" >/dev/null
}

# uefi_vars URL: UEFI_VARS, a VARS file that boots Uri(URL) next. The first
# call per URL and firmware boots the OVMF shell once from a FAT disk whose
# startup.nsh sets Boot0100 and BootNext and powers off; the result is kept
# in $BOOT_OUT/uefi-lib/vars-KEY.fd. Callers boot a copy (BootNext is
# consumed by the boot).
uefi_vars() {
	uefi_firmware
	_uv_key=$(boot_key vars-v1 "$1" "$UEFI_CODE" "$UEFI_VARS_TEMPLATE")
	UEFI_VARS=$UEFI_OUT/vars-$_uv_key.fd
	[ -f "$UEFI_VARS" ] && return 0
	_uv_dir=$(mktemp -d "$UEFI_OUT/vars.XXXXXX")
	_uv_opt=$(uefi_load_option "$1" "memdisk-phram HTTP Boot")
	if [ "${UEFI_SECURE:-0}" = 1 ]; then
		_uefi_vars_linux "$1" "$_uv_key" "$_uv_dir" "$_uv_opt"
		return
	fi
	# The shell echoes each line; the marker proves it ran to the end.
	ovmf_startup_nsh "$_uv_opt" "MEMDISK-VARS-$_uv_key-DONE" >"$_uv_dir/startup.nsh"
	if ! _uefi_fat "$_uv_dir/fat.img" 2048 NSH ||
		! mcopy -i "$_uv_dir/fat.img" "$_uv_dir/startup.nsh" ::startup.nsh ||
		! cp "$UEFI_VARS_TEMPLATE" "$_uv_dir/vars.fd"; then
		rm -rf "$_uv_dir"
		boot_die "cannot build the boot-entry disk"
	fi
	boot_log "creating the OVMF boot entry for $1 (one-time, cached)"
	uefi_qemu_disk "$_uv_dir/serial.log" "${UEFI_VARS_TIMEOUT:-180}" "$_uv_dir/fat.img" \
		-drive "if=pflash,format=raw,unit=1,file=$_uv_dir/vars.fd"
	# The echo line of the script shows the marker too: require it at the
	# start of a line, as the command's output.
	if [ "$BOOT_RC" -eq 0 ] && boot_expect "$_uv_dir/serial.log" "^MEMDISK-VARS-$_uv_key-DONE"; then
		mv "$_uv_dir/vars.fd" "$UEFI_VARS"
		rm -rf "$_uv_dir"
		return 0
	fi
	mkdir -p "$BOOT_OUT/failed"
	cp "$_uv_dir/serial.log" "$BOOT_OUT/failed/uefi-vars-$_uv_key.log" 2>/dev/null
	rm -rf "$_uv_dir"
	boot_die "creating the boot entry failed (qemu rc $BOOT_RC), log: $BOOT_OUT/failed/uefi-vars-$_uv_key.log"
}

# _uefi_vars_linux URL KEY DIR HEX: the same under Secure Boot, where the
# firmware refuses its own unsigned shell: a boot of Debian's signed shim,
# GRUB and kernel from a disk writes the entry through efivarfs
# (tests/boot/uefi/vars-guest-init).
_uefi_vars_linux() {
	[ -n "${KDIR:-}" ] || boot_kernel "${BOOT_SERIES:-6.1}"
	printf '%s\n' "$4" >"$3/boot0100.hex"
	mkdir -p "$3/esp/boot" "$3/data"
	if ! BOOT_INITRAMFS_EXTRA="$3/boot0100.hex:/vars/boot0100.hex" \
		boot_busybox_initramfs "$3/esp/boot/initrd.img" "$UEFI_LIBDIR/vars-guest-init" efivarfs >"$3/build.log" 2>&1 ||
		! cp "$VMLINUZ" "$3/esp/boot/vmlinuz" ||
		! uefi_grub_cfg "$3/esp" "console=ttyS0,115200 panic=1" ||
		! uefi_mkdisk "$3/disk.img" "$3/esp" "$3/data" MDP_VARS >>"$3/build.log" 2>&1 ||
		! cp "$UEFI_VARS_TEMPLATE" "$3/vars.fd"; then
		mkdir -p "$BOOT_OUT/failed"
		cp "$3/build.log" "$BOOT_OUT/failed/uefi-vars-$2.build" 2>/dev/null
		rm -rf "$3"
		boot_die "cannot build the boot-entry disk, log: $BOOT_OUT/failed/uefi-vars-$2.build"
	fi
	boot_log "creating the OVMF boot entry for $1 under Secure Boot, from Linux (one-time, cached)"
	uefi_qemu_disk "$3/serial.log" "${UEFI_VARS_TIMEOUT:-300}" "$3/disk.img" \
		-drive "if=pflash,format=raw,unit=1,file=$3/vars.fd"
	if [ "$BOOT_RC" -eq 0 ] && boot_expect "$3/serial.log" "^MEMDISK-VARS-OK"; then
		mv "$3/vars.fd" "$UEFI_VARS"
		rm -rf "$3"
		return 0
	fi
	mkdir -p "$BOOT_OUT/failed"
	cp "$3/serial.log" "$BOOT_OUT/failed/uefi-vars-$2.log" 2>/dev/null
	rm -rf "$3"
	boot_die "creating the boot entry failed (qemu rc $BOOT_RC), log: $BOOT_OUT/failed/uefi-vars-$2.log"
}

# uefi_grub_efi: UEFI_GRUB_EFI, GRUB for x86_64-efi with its modules built
# in and an embedded grub.cfg that searches every disk for
# /boot/grub/memdisk-uefi.cfg (on the RAM disk: the only one) and runs it.
UEFI_GRUB_MODULES="normal configfile search search_fs_file search_label echo test linux gzio \
	iso9660 fat part_gpt part_msdos serial terminal efi_gop all_video sleep"
uefi_grub_efi() {
	_ug_key=$(boot_key grub-v1 /usr/lib/grub/x86_64-efi/linux.mod "$UEFI_GRUB_MODULES")
	UEFI_GRUB_EFI=$UEFI_OUT/grubx64-$_ug_key.efi
	[ -f "$UEFI_GRUB_EFI" ] && return 0
	_ug_cfg=$(mktemp "$UEFI_OUT/grub.XXXXXX")
	cat >"$_ug_cfg" <<'EOF'
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
if search --no-floppy --set=root --file /boot/grub/memdisk-uefi.cfg; then
	configfile ($root)/boot/grub/memdisk-uefi.cfg
fi
echo "memdisk-uefi: no /boot/grub/memdisk-uefi.cfg on any disk"
sleep 3
EOF
	# shellcheck disable=SC2086 # the module list is split on purpose
	grub-mkstandalone -O x86_64-efi -o "$UEFI_GRUB_EFI.tmp" \
		--modules="$UEFI_GRUB_MODULES" --install-modules="$UEFI_GRUB_MODULES" \
		--locales= --fonts= --themes= "boot/grub/grub.cfg=$_ug_cfg" >&2 || {
		rm -f "$_ug_cfg" "$UEFI_GRUB_EFI.tmp"
		return 1
	}
	rm -f "$_ug_cfg"
	mv "$UEFI_GRUB_EFI.tmp" "$UEFI_GRUB_EFI"
}

# uefi_grub_cfg DIR APPEND: the per-image GRUB configuration. Debian's signed
# GRUB finds its medium by /.disk/info and reads /boot/grub/grub.cfg: both
# are written too, for the Secure Boot images.
uefi_grub_cfg() {
	mkdir -p "$1/boot/grub" "$1/.disk"
	echo "memdisk-phram test image" >"$1/.disk/info"
	cat >"$1/boot/grub/grub.cfg" <<'EOF'
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console
source /boot/grub/memdisk-uefi.cfg
EOF
	cat >"$1/boot/grub/memdisk-uefi.cfg" <<EOF
set timeout=0
echo "memdisk-uefi: booting from \$root"
linux /boot/vmlinuz $2
initrd /boot/initrd.img
boot
EOF
}

# uefi_signed_loaders: UEFI_SHIM, UEFI_SIGNED_GRUB: Debian's shim (signed by
# Microsoft) and its monolithic GRUB for CDs (signed by Debian), unpacked
# from the archive into the cache (never installed on the host).
uefi_signed_loaders() {
	_us_cache=${MEMDISK_CACHE:-$BOOT_LIBDIR/cache}/uefi-signed
	mkdir -p "$_us_cache"
	UEFI_SHIM=$_us_cache/root/usr/lib/shim/shimx64.efi.signed
	UEFI_SIGNED_GRUB=$_us_cache/root/usr/lib/grub/x86_64-efi-signed/gcdx64.efi.signed
	(
		exec 9>"$_us_cache/.lock"
		flock 9
		[ -f "$UEFI_SHIM" ] && [ -f "$UEFI_SIGNED_GRUB" ] && exit 0
		rm -rf "$_us_cache/root" "$_us_cache/debs"
		mkdir -p "$_us_cache/debs"
		(cd "$_us_cache/debs" && apt-get download -q shim-signed grub-efi-amd64-signed >&2) || exit 1
		for _us_deb in "$_us_cache"/debs/*.deb; do
			dpkg -x "$_us_deb" "$_us_cache/root" || exit 1
		done
		rm -rf "$_us_cache/debs"
	) || boot_die "cannot fetch Debian's signed shim and GRUB (apt-get download shim-signed grub-efi-amd64-signed)"
}

# uefi_efi_image OUT [SRC:DEST...]: a FAT image with EFI/BOOT/BOOTX64.EFI
# (standalone GRUB; with UEFI_SECURE=1 Debian's signed shim, which starts the
# signed GRUB beside it as grubx64.efi) and the extra files, sized to fit.
uefi_efi_image() (
	set -e
	out=$1
	shift
	if [ "${UEFI_SECURE:-0}" = 1 ]; then
		uefi_signed_loaders
		set -- "$UEFI_SIGNED_GRUB:EFI/BOOT/grubx64.efi" "$@"
		loader=$UEFI_SHIM
	else
		uefi_grub_efi
		loader=$UEFI_GRUB_EFI
	fi
	kib=$(($(stat -c %s "$loader") / 1024))
	for pair in "$@"; do
		kib=$((kib + $(stat -c %s "${pair%%:*}") / 1024 + 4))
	done
	kib=$((kib + kib / 8 + 512))
	_uefi_fat "$out" "$kib" EFIBOOT
	mmd -i "$out" ::EFI ::EFI/BOOT
	mcopy -i "$out" "$loader" ::EFI/BOOT/BOOTX64.EFI
	for pair in "$@"; do
		dest=${pair#*:}
		# Parent directories first (mmd fails on existing ones: ignore).
		d=$(dirname "$dest")
		path=
		for part in $(echo "$d" | tr / ' '); do
			path=$path/$part
			mmd -i "$out" "::$path" 2>/dev/null || true
		done
		mcopy -i "$out" "${pair%%:*}" "::$dest"
	done
)

# uefi_mkiso DIR OUT.iso LABEL: DIR gets boot/efiboot.img (GRUB finds DIR's
# /boot/grub/memdisk-uefi.cfg); isolinux is added when DIR/isolinux exists.
uefi_mkiso() (
	set -e
	uefi_efi_image "$1/boot/efiboot.img"
	mkdir -p "$(dirname "$2")"
	if [ -f "$1/isolinux/isolinux.bin" ]; then
		set -- "$@" -b isolinux/isolinux.bin -c isolinux/boot.cat \
			-no-emul-boot -boot-load-size 4 -boot-info-table -eltorito-alt-boot
	else
		set -- "$@" -c boot/boot.cat
	fi
	dir=$1
	out=$2
	label=$3
	shift 3
	xorriso -as mkisofs -quiet -o "$out.tmp" -V "$label" -J -R "$@" \
		-e boot/efiboot.img -no-emul-boot "$dir" 2>&1 |
		grep -v -e '^xorriso : UPDATE' -e '^xorriso [0-9.]* : RockRidge' >&2 || true
	[ -s "$out.tmp" ] || exit 1
	mv "$out.tmp" "$out"
)

# uefi_mkdisk OUT.img ESPDIR DATA LABEL [PARITY]: a GPT disk image with an EFI system
# partition (GRUB + ESPDIR's files) and a data partition named LABEL: a FAT
# file system labelled LABEL holding the directory DATA's files, or the file
# system image DATA. No loop devices: the file systems are built as files
# and copied into place.
uefi_mkdisk() (
	set -e
	out=$1
	tmp=$(mktemp -d "$UEFI_OUT/disk.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	pairs=
	for f in $(cd "$2" && find . -type f | sed 's|^\./||'); do
		pairs="$pairs $2/$f:$f"
	done
	# shellcheck disable=SC2086 # one pair per word
	uefi_efi_image "$tmp/esp.img" $pairs
	if [ -f "$3" ]; then
		cp "$3" "$tmp/data.img"
	else
		kib=$(du -sk "$3" | cut -f1)
		kib=$((kib + kib / 8 + 1024))
		_uefi_fat "$tmp/data.img" "$kib" "$4"
		for f in "$3"/*; do
			mcopy -s -i "$tmp/data.img" "$f" ::
		done
	fi
	# Partitions start on MiB boundaries; the backup GPT needs 33 sectors.
	esp_sec=$(($(stat -c %s "$tmp/esp.img") / 512))
	data_sec=$(($(stat -c %s "$tmp/data.img") / 512))
	start2=$((2048 + (esp_sec + 2047) / 2048 * 2048))
	total=$((start2 + (data_sec + 2047) / 2048 * 2048 + 2048))
	# PARITY: an odd or even number of 512-byte sectors, made before the
	# partition table so that the backup GPT sits at the real end.
	case "${5:-}" in
	odd) [ $((total % 2)) = 1 ] || total=$((total + 1)) ;;
	even) [ $((total % 2)) = 0 ] || total=$((total + 1)) ;;
	esac
	rm -f "$out.tmp"
	truncate -s $((total * 512)) "$out.tmp"
	sfdisk --quiet "$out.tmp" >&2 <<EOF
label: gpt
start=2048, size=$esp_sec, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name="EFI"
start=$start2, size=$data_sec, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name="$4"
EOF
	dd if="$tmp/esp.img" of="$out.tmp" bs=512 seek=2048 conv=notrunc status=none
	dd if="$tmp/data.img" of="$out.tmp" bs=512 seek="$start2" conv=notrunc status=none
	mv "$out.tmp" "$out"
)

# _uefi_qemu LOG TIMEOUT QEMU-ARGS...: a q35 machine with OVMF's code in
# pflash; the caller adds the VARS pflash.
_uefi_qemu() {
	uefi_firmware
	_uq_machine=${BOOT_MACHINE-}
	if [ "${UEFI_SECURE:-0}" = 1 ]; then
		# SMM, and the variable store writable from SMM only.
		BOOT_MACHINE=${UEFI_MACHINE:-q35,accel=tcg,smm=on}
		set -- "$@" -global driver=cfi.pflash01,property=secure,value=on
	else
		BOOT_MACHINE=${UEFI_MACHINE:-q35,accel=tcg}
	fi
	_boot_qemu "$@" -drive "if=pflash,format=raw,unit=0,readonly=on,file=$UEFI_CODE"
	BOOT_MACHINE=$_uq_machine
}

# uefi_qemu_disk LOG TIMEOUT DISK [QEMU ARGS...]: boot a virtio disk, no NIC.
uefi_qemu_disk() {
	_ud_log=$1
	_ud_timeout=$2
	_ud_disk=$3
	shift 3
	_uefi_qemu "$_ud_log" "$_ud_timeout" \
		-drive "if=none,id=d0,format=raw,file=$_ud_disk" -device virtio-blk-pci,drive=d0 "$@"
}

# uefi_qemu_http LOG TIMEOUT ROOT VARS [QEMU ARGS...]: HTTP Boot; VARS is
# copied (BootNext is consumed), the copy removed afterwards. The responder's
# log is LOG.http.
uefi_qemu_http() {
	_uh_log=$1
	_uh_timeout=$2
	_uh_root=$3
	_uh_vars=$4
	shift 4
	mkdir -p "$(dirname "$_uh_log")"
	cp "$_uh_vars" "$_uh_log.vars"
	: >"$_uh_log.http"
	# QEMU's option syntax: a comma inside a value is written twice.
	_uh_cmd=$(printf '%s %s %s' "$UEFI_SHARED/http-serve" "$_uh_root" "$_uh_log.http" | sed 's/,/,,/g')
	_uefi_qemu "$_uh_log" "$_uh_timeout" \
		-drive "if=pflash,format=raw,unit=1,file=$_uh_log.vars" \
		-netdev "user,id=n0,restrict=on,guestfwd=tcp:$UEFI_HOST:80-cmd:$_uh_cmd" \
		-device virtio-net-pci,netdev=n0,romfile= \
		-fw_cfg name=opt/org.tianocore/IPv4PXESupport,string=n \
		-fw_cfg name=opt/org.tianocore/IPv6PXESupport,string=n "$@"
	rm -f "$_uh_log.vars"
}
