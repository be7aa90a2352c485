# shellcheck shell=sh
# Variables named MR_* and R_* are shared between the parts (see memdisk-remaster).
# shellcheck disable=SC2034,SC2153
# remaster/lib/verify.sh: memdisk-remaster --verify: boot an ISO in QEMU
# through real MEMDISK (or as a CD-ROM) and decide from what the guest
# reports. Sourced, never run.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# How the guest proves it: the overlay carries memdisk-verify, run by each
# generator's late hook, inert unless the kernel command line has
# rd.memdisk.verify=TOKEN. The verifier boots a copy of the ISO that differs
# only in its boot configurations: one entry (the chosen one, with its
# kernel, initrds and arguments unchanged) plus console=ttyS0,115200
# rd.memdisk.verify=TOKEN panic=1, as the only and default entry of
# isolinux/syslinux and of GRUB. The guest prints the device it attached,
# the sha256 of that device's bytes, the device the live system mounted
# its medium from, and the live root it is about to start; the host compares
# the sha256 with the copy's own and checks the rest.
#
# Boot paths (mr_verify_boot_*): memdisk (QEMU -kernel memdisk -initrd ISO,
# SeaBIOS), cdrom (-drive media=cdrom), uefi_http (OVMF's HTTP Boot of the
# ISO served over QEMU's slirp: verify-uefi.sh). Each gets the copy and
# starts QEMU; the decision is the same, only the RAM disk's device differs
# (/dev/mtdblockN or /dev/loopN after MEMDISK, /dev/pmemN after HTTP Boot).
#
#   mr_verify_main ISO   exit 0 PASS, 1 FAIL, 2 could not run

MR_V_CDROM=${MR_V_CDROM:-0}
MR_V_UEFI=${MR_V_UEFI:-0}
MR_V_ENTRY=${MR_V_ENTRY:-}
MR_V_TIMEOUT=${MR_V_TIMEOUT:-600}
MR_V_MEMORY=${MR_V_MEMORY:-}
MR_V_APPEND=${MR_V_APPEND:-}
MR_V_EXPECT=${MR_V_EXPECT:-}
MR_V_LOG=${MR_V_LOG:-}
MR_V_MEMDISK=${MR_V_MEMDISK:-/usr/lib/syslinux/memdisk}
MR_V_MEMDISK_ARGS=${MR_V_MEMDISK_ARGS:-iso raw}
MR_V_QEMU=${MR_V_QEMU:-qemu-system-x86_64}
MR_V_MACHINE=pc
MR_V_HTTP_LOG=
MR_QEMU_PID=

mr_verify_stop_qemu() {
	if [ -n "$MR_QEMU_PID" ]; then
		kill "$MR_QEMU_PID" 2>/dev/null
		wait "$MR_QEMU_PID" 2>/dev/null
		MR_QEMU_PID=
	fi
}

# _mr_v_say MESSAGE: progress, with the seconds since the boot started.
_mr_v_say() {
	mr_say "verify: [$(mr_elapsed "$MR_V_T0") s] $*"
}

# _mr_v_entries: the bootable entries of the BIOS loader's configurations:
# "CFG DIALECT LABEL KERNEL INITRDS ARGS" (TAB-separated; INITRDS joined
# by \037).
_mr_v_entries() {
	_ve_bios=$(mr_iso_eltorito "$MR_ISO" | awk '/^El Torito img path :/ && $6 == 1 { print $7 }')
	case $_ve_bios in
	*isolinux* | *syslinux* | *.bin) _ve_pref=syslinux ;;
	*) _ve_pref=grub ;;
	esac
	for _ve_d in "$_ve_pref" syslinux grub; do
		while IFS="$MR_TAB" read -r _ve_k _ve_top _ve_p; do
			[ "$_ve_k" = "$_ve_d" ] || continue
			awk -F'\t' -v c="$_ve_p" -v d="$_ve_k" 'BEGIN { OFS = "\t" } $1 == "ENTRY" { print c, d, $3, $4, $5, $6 }' \
				"$MR_WORK/cfg/scan$_ve_p"
		done <"$MR_WORK/cfg/list"
	done | awk -F'\t' '!seen[$0]++'
}

