# shellcheck shell=sh
# Variables named MR_* and R_* are shared between the parts (see memdisk-remaster).
# shellcheck disable=SC2034,SC2153
# remaster/lib/verify-uefi.sh: the UEFI HTTP Boot path of
# memdisk-remaster --verify --uefi. Sourced, never run.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# OVMF (Debian's ovmf: the 4 MiB build, which has RamDiskDxe and
# HttpBootDxe) boots the URL http://10.0.2.100/boot.iso: the firmware
# downloads the copy into RAM, registers it as a RAM disk (Virtual CD) in the
# ACPI NFIT and starts the ISO's El Torito EFI image from it; the overlay's
# runtime attaches it through nfit + nd_pmem as /dev/pmemN. The address
# exists only inside QEMU's user network: slirp runs the responder
# (PKGLIBDIR/remaster/uefi/http-serve) per connection with the connection on
# its stdin and stdout (guestfwd=...-cmd:); no host socket is opened.
#
# The boot entry (Uri(URL) as Boot0100, BootNext) is written into a copy of
# OVMF's VARS file by one boot of the OVMF shell (remaster/uefi/
# ovmf-bootvars.sh, shared with the test harness); the result depends only
# on the URL and the firmware files and is cached in
# $MEMDISK_REMASTER_CACHE, default ${XDG_CACHE_HOME:-~/.cache}/memdisk-remaster.
#
#   mr_verify_uefi_check ISO     refuse early: no OVMF, no El Torito EFI
#                                image, no FAT tools
#   mr_verify_boot_uefi_http ISO start QEMU (as the other boot paths)

MR_V_OVMF_CODE=${MR_V_OVMF_CODE:-/usr/share/OVMF/OVMF_CODE_4M.fd}
MR_V_OVMF_VARS=${MR_V_OVMF_VARS:-/usr/share/OVMF/OVMF_VARS_4M.fd}
MR_V_UEFI_HOST=10.0.2.100
MR_V_UEFI_URL=http://$MR_V_UEFI_HOST/boot.iso
MR_V_VARS_TIMEOUT=${MR_V_VARS_TIMEOUT:-300}

# _mr_v_uefi_dir: MR_V_UEFI_DIR, the responder and the boot entry's encoding
# (remaster/uefi beside remaster/lib, in the tree and installed alike).
_mr_v_uefi_dir() {
	MR_V_UEFI_DIR=$(cd "$MR_LIBDIR/../uefi" 2>/dev/null && pwd)
	if [ -z "$MR_V_UEFI_DIR" ] || [ ! -f "$MR_V_UEFI_DIR/http-serve" ] || [ ! -f "$MR_V_UEFI_DIR/ovmf-bootvars.sh" ]; then
		mr_die "--uefi: the HTTP responder is missing ($MR_LIBDIR/../uefi/http-serve; reinstall memdisk-remaster)"
	fi
	# shellcheck source=/dev/null # remaster/uefi/ovmf-bootvars.sh, checked on its own
	. "$MR_V_UEFI_DIR/ovmf-bootvars.sh"
}

# mr_verify_uefi_check ISO: everything that would make the boot pointless,
# before the copy is written.
mr_verify_uefi_check() {
	[ "$MR_V_CDROM" != 1 ] || mr_usage_error "--uefi and --cdrom are two different boots: give one"
	for _vu_f in "$MR_V_OVMF_CODE" "$MR_V_OVMF_VARS"; do
		[ -f "$_vu_f" ] || mr_die "--uefi needs OVMF: $_vu_f is missing (apt-get install ovmf)"
	done
	# An El Torito entry for platform 0xEF (UEFI): the image the firmware
	# starts from the RAM disk.
	mr_iso_eltorito "$1" | awk '/^El Torito boot img :/ && $7 == "UEFI" { f = 1 } END { exit !f }' ||
		mr_refuse "$1 has no El Torito EFI boot image: UEFI HTTP Boot cannot start it (--uefi needs a hybrid ISO with EFI/BOOT/BOOTX64.EFI)"
	mr_need mkfs.vfat dosfstools
	mr_need mcopy mtools
	_mr_v_uefi_dir
	case $MR_V_UEFI_DIR$MR_WORK in
	*[[:space:]]*) mr_die "--uefi: QEMU's guestfwd command cannot hold blanks: $MR_V_UEFI_DIR, $MR_WORK (use TMPDIR or --work)" ;;
	esac
}

