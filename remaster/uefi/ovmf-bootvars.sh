# shellcheck shell=sh
# remaster/uefi/ovmf-bootvars.sh: the content of an OVMF boot entry that
# starts UEFI HTTP Boot of one URL, shared by memdisk-remaster --verify --uefi
# (remaster/lib/verify-uefi.sh) and the test harness (tests/boot/lib-uefi.sh).
# Sourced, never run; no I/O but stdout.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Why a boot entry: OVMF's own HTTP Boot options take the URL from DHCP
# (vendor class "HTTPClient"), which QEMU's slirp does not offer; an entry
# whose device path is only Uri(URL) makes HttpBootDxe fetch URL directly.
# The entry is written into a copy of OVMF's VARS file by one boot of the
# OVMF shell, whose startup.nsh (ovmf_startup_nsh) sets Boot0100 and
# BootNext and powers the machine off.
#
#   ovmf_load_option URL DESCRIPTION   hex of the EFI_LOAD_OPTION
#   ovmf_startup_nsh HEX MARKER        the startup.nsh; it prints MARKER at
#                                      the start of a line when it ran to
#                                      the end (the echo of the command
#                                      itself shows it after the prompt)

# EFI_GLOBAL_VARIABLE: Boot####, BootNext, BootOrder.
OVMF_GLOBAL_GUID=8BE4DF61-93CA-11D2-AA0D-00E098032B8C

# _ovmf_hex_u16 N / _ovmf_hex_u32 N: little-endian hex.
_ovmf_hex_u16() {
	printf '%02x%02x' $(($1 & 255)) $((($1 >> 8) & 255))
}
_ovmf_hex_u32() {
	printf '%s%s' "$(_ovmf_hex_u16 $(($1 & 65535)))" "$(_ovmf_hex_u16 $((($1 >> 16) & 65535)))"
}

# ovmf_load_option URL DESCRIPTION: an active EFI_LOAD_OPTION whose device
# path is Uri(URL) (messaging, subtype 24) + End; the description in UCS-2.
ovmf_load_option() (
	uri=$(printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n')
	desc=$(printf '%s' "$2" | od -An -v -tx1 | tr -d ' \n' | sed 's/\(..\)/\100/g')0000
	node=$((4 + ${#1}))
	printf '%s' "$(_ovmf_hex_u32 1)$(_ovmf_hex_u16 $((node + 4)))$desc"
	printf '0318%s%s7fff0400\n' "$(_ovmf_hex_u16 "$node")" "$uri"
)

# ovmf_startup_nsh HEX MARKER: Boot0100 = HEX, BootNext = 0100, then off.
ovmf_startup_nsh() {
	cat <<EOF
setvar Boot0100 -guid $OVMF_GLOBAL_GUID -bs -rt -nv =H$1
setvar BootNext -guid $OVMF_GLOBAL_GUID -bs -rt -nv =H0001
setvar Boot0100 -guid $OVMF_GLOBAL_GUID
echo $2
reset -s
EOF
}
