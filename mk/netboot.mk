# mk/netboot.mk: the real netboot chain (iPXE, PXELINUX) over QEMU's
# user-network TFTP. Included by the top-level Makefile.
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   make check-boot-netboot   the live-boot and the dracut live ISO (built and
#                             cached by their own tests) loaded by bookworm's
#                             and trixie's iPXE ROMs and by PXELINUX, booted
#                             through MEMDISK (tests/boot/netboot/run)

CHECK_BOOT_TARGETS += check-boot-netboot
# ipxe-qemu: the NIC option ROMs; pxelinux and syslinux-common: pxelinux.0,
# ldlinux.c32 and memdisk; debian-archive-keyring: trixie's ipxe-qemu is
# downloaded with a private apt configuration (tests/boot/fetch-deb). The
# ISOs come from the initramfs-tools and dracut tests (their packages are in
# mk/initramfs-tools.mk and mk/dracut.mk).
BOOT_PKGS += ipxe-qemu pxelinux syslinux-common qemu-system-x86 debian-archive-keyring
SHELL_SOURCES += tests/boot/netboot/run tests/boot/fetch-deb

.PHONY: check-boot-netboot

check-boot-netboot: all
	tests/boot/netboot/run
