# mk/i386.mk: the toolkit on 32-bit x86 (issue 8). Included by the top-level
# Makefile. See build-aux/I386.md.
#
#   make static-i386      build/i386/memdiskfind.static, klibc-static i386,
#                         with a private klibc tree (build-aux/klcc-i386)
#   make check-boot-i386  QEMU (qemu-system-i386) boots of Debian's 686
#                         kernel through MEMDISK: small ISO, large ISO
#                         without and with vmalloc=, too large for any
#                         vmalloc= (tests/boot/i386/run)

I386_B := $(B)/i386

# gcc-multilib: the 32-bit libgcc klcc links in; the i386 klibc, kernel
# headers, kernel and busybox are unpacked privately (apt-get download +
# dpkg -x), after build-aux/klcc-i386 enabled the i386 architecture.
BOOT_PKGS += gcc-multilib qemu-system-x86
CHECK_BOOT_TARGETS += check-boot-i386
SHELL_SOURCES += build-aux/klcc-i386 tests/boot/i386/run tests/boot/i386/guest-init

.PHONY: static-i386 check-boot-i386

# Always re-entered: the inner make decides whether anything is out of date.
# The Makefile's one-file build (B/memdiskfind-all.c) includes "../SRC",
# which assumes B is one level deep; -I memdiskfind/ makes "../SRC"
# resolve from two levels down too (requested in /work/requests/i386.md).
static-i386:
	@klcc=$$(build-aux/klcc-i386 $(I386_B)/klibc) && \
		$(MAKE) --no-print-directory B=$(I386_B) KLCC="$$klcc -I$(CURDIR)/memdiskfind" \
			$(I386_B)/memdiskfind.static

check-boot-i386: static-i386
	tests/boot/i386/run