# _mr_v_pick: MR_V_E_* of the entry to boot.
_mr_v_pick() {
	_mr_v_entries >"$MR_WORK/verify/entries"
	[ -s "$MR_WORK/verify/entries" ] || mr_die "no boot entry with a Linux kernel in $MR_ISO"
	_vp_line=
	if [ -n "$MR_V_ENTRY" ]; then
		case $MR_V_ENTRY in
		*[!0-9]*) _vp_line=$(awk -F'\t' -v l="$MR_V_ENTRY" '$3 == l { print; exit }' "$MR_WORK/verify/entries") ;;
		*) _vp_line=$(sed -n "${MR_V_ENTRY}p" "$MR_WORK/verify/entries") ;;
		esac
		[ -n "$_vp_line" ] || mr_die "no entry '$MR_V_ENTRY' (entries: $(cut -f3 "$MR_WORK/verify/entries" | tr '\n' ',' | sed 's/,$//'))"
	else
		# The first entry that loads an overlay; else the first with an initrd.
		_vp_line=$(awk -F'\t' -v us="$MR_US" '{ n = split($5, a, us); for (i = 1; i <= n; i++) if (a[i] ~ /mdphram[0-9]*\.img$/) { print; exit } }' \
			"$MR_WORK/verify/entries")
		[ -n "$_vp_line" ] || _vp_line=$(awk -F'\t' '$5 != "" { print; exit }' "$MR_WORK/verify/entries")
		[ -n "$_vp_line" ] || _vp_line=$(head -n 1 "$MR_WORK/verify/entries")
	fi
	MR_V_E_CFG=$(printf '%s\n' "$_vp_line" | cut -f1)
	MR_V_E_DIALECT=$(printf '%s\n' "$_vp_line" | cut -f2)
	MR_V_E_LABEL=$(printf '%s\n' "$_vp_line" | cut -f3)
	_vp_k=$(printf '%s\n' "$_vp_line" | cut -f4)
	_vp_i=$(printf '%s\n' "$_vp_line" | cut -f5)
	MR_V_E_ARGS=$(printf '%s\n' "$_vp_line" | cut -f6)
	_vp_top=$(mr_cfg_topdir "$MR_V_E_CFG")
	# syslinux: "KERNEL vmlinuz" may carry arguments after the file.
	_vp_k=${_vp_k%% *}
	MR_V_E_KERNEL=$(mr_cfg_resolve "$MR_V_E_DIALECT" "$MR_V_E_CFG" "$_vp_top" "$_vp_k")
	[ -n "$MR_V_E_KERNEL" ] || mr_die "the kernel '$_vp_k' of entry '$MR_V_E_LABEL' is not on the ISO"
	MR_V_E_INITRDS=
	_vp_old=$IFS
	IFS=$MR_US
	for _vp_t in $_vp_i; do
		IFS=$_vp_old
		_vp_p=$(mr_cfg_resolve "$MR_V_E_DIALECT" "$MR_V_E_CFG" "$_vp_top" "$_vp_t")
		[ -n "$_vp_p" ] || mr_die "the initrd '$_vp_t' of entry '$MR_V_E_LABEL' is not on the ISO"
		MR_V_E_INITRDS="$MR_V_E_INITRDS $_vp_p"
	done
	IFS=$_vp_old
	MR_V_E_INITRDS=${MR_V_E_INITRDS# }
}

# _mr_v_configs: the one-entry configurations of the copy, and where they go.
_mr_v_configs() {
	_vc=$MR_WORK/verify
	_vc_args=
	for _vc_w in $MR_V_E_ARGS; do
		case $_vc_w in
		quiet | splash | console=* | rd.memdisk.verify* | panic=*) ;;
		*) _vc_args="$_vc_args $_vc_w" ;;
		esac
	done
	MR_V_TOKEN=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
	MR_V_CMDLINE="${_vc_args# } console=ttyS0,115200 rd.memdisk.verify=$MR_V_TOKEN panic=1${MR_V_APPEND:+ $MR_V_APPEND}"
	{
		echo "SERIAL 0 115200"
		echo "DEFAULT verify"
		echo "PROMPT 0"
		echo "TIMEOUT 0"
		echo "LABEL verify"
		echo "  KERNEL $MR_V_E_KERNEL"
		echo "  APPEND initrd=$(echo "$MR_V_E_INITRDS" | tr ' ' ',') $MR_V_CMDLINE"
	} >"$_vc/syslinux.cfg"
	{
		echo "serial --unit=0 --speed=115200"
		echo "terminal_input serial console"
		echo "terminal_output serial console"
		echo "set timeout=0"
		echo "set default=0"
		echo "menuentry 'verify' {"
		echo "	linux $MR_V_E_KERNEL $MR_V_CMDLINE"
		echo "	initrd $MR_V_E_INITRDS"
		echo "}"
	} >"$_vc/grub.cfg"
	: >"$_vc/maps"
	while IFS="$MR_TAB" read -r _vc_k _vc_top _vc_p; do
		case $(printf '%s\n' "${_vc_p##*/}" | tr '[:upper:]' '[:lower:]') in
		isolinux.cfg | syslinux.cfg | extlinux.conf) printf '%s\t%s\n' "$_vc/syslinux.cfg" "$_vc_p" ;;
		grub.cfg) printf '%s\t%s\n' "$_vc/grub.cfg" "$_vc_p" ;;
		esac
	done <"$MR_WORK/cfg/roots" >>"$_vc/maps"
	[ -s "$_vc/maps" ] || mr_die "no isolinux.cfg, syslinux.cfg or grub.cfg to point at the entry"
}

