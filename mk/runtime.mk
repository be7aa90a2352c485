# Runtime: memdisk-attach, the kernel command-line library and its man page.
# Included by the top-level Makefile (which defines install-runtime's place in
# INSTALL_TARGETS and runs tests/shell/run as check-shell).

# The runtime's files are listed once, in initramfs/runtime.list: make
# install, the three generator hooks and the boot tests all go by it.
RUNTIME_PARTS := $(wildcard initramfs/attach/*.sh)
RUNTIME_SHELL := initramfs/memdisk-attach $(RUNTIME_PARTS) kernel-cmdline/memdisk-cmdline.sh build-aux/stage-runtime \
	tests/shell/run tests/shell/lib.sh tests/shell/test-cmdline.sh tests/shell/test-attach.sh tests/shell/test-parts.sh \
	tests/shell/test-modules.sh tests/shell/test-nfit.sh tests/shell/test-copy.sh \
	tests/shell/stubs/fake-kernel.sh tests/shell/stubs/memdiskfind tests/shell/stubs/modprobe \
	tests/shell/stubs/insmod tests/shell/stubs/rmmod \
	tests/shell/stubs/dmesg tests/shell/stubs/uname tests/shell/stubs/blkid tests/shell/stubs/mount \
	tests/shell/stubs/mknod tests/shell/stubs/fstype tests/shell/stubs/memdisk-probe \
	tests/shell/stubs/losetup tests/shell/stubs/umount
SHELL_SOURCES += $(RUNTIME_SHELL)
# The shells the runtime must work in (tests/shell/run uses each), and groff
# for the man page check.
CHECK_PKGS += dash busybox-static klibc-utils groff-base

.PHONY: install-runtime

# The scripts and the list; the programs (elf) come with install-finder and
# install-probe, which know what was built.
install-runtime:
	install -d $(DESTDIR)$(PKGLIBDIR) $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(DOCDIR)
	build-aux/stage-runtime -k exec,lib $(DESTDIR)$(PKGLIBDIR)
	install -m 0644 kernel-cmdline/memdisk-phram.7 $(DESTDIR)$(MANDIR)/man7/memdisk-phram.7
	install -m 0644 kernel-cmdline/README.md $(DESTDIR)$(DOCDIR)/kernel-cmdline.md
