# mk/mkinitcpio.mk: the mkinitcpio integration (Arch Linux, archiso and its
# derivatives). Included by the top-level Makefile.
# SPDX-License-Identifier: GPL-2.0-or-later

INITCPIODIR ?= $(PREFIX)/lib/initcpio
MKINITCPIO_SRC := hooks/mkinitcpio

INSTALL_TARGETS += install-mkinitcpio
CHECK_UNIT_TARGETS += check-mkinitcpio
CHECK_BOOT_TARGETS += check-boot-mkinitcpio
CHECK_PKGS += bats systemd
# The boot tests run Debian's systemd-udevd, and systemd as PID 1, in their initramfs.
BOOT_PKGS += udev systemd busybox-static cpio kmod xorriso
SHELL_SOURCES += $(MKINITCPIO_SRC)/install/memdisk-phram $(MKINITCPIO_SRC)/hooks/memdisk-phram \
	tests/hooks/mkinitcpio/run tests/hooks/mkinitcpio/helpers.bash \
	tests/boot/mkinitcpio/run tests/boot/mkinitcpio/init tests/boot/mkinitcpio/init_functions \
	tests/boot/mkinitcpio/hooks/udev tests/boot/mkinitcpio/hooks/archiso-probe \
	tests/boot/mkinitcpio/systemd-image tests/boot/mkinitcpio/systemd-init

.PHONY: install-mkinitcpio check-mkinitcpio check-boot-mkinitcpio

# The install hook names the host paths of our pieces in two lines that are
# rewritten here, so PREFIX and PKGLIBDIR take effect. The systemd unit stays
# beside the hooks; build() copies it into the image's unit directory.
install-mkinitcpio:
	install -d $(DESTDIR)$(INITCPIODIR)/install $(DESTDIR)$(INITCPIODIR)/hooks $(DESTDIR)$(INITCPIODIR)/udev
	sed -e 's|^_memdisk_phram_libdir=.*|_memdisk_phram_libdir=$(PKGLIBDIR)|' \
	    -e 's|^_memdisk_phram_initcpiodir=.*|_memdisk_phram_initcpiodir=$(INITCPIODIR)|' \
	    $(MKINITCPIO_SRC)/install/memdisk-phram >$(DESTDIR)$(INITCPIODIR)/install/memdisk-phram.tmp
	chmod 0644 $(DESTDIR)$(INITCPIODIR)/install/memdisk-phram.tmp
	mv $(DESTDIR)$(INITCPIODIR)/install/memdisk-phram.tmp $(DESTDIR)$(INITCPIODIR)/install/memdisk-phram
	install -m 0644 $(MKINITCPIO_SRC)/hooks/memdisk-phram $(DESTDIR)$(INITCPIODIR)/hooks/memdisk-phram
	install -m 0644 $(MKINITCPIO_SRC)/memdisk-phram.service $(DESTDIR)$(INITCPIODIR)/memdisk-phram.service
	install -m 0644 udev/61-memdisk-phram.rules $(DESTDIR)$(INITCPIODIR)/udev/61-memdisk-phram.rules

check-mkinitcpio:
	tests/hooks/mkinitcpio/run

check-boot-mkinitcpio:
	tests/boot/mkinitcpio/run
