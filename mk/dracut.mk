# mk/dracut.mk: the dracut module 90memdisk-phram and the shared udev rule.
# SPDX-License-Identifier: GPL-2.0-or-later
# Included by the top-level Makefile before its rules.

# Where udev (and the initramfs generators) look for rules.
UDEVRULESDIR ?= $(PREFIX)/lib/udev/rules.d
DRACUTMODDIR ?= $(PREFIX)/lib/dracut/modules.d

INSTALL_TARGETS += install-udev install-dracut
CHECK_BOOT_TARGETS += check-boot-dracut
# dracut-core + dracut-live coexist with initramfs-tools (the `dracut`
# metapackage does not); systemd is needed for the systemd-flavour image.
BOOT_PKGS += dracut-core dracut-live dmsetup squashfs-tools e2fsprogs systemd udev
SHELL_SOURCES += hooks/dracut/90memdisk-phram/module-setup.sh \
	hooks/dracut/90memdisk-phram/memdisk-phram-attach.sh \
	hooks/dracut/90memdisk-phram/memdisk_phram-errexit.sh \
	tests/boot/dracut/run

.PHONY: install-udev install-dracut check-boot-dracut

# The rule is shared by every generator integration: they find it here.
install-udev:
	install -d $(DESTDIR)$(UDEVRULESDIR)
	install -m 0644 udev/61-memdisk-phram.rules $(DESTDIR)$(UDEVRULESDIR)/61-memdisk-phram.rules

# module-setup.sh learns where memdiskfind, memdisk-attach and the rule live.
install-dracut: install-udev
	install -d $(DESTDIR)$(DRACUTMODDIR)/90memdisk-phram
	sed -e 's|@PKGLIBDIR@|$(PKGLIBDIR)|g' -e 's|@UDEVRULESDIR@|$(UDEVRULESDIR)|g' \
		hooks/dracut/90memdisk-phram/module-setup.sh >$(DESTDIR)$(DRACUTMODDIR)/90memdisk-phram/module-setup.sh
	chmod 0755 $(DESTDIR)$(DRACUTMODDIR)/90memdisk-phram/module-setup.sh
	install -m 0755 hooks/dracut/90memdisk-phram/memdisk-phram-attach.sh \
		$(DESTDIR)$(DRACUTMODDIR)/90memdisk-phram/memdisk-phram-attach.sh
	install -m 0755 hooks/dracut/90memdisk-phram/memdisk_phram-errexit.sh \
		$(DESTDIR)$(DRACUTMODDIR)/90memdisk-phram/memdisk_phram-errexit.sh

check-boot-dracut: all
	tests/boot/dracut/run
