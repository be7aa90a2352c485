# mk/packaging.mk: Debian, RPM and Arch packages (packaging/), their checks,
# and the check that nothing we install collides with other packages.
# SPDX-License-Identifier: GPL-2.0-or-later
# Included by the top-level Makefile. See doc/PACKAGING.md.
#
#   make packages          all three, from `git archive HEAD` (committed
#                          files only), into build/packages/{deb,rpm,arch}
#   make deb|rpm|arch      one of them
#   make check-packages    packages, then tests/packages/run (file lists,
#                          lintian, rpmlint, scratch-root installs) and
#                          tests/boot/packages/run (initramfs images built
#                          from the installed .deb set, booted through MEMDISK)
#   make check-collisions  nothing make install installs collides with
#                          syslinux, mkinitcpio or dracut (part of check-unit)

# The packaging tools, the Build-Depends of packaging/debian/control, bsdtar
# and zstd for makepkg, and what the scratch root needs beside our packages.
PACKAGE_PKGS := dpkg-dev debhelper fakeroot lintian rpm rpmlint pacman-package-manager makepkg \
	libarchive-tools zstd file git \
	libklibc-dev libblkid-dev pkg-config bats busybox-static dash dosfstools e2fsprogs fdisk \
	groff-base isolinux klibc-utils libcmocka-dev syslinux-common systemd xorriso \
	syslinux-utils initramfs-tools dracut-core
BOOT_PKGS += $(PACKAGE_PKGS)
CHECK_UNIT_TARGETS += check-collisions
CHECK_BOOT_TARGETS += check-packages
SHELL_SOURCES += packaging/build tests/packages/collisions tests/packages/run tests/boot/packages/run

.PHONY: packages deb rpm arch check-packages check-collisions

packages:
	packaging/build

deb rpm arch:
	packaging/build $@

check-packages: deps-boot
	packaging/build
	tests/packages/run
	tests/boot/packages/run

check-collisions:
	tests/packages/collisions
