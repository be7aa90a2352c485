# mk/i386.mk: the toolkit on 32-bit x86 (issue 8). Included by the top-level
# Makefile. See doc/I386.md.
#
#   make static-i386      build/i386/memdiskfind.static, klibc-static i386,
#                         with a private klibc tree (build-aux/klcc-i386)
#   make check-unit-i386  the CLI and fixture tests (build/test_cli) against
#                         the i386 binary, run by qemu-i386-static (fast)
#   make check-boot-i386  QEMU (qemu-system-i386) boots of Debian's 686
#                         kernel through MEMDISK: small ISO, large ISO
#                         without and with vmalloc=, too large for any
#                         vmalloc= (tests/boot/i386/run)

I386_B := $(B)/i386

# gcc-multilib: the 32-bit libgcc klcc links in; the i386 klibc, kernel
# headers, kernel and busybox are unpacked privately (apt-get download +
# dpkg -x), after build-aux/klcc-i386 enabled the i386 architecture.
BOOT_PKGS += gcc-multilib qemu-system-x86
CHECK_PKGS += gcc-multilib qemu-user-static
CHECK_FAST_TARGETS += check-unit-i386
CHECK_BOOT_TARGETS += check-boot-i386
SHELL_SOURCES += build-aux/klcc-i386 tests/boot/i386/run tests/boot/i386/guest-init

.PHONY: static-i386 check-unit-i386 check-boot-i386

# Always re-entered: the inner make decides whether anything is out of date.
static-i386:
	@klcc=$$(build-aux/klcc-i386 $(I386_B)/klibc) && \
		$(MAKE) --no-print-directory B=$(I386_B) KLCC="$$klcc" \
			$(I386_B)/memdiskfind.static

check-boot-i386: static-i386
	tests/boot/i386/run

# test_cli runs $$MEMDISKFIND; the host kernel may lack 32-bit support (no
# IA32 emulation here), so a wrapper runs the binary under qemu-user.
check-unit-i386: static-i386 $(B)/test_cli
	printf '#!/bin/sh\nexec qemu-i386-static "%s" "$$@"\n' "$(CURDIR)/$(I386_B)/memdiskfind.static" \
		>$(I386_B)/memdiskfind-qemu
	chmod +x $(I386_B)/memdiskfind-qemu
	MEMDISKFIND=$(I386_B)/memdiskfind-qemu FIXTURES=$(FIXTURES) NFIT_FIXTURES=$(NFIT_FIXTURES) $(B)/test_cli
