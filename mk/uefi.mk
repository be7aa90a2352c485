# mk/uefi.mk: UEFI HTTP Boot (issue 11): the OVMF harness, the NFIT dumps and
# (as they land) the UEFI boot cases. Included by the top-level Makefile.
# SPDX-License-Identifier: GPL-2.0-or-later

# OVMF (RamDiskDxe, HttpBootDxe), GRUB for the test images' El Torito EFI
# image, FAT and GPT tools without loop devices, xxd to turn the guests' hex
# dumps back into tables.
BOOT_PKGS += ovmf grub-efi-amd64-bin grub-common mtools dosfstools fdisk xxd
CHECK_FAST_TARGETS += check-uefi-harness
SHELL_SOURCES += tests/boot/lib-uefi.sh tests/boot/uefi/http-serve tests/boot/uefi/nfit-guest-init \
	tests/boot/uefi/dump-nfit tests/boot/uefi/test-harness

.PHONY: check-uefi-harness nfit-dumps

# The HTTP responder and the boot-entry encoding, on the host (no QEMU).
check-uefi-harness:
	tests/boot/uefi/test-harness

# Boot OVMF's HTTP Boot four times and save the NFIT each guest saw
# (tests/fixtures/nfit was made this way).
NFIT_DUMPS ?= $(B)/nfit-dumps
nfit-dumps: deps-boot
	tests/boot/uefi/dump-nfit $(NFIT_DUMPS)
