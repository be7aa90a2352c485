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
#   make check-boot-matrix-GROUP   one group (runtime-trixie, runtime-sid,
#                            dracut-trixie, dracut-sid, initramfs-tools-trixie)
#
# make check runs the groups as separate boot groups (longest first), which
# build-aux/run-groups already runs two at a time: one QEMU per group then
# (MATRIX_JOBS=1), so that the machine's two cores are not oversubscribed.

MATRIX_GROUPS := dracut-sid dracut-trixie initramfs-tools-trixie runtime-sid runtime-trixie
MATRIX_TARGETS := $(addprefix check-boot-matrix-,$(MATRIX_GROUPS))
MATRIX_JOBS ?= 1
CHECK_BOOT_TARGETS += $(MATRIX_TARGETS)
# apt's keyring for the other suites; unshare, chroot, flock (util-linux,
# coreutils); dpkg-deb and tar unpack; xz and zstd decompress modules.
BOOT_PKGS += debian-archive-keyring apt dpkg tar util-linux coreutils xz-utils zstd kmod
SHELL_SOURCES += tests/boot/suite-apt tests/boot/suite-root tests/boot/root-run tests/boot/matrix/run

.PHONY: check-boot-matrix $(MATRIX_TARGETS)

check-boot-matrix: all
	MATRIX_JOBS=2 tests/boot/matrix/run

$(MATRIX_TARGETS): check-boot-matrix-%: all
	MATRIX_JOBS=$(MATRIX_JOBS) tests/boot/matrix/run $*

.PHONY: boot-matrix-doc
# The same run, then its measured table into doc/BOOT-MATRIX.md.
boot-matrix-doc: all
	MATRIX_JOBS=2 MATRIX_DOC=doc/BOOT-MATRIX.md tests/boot/matrix/run