# _mr_v_uefi_vars: MR_V_VARS, a VARS file whose BootNext starts Uri(URL).
_mr_v_uefi_vars() {
	_vv_key=$( {
		echo "ovmf-bootvars-v1 $MR_V_UEFI_URL"
		cat "$MR_V_OVMF_CODE" "$MR_V_OVMF_VARS"
	} | sha256sum | cut -c1-16)
	_vv_cache=${MEMDISK_REMASTER_CACHE:-${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}/memdisk-remaster}
	if [ -f "$_vv_cache/ovmf-vars-$_vv_key.fd" ]; then
		MR_V_VARS=$_vv_cache/ovmf-vars-$_vv_key.fd
		mr_debug "OVMF boot entry from the cache: $MR_V_VARS"
		return 0
	fi
	_vv=$MR_WORK/verify/vars
	mkdir -p "$_vv"
	ovmf_startup_nsh "$(ovmf_load_option "$MR_V_UEFI_URL" "memdisk-remaster HTTP Boot")" "MEMDISK-VARS-$_vv_key-DONE" \
		>"$_vv/startup.nsh"
	if ! mkfs.vfat -C -n NSH "$_vv/fat.img" 2048 >/dev/null 2>&1 ||
		! mcopy -i "$_vv/fat.img" "$_vv/startup.nsh" ::startup.nsh ||
		! cp "$MR_V_OVMF_VARS" "$_vv/vars.fd"; then
		mr_die "--uefi: cannot build the OVMF shell's disk in $_vv"
	fi
	mr_say "verify: creating the OVMF boot entry for $MR_V_UEFI_URL (one boot of the OVMF shell; cached)"
	_vv_t0=$(mr_now)
	_vv_cpu=
	[ "$MR_V_ACCEL" = kvm ] && _vv_cpu="-cpu host"
	# shellcheck disable=SC2086 # $_vv_cpu: zero or two words
	timeout --kill-after=5 "$MR_V_VARS_TIMEOUT" "$MR_V_QEMU" -machine "q35,accel=$MR_V_ACCEL" $_vv_cpu \
		-nodefaults -m 256 -display none -no-reboot -monitor none -serial "file:$_vv/serial.log" \
		-drive "if=pflash,format=raw,unit=0,readonly=on,file=$MR_V_OVMF_CODE" \
		-drive "if=pflash,format=raw,unit=1,file=$_vv/vars.fd" \
		-drive "if=none,id=d0,format=raw,file=$_vv/fat.img" -device virtio-blk-pci,drive=d0 \
		</dev/null >"$_vv/qemu.log" 2>&1 &
	MR_QEMU_PID=$!
	wait "$MR_QEMU_PID"
	_vv_rc=$?
	MR_QEMU_PID=
	# The shell echoes each command line: the marker counts only as the
	# echo command's output, at the start of a line.
	if [ "$_vv_rc" != 0 ] || ! tr -d '\r' <"$_vv/serial.log" | grep -q "^MEMDISK-VARS-$_vv_key-DONE"; then
		_vv_why=$(head -c 200 "$_vv/qemu.log" | tr '\n' ' ')
		[ "$_vv_rc" != 124 ] || _vv_why="timeout $MR_V_VARS_TIMEOUT s"
		mr_die "--uefi: the OVMF shell did not write the boot entry (qemu exit $_vv_rc after $(mr_elapsed "$_vv_t0") s: $_vv_why)"
	fi
	_mr_v_say "boot entry written (OVMF shell, $(mr_elapsed "$_vv_t0") s)"
	MR_V_VARS=$_vv/vars.fd
	if mkdir -p "$_vv_cache" 2>/dev/null && cp "$_vv/vars.fd" "$_vv_cache/ovmf-vars-$_vv_key.fd.tmp" 2>/dev/null &&
		mv -f "$_vv_cache/ovmf-vars-$_vv_key.fd.tmp" "$_vv_cache/ovmf-vars-$_vv_key.fd"; then
		mr_debug "cached in $_vv_cache/ovmf-vars-$_vv_key.fd"
	else
		rm -f "$_vv_cache/ovmf-vars-$_vv_key.fd.tmp" 2>/dev/null
	fi
}

# mr_verify_boot_uefi_http ISO: OVMF boots ISO over HTTP (served as
# boot.iso); the boot writes to a copy of the VARS file (BootNext is
# consumed).
mr_verify_boot_uefi_http() {
	_mr_v_uefi_vars
	_vh=$MR_WORK/verify
	mkdir -p "$_vh/www"
	ln -sf "$1" "$_vh/www/boot.iso"
	cp "$MR_V_VARS" "$_vh/boot-vars.fd" || mr_die "cannot copy $MR_V_VARS"
	: >"$_vh/http.log"
	MR_V_HTTP_LOG=$_vh/http.log
	# QEMU's option syntax: a comma inside a value is written twice.
	_vh_cmd=$(printf '%s %s %s' "$MR_V_UEFI_DIR/http-serve" "$_vh/www" "$_vh/http.log" | sed 's/,/,,/g')
	MR_V_MACHINE=q35
	_mr_v_qemu -drive "if=pflash,format=raw,unit=0,readonly=on,file=$MR_V_OVMF_CODE" \
		-drive "if=pflash,format=raw,unit=1,file=$_vh/boot-vars.fd" \
		-netdev "user,id=n0,restrict=on,guestfwd=tcp:$MR_V_UEFI_HOST:80-cmd:$_vh_cmd" \
		-device virtio-net-pci,netdev=n0,romfile= \
		-fw_cfg name=opt/org.tianocore/IPv4PXESupport,string=n \
		-fw_cfg name=opt/org.tianocore/IPv6PXESupport,string=n
}

# mr_verify_uefi_fetched: the responder's line for the image's download, once
# it is complete (the firmware sends HEAD, then GET).
mr_verify_uefi_fetched() {
	awk '/request: GET \/boot\.iso/ { g = 1; next } g && / 200 OK [0-9]+ bytes/ { sub(/^[^:]*: /, ""); print; exit }' \
		"$MR_V_HTTP_LOG" 2>/dev/null
}
