# mk/initramfs-tools.mk: the initramfs-tools integration (hooks/initramfs-tools/),
# included by the top-level Makefile.
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   make install-initramfs-tools      the build hook and the boot script under
#                                     $(PREFIX)/share/initramfs-tools/
#   make check-initramfs-tools-unit   unit tests of the boot script (no QEMU)
#   make check-boot-initramfs-tools   live-boot ISOs booted through MEMDISK

ITOOLS_SRC := hooks/initramfs-tools
ITOOLS_DIR := $(PREFIX)/share/initramfs-tools
# Where the shared udev rule is installed (the hook copies it from there).
UDEVRULESDIR ?= $(PREFIX)/lib/udev/rules.d

INSTALL_TARGETS += install-initramfs-tools
CHECK_UNIT_TARGETS += check-initramfs-tools-unit
CHECK_BOOT_TARGETS += check-boot-initramfs-tools
# mkinitramfs, live-boot for the live ISO, squashfs for its root; syslinux-utils
# (its memdiskfind) for the case where live-boot's own memdisk code is present.
BOOT_PKGS += initramfs-tools live-boot live-boot-initramfs-tools squashfs-tools zstd syslinux-utils util-linux
SHELL_SOURCES += $(ITOOLS_SRC)/hooks/memdisk-phram $(ITOOLS_SRC)/scripts/init-premount/memdisk-phram \
	tests/hooks/initramfs-tools/run tests/boot/initramfs-tools/run

# The hook learns where our runtime and the udev rule live on the build host;
# the rule itself is installed by install-udev (mk/dracut.mk).
install-initramfs-tools: install-udev
	install -d $(DESTDIR)$(ITOOLS_DIR)/hooks $(DESTDIR)$(ITOOLS_DIR)/scripts/init-premount
	sed -e 's|^pkglibdir=.*|pkglibdir=$(PKGLIBDIR)|' -e 's|^udevrulesdir=.*|udevrulesdir=$(UDEVRULESDIR)|' \
		$(ITOOLS_SRC)/hooks/memdisk-phram >$(DESTDIR)$(ITOOLS_DIR)/hooks/memdisk-phram
	chmod 0755 $(DESTDIR)$(ITOOLS_DIR)/hooks/memdisk-phram
	install -m 0755 $(ITOOLS_SRC)/scripts/init-premount/memdisk-phram \
		$(DESTDIR)$(ITOOLS_DIR)/scripts/init-premount/memdisk-phram

check-initramfs-tools-unit:
	tests/hooks/initramfs-tools/run

check-boot-initramfs-tools:
	tests/boot/initramfs-tools/run
