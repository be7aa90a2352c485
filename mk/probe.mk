# mk/probe.mk: memdisk-probe (libblkid) and the per-partition attach library.
# SPDX-License-Identifier: GPL-2.0-or-later
# Included by the top-level Makefile before its rules.

PKG_CONFIG ?= pkg-config
HAVE_BLKID := $(shell $(PKG_CONFIG) --exists blkid 2>/dev/null && echo yes)
BLKID_CFLAGS = $(shell $(PKG_CONFIG) --cflags blkid)
BLKID_LIBS = $(shell $(PKG_CONFIG) --libs blkid)

PROBE_SRC := memdiskfind/probe/probe.c
PROBE_CLI_SRC := memdiskfind/probe/probe_main.c memdiskfind/io/physmem.c memdiskfind/io/sysroot.c

BUILD_PKGS += libblkid-dev pkg-config
CHECK_PKGS += libblkid-dev pkg-config fdisk dosfstools e2fsprogs xorriso isolinux syslinux-common
BOOT_PKGS += syslinux mtools fdisk dosfstools e2fsprogs udev
ifeq ($(HAVE_BLKID),yes)
ALL_TARGETS += $(B)/memdisk-probe
CHECK_FAST_TARGETS += check-probe check-probe-asan check-probe-shell
CHECK_BOOT_TARGETS += check-boot-probe
INSTALL_TARGETS += install-probe
endif
SHELL_SOURCES += tests/probe/mkimages tests/probe/run tests/probe/run-shell \
	tests/probe/test-parts.sh tests/boot/probe/run tests/boot/probe/guest-init

.PHONY: check-probe check-probe-asan check-probe-shell check-boot-probe install-probe probe-images

$(B)/memdisk-probe: $(PROBE_SRC) $(PROBE_CLI_SRC) $(CORE_SRC) $(FINDER_HDR) | $(B)
	$(CC) $(ALL_CFLAGS) $(BLKID_CFLAGS) -o $@ $(PROBE_SRC) $(PROBE_CLI_SRC) $(CORE_SRC) $(BLKID_LIBS)

$(B)/test_probe: tests/probe/test_probe.c $(PROBE_SRC) memdiskfind/core/phram.c tests/unit/synth.c tests/unit/synth.h \
		$(FINDER_HDR) | $(B)
	$(CC) $(ALL_CFLAGS) $(BLKID_CFLAGS) -Itests/unit -o $@ tests/probe/test_probe.c $(PROBE_SRC) \
		memdiskfind/core/phram.c tests/unit/synth.c $(BLKID_LIBS) $(CMOCKA_LIBS)

# The images (sfdisk, mkfs.vfat, mke2fs -d, xorriso), rebuilt when the
# builder changes.
$(B)/probe-images/.done: tests/probe/mkimages | $(B)
	tests/probe/mkimages $(B)/probe-images
	touch $@
probe-images: $(B)/probe-images/.done

check-probe: $(B)/memdisk-probe $(B)/test_probe $(B)/probe-images/.done
	tests/probe/run $(B) $(B)/probe-images $(FIXTURES)

# The same suite built with AddressSanitizer and UBSan (clang), as check-asan.
check-probe-asan: $(B)/probe-images/.done
	$(MAKE) --no-print-directory B=$(B)/asan CC=$(CLANG) CFLAGS="-O1 -g $(SAN)" HAVE_KLCC=no \
		$(B)/asan/memdisk-probe $(B)/asan/test_probe
	tests/probe/run $(B)/asan $(B)/probe-images $(FIXTURES)

# attach/phram-partitions.sh inside the real memdisk-attach, over the runtime's fake
# kernel, under dash, busybox ash and klibc sh.
check-probe-shell:
	tests/probe/run-shell

check-boot-probe: $(B)/memdisk-probe
	tests/boot/probe/run

install-probe: $(B)/memdisk-probe
	install -d $(DESTDIR)$(PKGLIBDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(B)/memdisk-probe $(DESTDIR)$(PKGLIBDIR)/memdisk-probe
	build-aux/stage-runtime -k 'lib?' $(DESTDIR)$(PKGLIBDIR)
	install -m 0644 memdiskfind/probe/memdisk-probe.1 $(DESTDIR)$(MANDIR)/man1/memdisk-probe.1