_mr_v_copy() {
	set -- -indev "$MR_ISO" -outdev "$MR_WORK/verify/boot.iso" -boot_image any replay -padding included
	while IFS="$MR_TAB" read -r _vy_l _vy_p; do
		set -- "$@" -map "$_vy_l" "$_vy_p"
	done <"$MR_WORK/verify/maps"
	xorriso -abort_on FAILURE -report_about WARNING "$@" >"$MR_WORK/verify/xorriso.log" 2>&1 ||
		xorriso -abort_on FAILURE -report_about WARNING "$@" -hfsplus off >"$MR_WORK/verify/xorriso.log" 2>&1 ||
		mr_die "cannot write the boot copy: $(grep -m1 -e FAILURE -e SORRY "$MR_WORK/verify/xorriso.log")"
	MR_V_SIZE=$(mr_size "$MR_WORK/verify/boot.iso")
	MR_V_SHA=$(mr_sha256 "$MR_WORK/verify/boot.iso")
}

_mr_v_accel() {
	if [ -n "${MR_V_ACCEL:-}" ]; then
		:
	elif [ -c /dev/kvm ] && [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
		MR_V_ACCEL=kvm
	else
		MR_V_ACCEL=tcg
	fi
}

# _mr_v_qemu ARGS...: start QEMU in the background, serial console to the log.
_mr_v_qemu() {
	_vq_cpu=
	[ "$MR_V_ACCEL" = kvm ] && _vq_cpu="-cpu host"
	_vq_machine="pc,accel=$MR_V_ACCEL,graphics=off"
	[ "$MR_V_MACHINE" = pc ] || _vq_machine="$MR_V_MACHINE,accel=$MR_V_ACCEL"
	# shellcheck disable=SC2086 # $_vq_cpu: zero or two words
	timeout --kill-after=5 "$MR_V_TIMEOUT" "$MR_V_QEMU" -machine "$_vq_machine" $_vq_cpu \
		-nodefaults -m "$MR_V_MEMORY" -display none -no-reboot -monitor none \
		-serial "file:$MR_V_SERIAL" "$@" </dev/null >"$MR_WORK/verify/qemu.log" 2>&1 &
	MR_QEMU_PID=$!
}

mr_verify_boot_memdisk() {
	[ -f "$MR_V_MEMDISK" ] || mr_die "$MR_V_MEMDISK is missing (apt-get install syslinux-common)"
	_mr_v_qemu -kernel "$MR_V_MEMDISK" -initrd "$1" -append "$MR_V_MEMDISK_ARGS"
}

mr_verify_boot_cdrom() {
	_mr_v_qemu -drive "file=$1,media=cdrom,readonly=on,if=ide" -boot d
}

# Lines worth showing when something went wrong.
MR_V_RELEVANT='memdisk|MEMDISK|phram|mtd|pmem|nfit|NFIT|medium|live|dracut|casper|archiso|squashfs|[Pp]anic|[Ee]rror|ERROR|[Ff]ail|[Ww]arning|not found|does not exist|[Ee]mergency|Waiting|mount|VFS|Ramdisk'
MR_V_FAILED='[Uu]nable to find a medium|/dev/disk/by-[a-z]+/[^ ]* does not exist|Could not boot|Kernel panic|emergency shell|Entering emergency mode|You are in emergency mode|Cannot open root device|Gave up waiting|device did not show up|ERROR: device .* not found'

_mr_v_log() {
	tr -d '\r' <"$MR_V_SERIAL" 2>/dev/null
}

# _mr_v_watch: follow the boot until the verdict, a failure, QEMU's end or
# the timeout; progress lines as milestones are reached.
_mr_v_watch() {
	_vw_seen=
	_vw_fail_at=
	MR_V_END=
	while :; do
		_vw_alive=1
		kill -0 "$MR_QEMU_PID" 2>/dev/null || _vw_alive=0
		_mr_v_log >"$MR_WORK/verify/log.txt"
		_vw_l=$MR_WORK/verify/log.txt
		for _vw_m in memdisk linux attach verdict; do
			case " $_vw_seen " in *" $_vw_m "*) continue ;; esac
			case $_vw_m in
			memdisk)
				if [ "$MR_V_MODE" = uefi-http ]; then
					_vw_hit=$(mr_verify_uefi_fetched)
					[ -z "$_vw_hit" ] || _vw_hit="HTTP Boot downloaded the ISO ($_vw_hit)"
				else
					_vw_hit=$(grep -m1 -E '^MEMDISK [0-9]|Ramdisk at' "$_vw_l")
				fi
				;;
			linux) _vw_hit=$(grep -m1 -E 'Linux version [^ ]+' "$_vw_l" | sed 's/.*\(Linux version [^ ]*\).*/\1/') ;;
			attach) _vw_hit=$(grep -m1 -E 'memdisk(-phram)?: .*(attached|MEMDISK image)|memdisk: ' "$_vw_l") ;;
			verdict) _vw_hit=$(grep -m1 "MEMDISK-VERIFY token=$MR_V_TOKEN " "$_vw_l") ;;
			esac
			[ -n "$_vw_hit" ] || continue
			_vw_seen="$_vw_seen $_vw_m"
			case $_vw_m in
			memdisk) _mr_v_say "firmware: $(printf '%s\n' "$_vw_hit" | cut -c1-100)" ;;
			linux) _mr_v_say "kernel started: $_vw_hit" ;;
			attach) _mr_v_say "initramfs: $(printf '%s\n' "$_vw_hit" | cut -c1-120)" ;;
			verdict) _mr_v_say "the guest reported its medium and live root" ;;
			esac
		done
		if mr_words_contain verdict "$_vw_seen"; then
			if [ -z "$MR_V_EXPECT" ] || grep -Eq -- "$MR_V_EXPECT" "$_vw_l"; then
				MR_V_END=verdict
				break
			fi
		fi
		if [ -z "$_vw_fail_at" ] && grep -Eq "$MR_V_FAILED" "$_vw_l"; then
			_vw_fail_at=$(date +%s)
			_mr_v_say "failure message: $(grep -m1 -E "$MR_V_FAILED" "$_vw_l" | cut -c1-120)"
		fi
		# A failure message: give the guest 10 s more (a fallback, or
		# the panic), then stop.
		if [ -n "$_vw_fail_at" ] && [ $(($(date +%s) - _vw_fail_at)) -ge 10 ]; then
			MR_V_END=failure
			break
		fi
		if [ "$_vw_alive" = 0 ]; then
			wait "$MR_QEMU_PID" 2>/dev/null
			_vw_rc=$?
			MR_QEMU_PID=
			_mr_v_log >"$_vw_l"
			if grep -q "MEMDISK-VERIFY token=$MR_V_TOKEN " "$_vw_l" && { [ -z "$MR_V_EXPECT" ] || grep -Eq -- "$MR_V_EXPECT" "$_vw_l"; }; then
				MR_V_END=verdict
			elif [ "$_vw_rc" = 124 ] || [ "$_vw_rc" = 137 ]; then
				MR_V_END=timeout
			else
				MR_V_END="qemu-exit-$_vw_rc"
			fi
			break
		fi
		sleep 1
	done
	mr_verify_stop_qemu
	_mr_v_log >"$MR_WORK/verify/log.txt"
}

