# mk/remaster.mk: memdisk-remaster (remaster/), the tool that makes a
# published live ISO boot from RAM through MEMDISK without rebuilding it.
# SPDX-License-Identifier: GPL-2.0-or-later
# Included by the top-level Makefile before its rules.
#
#   make install-remaster   $(PREFIX)/bin/memdisk-remaster, its parts in
#                           $(PKGLIBDIR)/remaster, memdisk-remaster(1)
#   make check-remaster     unit tests without QEMU (tests/remaster/run)
#   make check-boot-remaster
#                           real generators' ISOs remastered and booted
#                           through MEMDISK and as CDs (tests/boot/remaster)

BINDIR ?= $(PREFIX)/bin
REMASTER_LIB := $(wildcard remaster/lib/*.sh) remaster/lib/cfg.awk
REMASTER_GUEST_SH := remaster/guest/memdisk-verify remaster/guest/initramfs-tools-init-bottom \
	remaster/guest/dracut-pre-pivot.sh remaster/guest/mkinitcpio-hook
REMASTER_C := remaster/guest/sha256.c remaster/guest/memdisk-sha256.c
REMASTER_H := remaster/guest/sha256.h
# --verify --uefi: the HTTP responder QEMU's slirp runs per connection and
# the OVMF boot entry's encoding (shared with tests/boot/lib-uefi.sh).
REMASTER_UEFI := remaster/uefi/http-serve remaster/uefi/ovmf-bootvars.sh

ALL_TARGETS += $(B)/memdisk-sha256
INSTALL_TARGETS += install-remaster
CHECK_FAST_TARGETS += check-remaster
CHECK_BOOT_TARGETS += check-boot-remaster
# The tool's own needs (xorriso, cpio, unsquashfs, depmod/modinfo, debugfs
# for LiveOS/rootfs.img, the decompressors of initramfs archives), and the
# unit tests' (jq checks the JSON, gcc builds fake kernel modules, --verify
# --uefi builds the OVMF shell's FAT disk).
REMASTER_PKGS := xorriso cpio squashfs-tools zstd xz-utils lz4 bzip2 kmod e2fsprogs util-linux fdisk coreutils
CHECK_PKGS += $(REMASTER_PKGS) jq isolinux syslinux-common dash dosfstools mtools
# The boot tests: the generators (without our hooks), GRUB for the
# GRUB-only and EFI images, QEMU and MEMDISK.
BOOT_PKGS += $(REMASTER_PKGS) qemu-system-x86 syslinux-common isolinux grub-pc-bin grub-efi-amd64-bin grub-common \
	mtools dosfstools initramfs-tools live-boot live-boot-initramfs-tools dracut-core dracut-live systemd udev \
	busybox-static jq ovmf
SHELL_SOURCES += remaster/memdisk-remaster $(filter %.sh,$(REMASTER_LIB)) $(REMASTER_GUEST_SH) $(REMASTER_UEFI) \
	tests/remaster/run tests/remaster/lib.sh tests/remaster/fixtures.sh tests/remaster/fake-qemu \
	tests/boot/generators.sh tests/boot/remaster/run tests/boot/remaster/isos.sh tests/boot/remaster/casper/casper \
	tests/boot/remaster/archiso/archiso tests/boot/remaster/archiso/init

.PHONY: install-remaster check-remaster check-boot-remaster lint-remaster format-remaster

# The proof's hasher goes into initramfs images: static (klibc when klcc
# exists, else glibc -static), so that it needs no library of the image.
ifeq ($(HAVE_KLCC),yes)
$(B)/memdisk-sha256: $(REMASTER_C) $(REMASTER_H) | $(B)
	$(KLCC) -static -Os -std=c99 -D_DEFAULT_SOURCE -Iremaster/guest $(WARN) -Wno-conversion \
		-fno-asynchronous-unwind-tables -fno-unwind-tables -fno-stack-protector -s -o $@ $(REMASTER_C)
else
$(B)/memdisk-sha256: $(REMASTER_C) $(REMASTER_H) | $(B)
	$(CC) -static -O2 -std=c99 -D_DEFAULT_SOURCE -Iremaster/guest $(WARN) -s -o $@ $(REMASTER_C)
endif

$(B)/test_sha256: tests/remaster/test_sha256.c remaster/guest/sha256.c $(REMASTER_H) | $(B)
	$(CC) $(ALL_CFLAGS) -Iremaster/guest -o $@ tests/remaster/test_sha256.c remaster/guest/sha256.c $(CMOCKA_LIBS)

# The parts are installed beside each other in $(PKGLIBDIR)/remaster; the
# program and the kit learn those paths from the two rewritten lines. The
# kit is the generator pieces an overlay carries (each generator's hook is
# installed from its own source, as its generator integration does).
install-remaster: $(B)/memdisk-sha256
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(PKGLIBDIR)/remaster/lib $(DESTDIR)$(PKGLIBDIR)/remaster/kit \
		$(DESTDIR)$(PKGLIBDIR)/remaster/uefi \
		$(DESTDIR)$(MANDIR)/man1
	sed -e 's|^MR_LIBDIR_INSTALLED=.*|MR_LIBDIR_INSTALLED=$(PKGLIBDIR)/remaster/lib|' remaster/memdisk-remaster \
		>$(DESTDIR)$(BINDIR)/memdisk-remaster.tmp
	chmod 0755 $(DESTDIR)$(BINDIR)/memdisk-remaster.tmp
	mv $(DESTDIR)$(BINDIR)/memdisk-remaster.tmp $(DESTDIR)$(BINDIR)/memdisk-remaster
	for f in $(REMASTER_LIB); do install -m 0644 $$f $(DESTDIR)$(PKGLIBDIR)/remaster/lib/; done
	sed -e 's|^MR_PKGLIBDIR=/.*|MR_PKGLIBDIR=$(PKGLIBDIR)|' remaster/lib/kit.sh >$(DESTDIR)$(PKGLIBDIR)/remaster/lib/kit.sh
	install -m 0755 hooks/initramfs-tools/scripts/init-premount/memdisk-phram $(DESTDIR)$(PKGLIBDIR)/remaster/kit/itools-premount
	install -m 0755 hooks/dracut/90memdisk-phram/memdisk-phram-attach.sh $(DESTDIR)$(PKGLIBDIR)/remaster/kit/dracut-hook
	install -m 0755 hooks/mkinitcpio/hooks/memdisk-phram $(DESTDIR)$(PKGLIBDIR)/remaster/kit/mkinitcpio-hook
	install -m 0644 hooks/mkinitcpio/memdisk-phram.service $(DESTDIR)$(PKGLIBDIR)/remaster/kit/mkinitcpio-unit
	install -m 0644 udev/61-memdisk-phram.rules $(DESTDIR)$(PKGLIBDIR)/remaster/kit/udev-rule
	install -m 0755 remaster/guest/memdisk-verify $(DESTDIR)$(PKGLIBDIR)/remaster/kit/verify
	install -m 0755 remaster/guest/initramfs-tools-init-bottom $(DESTDIR)$(PKGLIBDIR)/remaster/kit/verify-itools
	install -m 0755 remaster/guest/dracut-pre-pivot.sh $(DESTDIR)$(PKGLIBDIR)/remaster/kit/verify-dracut
	install -m 0755 remaster/guest/mkinitcpio-hook $(DESTDIR)$(PKGLIBDIR)/remaster/kit/verify-mkinitcpio
	install -m 0644 remaster/guest/memdisk-verify.service $(DESTDIR)$(PKGLIBDIR)/remaster/kit/verify-unit
	install -m 0755 $(B)/memdisk-sha256 $(DESTDIR)$(PKGLIBDIR)/memdisk-sha256
	install -m 0755 remaster/uefi/http-serve $(DESTDIR)$(PKGLIBDIR)/remaster/uefi/http-serve
	install -m 0644 remaster/uefi/ovmf-bootvars.sh $(DESTDIR)$(PKGLIBDIR)/remaster/uefi/ovmf-bootvars.sh
	install -m 0644 remaster/memdisk-remaster.1 $(DESTDIR)$(MANDIR)/man1/memdisk-remaster.1

check-remaster: all $(B)/test_sha256
	$(B)/test_sha256
	tests/remaster/run

check-boot-remaster: all
	tests/boot/remaster/run

# The C files follow the tree's .clang-format (make lint, make format).
lint: lint-remaster
lint-remaster:
	clang-format --dry-run -Werror $(REMASTER_C) $(REMASTER_H) tests/remaster/test_sha256.c
format: format-remaster
format-remaster:
	clang-format -i $(REMASTER_C) $(REMASTER_H) tests/remaster/test_sha256.c
