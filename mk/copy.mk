# mk/copy.mk: memdisk-copy, the copy fallback's reader of physical memory
# (memdiskfind/copy, pure window planning in memdiskfind/core/copyplan.c),
# for kernels without phram (initramfs/attach/backend-copy.sh).
# SPDX-License-Identifier: GPL-2.0-or-later
# Included by the top-level Makefile before its rules.

COPY_SRC := memdiskfind/copy/main.c memdiskfind/core/copyplan.c

ALL_TARGETS += $(B)/memdisk-copy
INSTALL_TARGETS += install-copy
CHECK_UNIT_TARGETS += check-copy

.PHONY: install-copy check-copy

# It goes into every initramfs (runtime.list): static, small (klibc when
# klcc exists, else glibc -static).
ifeq ($(HAVE_KLCC),yes)
$(B)/memdisk-copy: $(COPY_SRC) memdiskfind/core/copyplan.h | $(B)
	$(KLCC) -static -Os -std=c99 -D_DEFAULT_SOURCE $(INC) $(WARN) -Wno-conversion \
		-fno-asynchronous-unwind-tables -fno-unwind-tables -fno-stack-protector -s -o $@ $(COPY_SRC)
else
$(B)/memdisk-copy: $(COPY_SRC) memdiskfind/core/copyplan.h | $(B)
	$(CC) -static $(ALL_CFLAGS) -s -o $@ $(COPY_SRC)
endif

$(B)/test_copy: tests/unit/test_copy.c memdiskfind/core/copyplan.c memdiskfind/core/copyplan.h | $(B)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/unit/test_copy.c memdiskfind/core/copyplan.c $(CMOCKA_LIBS)

# The planner's unit tests; the program itself is run by the shell tests of
# backend-copy.sh (tests/shell, make check-shell) on a stand-in memory file.
check-copy: $(B)/test_copy $(B)/memdisk-copy
	$(B)/test_copy

install-copy: $(B)/memdisk-copy
	install -d $(DESTDIR)$(PKGLIBDIR)
	install -m 0755 $(B)/memdisk-copy $(DESTDIR)$(PKGLIBDIR)/memdisk-copy
