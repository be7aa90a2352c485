# mk/matrix.mk: the boot matrix, our pieces under newer Debian tools than the
# host's (issue 14): Debian 13 (trixie) and unstable (sid) kernels, dracut,
# systemd and initramfs-tools, downloaded and unpacked privately
# (tests/boot/suite-apt, suite-root, root-run), never installed on the host.
# SPDX-License-Identifier: GPL-2.0-or-later
# Included by the top-level Makefile.
#
#   make check-boot-matrix   tests/boot/matrix/run: every group, two QEMU
#                            boots at a time, a per-case timing table
#   make boot-matrix-doc     the same, and its table into doc/BOOT-MATRIX.md

CHECK_BOOT_TARGETS += check-boot-matrix
# apt's keyring for the other suites; unshare, chroot, flock (util-linux,
# coreutils); dpkg-deb and tar unpack; xz and zstd decompress modules.
BOOT_PKGS += debian-archive-keyring apt dpkg tar util-linux coreutils xz-utils zstd kmod
SHELL_SOURCES += tests/boot/suite-apt tests/boot/suite-root tests/boot/root-run tests/boot/matrix/run

.PHONY: check-boot-matrix

check-boot-matrix: all
	tests/boot/matrix/run

.PHONY: boot-matrix-doc
# The same run, then its measured table into doc/BOOT-MATRIX.md.
boot-matrix-doc: all
	MATRIX_DOC=doc/BOOT-MATRIX.md tests/boot/matrix/run