# _mr_v_field NAME: a field of the verdict line.
_mr_v_field() {
	printf '%s\n' "$MR_V_VERDICT" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1
}

# _mr_v_expected_sha SIZE: sha256 of the copy as the guest sees SIZE bytes
# of it (MEMDISK rounds up to whole sectors with zeros).
_mr_v_expected_sha() {
	if [ "$1" = "$MR_V_SIZE" ]; then
		echo "$MR_V_SHA"
	elif [ "$1" -gt "$MR_V_SIZE" ] && [ $(($1 - MR_V_SIZE)) -lt 4096 ]; then
		{
			cat "$MR_WORK/verify/boot.iso"
			head -c $(($1 - MR_V_SIZE)) /dev/zero
		} | sha256sum | cut -d' ' -f1
	else
		echo "size-mismatch"
	fi
}

_mr_v_decide() {
	# The verdict may follow other console output on its line.
	MR_V_VERDICT=$(grep -m1 -o "MEMDISK-VERIFY token=$MR_V_TOKEN .*" "$MR_WORK/verify/log.txt")
	MR_V_WHY=
	if [ -z "$MR_V_VERDICT" ]; then
		_vd_fail=$(grep -m1 -E "$MR_V_FAILED" "$MR_WORK/verify/log.txt" | cut -c1-160)
		if [ -n "$_vd_fail" ]; then
			MR_V_WHY="the live system did not find its medium: $_vd_fail"
		elif [ "$MR_V_END" = timeout ]; then
			MR_V_WHY="no verdict from the guest within $MR_V_TIMEOUT s"
		else
			MR_V_WHY="the guest stopped ($MR_V_END) without a verdict (an initramfs without memdisk-verify, or the boot died)"
		fi
		return 1
	fi
	_vd_att=$(_mr_v_field attached)
	_vd_med=$(_mr_v_field medium)
	_vd_init=$(_mr_v_field init)
	_vd_root=$(_mr_v_field root)
	if [ "$MR_V_CDROM" = 1 ]; then
		case $_vd_med in
		/dev/sr[0-9]*) ;;
		*)
			MR_V_WHY="the medium is $_vd_med, not the CD drive"
			return 1
			;;
		esac
		[ "$_vd_att" = none ] || {
			MR_V_WHY="a RAM disk was attached ($_vd_att) without MEMDISK"
			return 1
		}
	else
		[ "$_vd_att" != none ] || {
			MR_V_WHY="memdisk-phram attached nothing (medium: $_vd_med)"
			return 1
		}
		# A partition of the RAM disk is on it too: the kernel reads the
		# isohybrid MBR of a pmem disk (mtdblock is not partitioned), and
		# live-boot may mount /dev/pmem0p1, which starts at byte 0.
		case $_vd_med in
		"$_vd_att") MR_V_MEDIUM_IS="= the RAM disk" ;;
		"$_vd_att"p[0-9]*) MR_V_MEDIUM_IS="= partition ${_vd_med##*p} of the RAM disk $_vd_att" ;;
		*)
			MR_V_WHY="the live system's medium is $_vd_med, not the RAM disk $_vd_att"
			return 1
			;;
		esac
		_vd_size=$(_mr_v_field size)
		_vd_sha=$(_mr_v_field sha256)
		_vd_want=$(_mr_v_expected_sha "${_vd_size:-0}")
		[ "$_vd_sha" = "$_vd_want" ] || {
			MR_V_WHY="the RAM disk's sha256 ($_vd_size bytes) is $_vd_sha, the ISO's is $MR_V_SHA ($MR_V_SIZE bytes)"
			return 1
		}
	fi
	if [ "$_vd_root" = none ] || [ "$_vd_init" = none ]; then
		MR_V_WHY="the live root is not mounted (root=$_vd_root, init=$_vd_init)"
		return 1
	fi
	if [ -n "$MR_V_EXPECT" ] && ! grep -Eq -- "$MR_V_EXPECT" "$MR_WORK/verify/log.txt"; then
		MR_V_WHY="no line matching --expect '$MR_V_EXPECT'"
		return 1
	fi
	return 0
}

mr_verify_main() {
	MR_ISO=$1
	MR_IN=$1
	[ -f "$MR_ISO" ] || mr_die "$MR_ISO: no such file"
	mr_need xorriso xorriso
	mr_need "$MR_V_QEMU" qemu-system-x86
	mr_need timeout coreutils
	case $MR_V_TIMEOUT in '' | *[!0-9]*) mr_usage_error "--timeout takes whole seconds" ;; esac
	mr_work_init
	mkdir -p "$MR_WORK/verify"
	MR_START=$(mr_now)
	mr_iso_inspect "$MR_ISO"
	[ "$MR_V_UEFI" != 1 ] || mr_verify_uefi_check "$MR_ISO"
	mr_cfg_discover "$MR_ISO"
	_mr_v_pick
	_mr_v_configs
	_mr_v_copy
	_mr_v_accel
	if [ -z "$MR_V_MEMORY" ]; then
		MR_V_MEMORY=$((1024 + (MR_V_SIZE + 1048575) / 1048576))
	fi
	MR_V_SERIAL=$MR_WORK/verify/serial.log
	: >"$MR_V_SERIAL"
	if [ "$MR_V_UEFI" = 1 ]; then
		MR_V_MODE=uefi-http
	elif [ "$MR_V_CDROM" = 1 ]; then
		MR_V_MODE=cdrom
	else
		MR_V_MODE=memdisk
	fi
	mr_say "verify: $MR_ISO, entry \"$MR_V_E_LABEL\" ($MR_V_E_CFG): $MR_V_E_KERNEL, initrds $MR_V_E_INITRDS"
	case $MR_V_MODE in
	memdisk) _v_how="MEMDISK ($MR_V_MEMDISK_ARGS)" ;;
	uefi-http) _v_how="OVMF's UEFI HTTP Boot of $MR_V_UEFI_URL ($MR_V_OVMF_CODE)" ;;
	*) _v_how=$MR_V_MODE ;;
	esac
	mr_say "verify: booting through $_v_how in QEMU ($MR_V_ACCEL, $MR_V_MEMORY MiB, timeout $MR_V_TIMEOUT s)"
	MR_V_T0=$(mr_now)
	case $MR_V_MODE in
	memdisk) mr_verify_boot_memdisk "$MR_WORK/verify/boot.iso" ;;
	cdrom) mr_verify_boot_cdrom "$MR_WORK/verify/boot.iso" ;;
	uefi-http) mr_verify_boot_uefi_http "$MR_WORK/verify/boot.iso" ;;
	esac
	_mr_v_watch
	MR_V_SECONDS=$(mr_elapsed "$MR_V_T0")
	[ -z "$MR_V_LOG" ] || cp "$MR_WORK/verify/log.txt" "$MR_V_LOG" 2>/dev/null || mr_warn "cannot write $MR_V_LOG"
	if _mr_v_decide; then
		_v_status=pass
		if [ "$MR_V_MODE" = cdrom ]; then
			mr_say "PASS: $MR_V_MODE boot of \"$MR_V_E_LABEL\" in $MR_V_SECONDS s: medium $(_mr_v_field medium) (the CD drive; no RAM disk), live root $(_mr_v_field root) ($(_mr_v_field rootfs)), init $(_mr_v_field init)"
		else
			mr_say "PASS: $MR_V_MODE boot of \"$MR_V_E_LABEL\" in $MR_V_SECONDS s: medium $(_mr_v_field medium) $MR_V_MEDIUM_IS ($(_mr_v_field via), $(_mr_v_field size) bytes, sha256 equal to the ISO's), live root $(_mr_v_field root) ($(_mr_v_field rootfs)) from $(_mr_v_field backing), init $(_mr_v_field init)"
		fi
		_v_rc=0
	else
		_v_status=fail
		mr_say "FAIL: $MR_V_MODE boot of \"$MR_V_E_LABEL\" after $MR_V_SECONDS s: $MR_V_WHY"
		if [ "$MR_JSON" != 1 ]; then
			mr_say "  serial console (relevant lines):"
			grep -E "$MR_V_RELEVANT" "$MR_WORK/verify/log.txt" | grep -v '^MEMDISK-VERIFY-INFO' | tail -n 25 | sed 's/^/    /'
			[ -z "$MR_V_LOG" ] && mr_say "  (the whole log: --log FILE)"
		fi
		_v_rc=1
	fi
	if [ "$MR_JSON" = 1 ]; then
		printf '{"status":%s,"exit":%s,"iso":%s,"mode":%s,"accel":%s,"memory_mib":%s,"entry":%s,"config":%s,"kernel":%s,"initrds":%s,"cmdline":%s,"seconds":%s,"reason":%s,"verdict":%s,"iso_sha256":%s,"iso_size":%s}\n' \
			"$(mr_json_str "$_v_status")" "$_v_rc" "$(mr_json_str "$MR_ISO")" "$(mr_json_str "$MR_V_MODE")" \
			"$(mr_json_str "$MR_V_ACCEL")" "$MR_V_MEMORY" "$(mr_json_str "$MR_V_E_LABEL")" "$(mr_json_str "$MR_V_E_CFG")" \
			"$(mr_json_str "$MR_V_E_KERNEL")" "$(mr_json_str "$MR_V_E_INITRDS")" "$(mr_json_str "$MR_V_CMDLINE")" \
			"$MR_V_SECONDS" "$(mr_json_str "$MR_V_WHY")" "$(mr_json_str "${MR_V_VERDICT:-}")" \
			"$(mr_json_str "$MR_V_SHA")" "$MR_V_SIZE"
	fi
	return "$_v_rc"
}
