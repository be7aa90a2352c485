# memdisk-phram: boot live ISOs loaded by syslinux MEMDISK, through phram.
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   make            memdiskfind (glibc), the klibc-static memdiskfind and
#                   memdisk-probe (libblkid): see the build switches below
#   make check      every test: units, CLI, fixtures, sanitizers, fuzz (short),
#                   shell units, QEMU boot tests, the packages
#   make check-fast the same without the QEMU boot tests and the packages
#   make check-unit only the tests that need no root, no network, no QEMU and
#                   no apt: what a package build runs (doc/PACKAGING.md)
#   make packages   Debian, RPM and Arch packages of the committed tree
#   make demo       boot the demo ISO through MEMDISK in QEMU, show it mounted
#   make bench      sizes and timings against named baselines
#   make install DESTDIR=... PREFIX=...
#
# Build switches (each auto, yes or no; auto builds the piece when its tool
# or library is found, yes fails the build when it is not, no skips it):
#   HAVE_KLCC=auto   the klibc-static memdiskfind (klcc, Debian: libklibc-dev);
#                    installed as the finder when built, else the glibc one
#   WITH_PROBE=auto  memdisk-probe (libblkid through pkg-config), for disk
#                    images with partitions
# The glibc programs and the tests honour CPPFLAGS, CFLAGS and LDFLAGS (the
# klibc build keeps its own flags); WERROR= turns warnings back into warnings.

VERSION := 0.1.0

PREFIX ?= /usr
DESTDIR ?=
PKGLIBDIR ?= $(PREFIX)/lib/memdisk-phram
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/memdisk-phram

CC ?= cc
KLCC ?= klcc
CLANG ?= clang
WERROR ?= -Werror
WARN := -Wall -Wextra $(WERROR) -Wshadow -Wconversion -Wstrict-prototypes -Wmissing-prototypes
# The user's flags (GNU style: CPPFLAGS, CFLAGS, LDFLAGS, from the command
# line or the environment) come after the project's, so that they win.
CFLAGS ?= -O2 -g
CPPFLAGS ?=
LDFLAGS ?=
# Sources include their headers from the memdiskfind/ root ("core/find.h").
INC := -I$(CURDIR)/memdiskfind
MD_CPPFLAGS := -D_DEFAULT_SOURCE $(INC) -DMEMDISKFIND_VERSION='"$(VERSION)"'
ALL_CFLAGS := -std=c99 $(MD_CPPFLAGS) $(CPPFLAGS) $(WARN) $(CFLAGS)

# yesno NAME VALUE FOUND: VALUE (auto, yes or no) resolved to yes or no;
# FOUND is non-empty when the tool or library is there.
yesno = $(strip $(if $(filter auto,$(2)),$(if $(3),yes,no),\
	$(if $(filter yes,$(2)),yes,$(if $(filter no,$(2)),no,\
	$(error $(1) must be auto, yes or no, not '$(2)')))))
HAVE_KLCC ?= auto
override HAVE_KLCC := $(call yesno,HAVE_KLCC,$(HAVE_KLCC),$(shell command -v $(KLCC) 2>/dev/null))
ifeq ($(HAVE_KLCC),yes)
ifeq ($(shell command -v $(KLCC) 2>/dev/null),)
$(error HAVE_KLCC=yes, but $(KLCC) is not found: install klcc (Debian: libklibc-dev) or build with HAVE_KLCC=no)
endif
endif

B := build
# memdiskfind/core: the pure parsers (no I/O), shared by both programs;
# memdiskfind/io: reading physical memory, a table or a dump, the system's
# paths; memdiskfind/finder and
# memdiskfind/probe: each program's command line and output.
CORE_SRC := $(addprefix memdiskfind/core/,lowmem.c mbft.c find.c nfit.c reason.c phram.c)
CLI_SRC := memdiskfind/finder/main.c memdiskfind/io/physmem.c memdiskfind/io/sysroot.c memdiskfind/finder/output.c
FINDER_HDR := $(wildcard memdiskfind/*/*.h)
# Only in the klibc-static build: see the file.
STATIC_SRC := memdiskfind/finder/klibc-lean.c

ALL_TARGETS := $(B)/memdiskfind
ifeq ($(HAVE_KLCC),yes)
ALL_TARGETS += $(B)/memdiskfind.static
# The finder make install ships: the static one when it is built.
FINDER := $(B)/memdiskfind.static
else
FINDER := $(B)/memdiskfind
endif

# Debian packages each job needs; fragments in mk/ add theirs.
BUILD_PKGS := build-essential klibc-utils libklibc-dev
CHECK_PKGS := $(BUILD_PKGS) libcmocka-dev clang llvm libclang-rt-14-dev syslinux-utils shellcheck dash busybox-static klibc-utils
BOOT_PKGS := syslinux-common isolinux qemu-system-x86 xorriso busybox-static cpio kmod xz-utils
INSTALL_TARGETS := install-finder install-runtime
# check-unit runs CHECK_UNIT_TARGETS: no root, no network, no QEMU, no apt;
# check-fast runs them and CHECK_FAST_TARGETS.
CHECK_UNIT_TARGETS := check-finder check-build check-shell
CHECK_FAST_TARGETS := check-asan check-fuzz-short
CHECK_BOOT_TARGETS := check-boot-runtime
# make check runs these groups in turn (fragments add theirs).
CHECK_GROUPS := check-fast check-boot
SHELL_SOURCES := build-aux/need-packages build-aux/run-groups build-aux/tmp-guard tests/build/run \
	tests/boot/fetch-kernel .ci/run tests/fuzz/make-seeds tests/bench/run tests/fixtures/nfit/dump-qemu

# Generator integrations and the runtime add their own variables and rules in
# mk/*.mk (included here, before any rule uses the lists above).
.DEFAULT_GOAL := all
-include mk/*.mk

.PHONY: all static check check-fast check-boot deps deps-check deps-boot demo bench fuzz fuzz-find fuzz-nfit install clean \
	format lint $(INSTALL_TARGETS) $(CHECK_UNIT_TARGETS) $(CHECK_FAST_TARGETS) $(CHECK_BOOT_TARGETS) $(CHECK_GROUPS)

all: $(ALL_TARGETS)
static: $(B)/memdiskfind.static

$(B)/memdiskfind: $(CORE_SRC) $(CLI_SRC) $(FINDER_HDR) | $(B)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CORE_SRC) $(CLI_SRC)

# klibc build: size matters (it is paid for in every initramfs). One
# translation unit (klcc's ld has no LTO plugin) lets the compiler inline
# across files. STATIC_TRY: flags used where klcc's compiler and target take
# them: -Oz (GCC 12+: about 200 bytes less than -Os; else -Os),
# -malign-data=abi (x86: arrays keep the ABI's alignment instead of 32 bytes
# for vector loads we never do: 80 bytes of padding in .rodata). No jump
# tables (a switch's table of 8-byte addresses is larger than its compares
# here); no unwind tables; a small common page size and no
# RELRO (nothing to protect in a static binary without relocations) so that
# ld does not pad the file up to the data segment's page (2 KiB on i386; a
# common page of 4 bytes: no padding at all before i386's 4-byte .data);
# STATIC_SRC keeps klibc's start-up code (stdio, exit, auxv) out, STATIC_LD
# its unwind tables (i386); stripped.
STATIC_LD := memdiskfind/finder/klibc-lean.ld
STATIC_TRY := -Oz -malign-data=abi
$(B)/memdiskfind-all.c: $(CORE_SRC) $(CLI_SRC) $(STATIC_SRC) | $(B)
	printf '#include "$(CURDIR)/%s"\n' $(CORE_SRC) $(CLI_SRC) $(STATIC_SRC) >$@
$(B)/memdiskfind.static: $(B)/memdiskfind-all.c $(CORE_SRC) $(CLI_SRC) $(STATIC_SRC) $(STATIC_LD) $(FINDER_HDR)
	opt=-Os; for f in $(STATIC_TRY); do \
		if $(KLCC) $$f $(INC) -E -o /dev/null $(B)/memdiskfind-all.c 2>/dev/null; then opt="$$opt $$f"; fi; \
	done; \
	$(KLCC) -static $$opt -std=c99 $(MD_CPPFLAGS) $(WARN) -Wno-conversion \
		-fwhole-program -fno-jump-tables -fno-asynchronous-unwind-tables -fno-unwind-tables -fno-stack-protector \
		-Wl,--gc-sections -Wl,-z,noseparate-code -Wl,-z,norelro -Wl,-z,common-page-size=4 -Wl,--build-id=none -Wl,-T,$(CURDIR)/$(STATIC_LD) -s \
		-o $@ $(B)/memdiskfind-all.c

$(B):
	mkdir -p $@

# ---- tests ---------------------------------------------------------------
CMOCKA_LIBS := -lcmocka
UNIT_TESTS := $(B)/test_core $(B)/test_nfit $(B)/test_cli

$(B)/test_core: tests/unit/test_core.c tests/unit/synth.c tests/unit/synth.h $(CORE_SRC) $(FINDER_HDR) | $(B)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/unit/test_core.c tests/unit/synth.c $(CORE_SRC) $(CMOCKA_LIBS)

$(B)/test_nfit: tests/unit/test_nfit.c tests/unit/synth.c tests/unit/synth.h $(CORE_SRC) $(FINDER_HDR) | $(B)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/unit/test_nfit.c tests/unit/synth.c $(CORE_SRC) $(CMOCKA_LIBS)

$(B)/test_cli: tests/unit/test_cli.c tests/unit/synth.c tests/unit/synth.h $(CORE_SRC) $(FINDER_HDR) | $(B)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/unit/test_cli.c tests/unit/synth.c $(CORE_SRC) $(CMOCKA_LIBS)

deps-check:
	@build-aux/need-packages $(CHECK_PKGS)
deps-boot:
	@build-aux/need-packages $(BOOT_PKGS)
deps: deps-check deps-boot

# Every group runs with a private temporary directory (build-aux/tmp-guard):
# a test that leaves anything behind there, or in /tmp, fails make check.
check: deps
	+@build-aux/tmp-guard $(B)/check-tmp sh -c 'set -e; for g in $(CHECK_GROUPS); do \
		$(MAKE) --no-print-directory $$g; done'
	@echo "make check: all test groups passed"

# Each group's output goes to build/check-logs/GROUP.log and is shown whole
# when the group ends; a timing table closes each run. The fast groups run
# one at a time (they share build/); the boot groups two at a time (each
# QEMU boot takes one of the machine's cores, each group has its own
# tests/boot/out/ directory): BOOT_JOBS=1 runs them one by one.
BOOT_JOBS ?= 2
check-fast: deps-check
	@build-aux/run-groups -n check-fast $(CHECK_UNIT_TARGETS) $(CHECK_FAST_TARGETS)

# The longest groups start first, so that two lanes end close together.
CHECK_BOOT_FIRST := check-boot-uefi-generators check-boot-remaster check-packages check-boot-initramfs-tools \
	check-boot-matrix-dracut-sid
CHECK_BOOT_ORDERED = $(filter $(CHECK_BOOT_FIRST),$(CHECK_BOOT_TARGETS)) \
	$(filter-out $(CHECK_BOOT_FIRST),$(CHECK_BOOT_TARGETS))
check-boot: deps-boot all
	@build-aux/run-groups -j $(BOOT_JOBS) -n check-boot $(CHECK_BOOT_ORDERED)

# For package builds (dh_auto_test, %check, makepkg's check()): installs
# nothing, needs no root, no network and no QEMU; passes as any user.
check-unit:
	@set -e; for t in $(CHECK_UNIT_TARGETS); do $(MAKE) --no-print-directory $$t; done
	@echo "make check-unit: passed ($(CHECK_UNIT_TARGETS))"

# The build switches, what make install installs for them, and the user's
# CPPFLAGS/CFLAGS/LDFLAGS reaching the glibc programs (build/build-test/).
check-build:
	tests/build/run

# The finder's core and command line, against every finder built.
check-finder: $(UNIT_TESTS) $(ALL_TARGETS)
	$(B)/test_core
	$(B)/test_nfit
	MEMDISKFIND=$(B)/memdiskfind FIXTURES=$(FIXTURES) NFIT_FIXTURES=$(NFIT_FIXTURES) $(B)/test_cli
ifeq ($(HAVE_KLCC),yes)
	MEMDISKFIND=$(B)/memdiskfind.static FIXTURES=$(FIXTURES) NFIT_FIXTURES=$(NFIT_FIXTURES) $(B)/test_cli
endif

FIXTURES ?= tests/fixtures/lowmem
NFIT_FIXTURES ?= tests/fixtures/nfit

# The same suite again, built with AddressSanitizer and UBSan (clang).
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
check-asan:
	$(MAKE) --no-print-directory B=$(B)/asan CC=$(CLANG) CFLAGS="-O1 -g $(SAN)" HAVE_KLCC=no $(B)/asan/test_core $(B)/asan/test_nfit $(B)/asan/test_cli $(B)/asan/memdiskfind
	$(B)/asan/test_core
	$(B)/asan/test_nfit
	MEMDISKFIND=$(B)/asan/memdiskfind FIXTURES=$(FIXTURES) NFIT_FIXTURES=$(NFIT_FIXTURES) $(B)/asan/test_cli

# libFuzzer over the core: fuzz_find (MEMDISK's low memory; seeds made from
# the low-memory fixtures) and fuzz_nfit (NFIT tables; seeds: synthetic ones
# and the NFIT fixtures). Crash inputs land in $(B)/.
FUZZ_SECONDS ?= 30
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
$(B)/fuzz_find: tests/fuzz/fuzz_find.c $(CORE_SRC) $(FINDER_HDR) | $(B)
	$(CLANG) -std=c99 -D_DEFAULT_SOURCE $(INC) $(FUZZ_FLAGS) -o $@ tests/fuzz/fuzz_find.c $(CORE_SRC)
$(B)/fuzz_nfit: tests/fuzz/fuzz_nfit.c $(CORE_SRC) $(FINDER_HDR) | $(B)
	$(CLANG) -std=c99 -D_DEFAULT_SOURCE $(INC) $(FUZZ_FLAGS) -o $@ tests/fuzz/fuzz_nfit.c $(CORE_SRC)
$(B)/nfit_seeds: tests/fuzz/nfit_seeds.c tests/unit/synth.c tests/unit/synth.h | $(B)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -Itests/unit -o $@ tests/fuzz/nfit_seeds.c tests/unit/synth.c
$(B)/fuzz-seeds/.done: tests/fuzz/make-seeds | $(B)
	tests/fuzz/make-seeds $(FIXTURES) $(B)/fuzz-seeds
	touch $@
$(B)/fuzz-nfit-seeds/.done: $(B)/nfit_seeds $(wildcard $(NFIT_FIXTURES)/*.nfit)
	rm -rf $(B)/fuzz-nfit-seeds
	mkdir -p $(B)/fuzz-nfit-seeds
	$(B)/nfit_seeds $(B)/fuzz-nfit-seeds
	cp $(NFIT_FIXTURES)/*.nfit $(B)/fuzz-nfit-seeds/
	touch $@
fuzz: fuzz-find fuzz-nfit
fuzz-find: $(B)/fuzz_find $(B)/fuzz-seeds/.done
	mkdir -p $(B)/fuzz-corpus
	$(B)/fuzz_find -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -artifact_prefix=$(B)/ \
		$(B)/fuzz-corpus $(B)/fuzz-seeds
fuzz-nfit: $(B)/fuzz_nfit $(B)/fuzz-nfit-seeds/.done
	mkdir -p $(B)/fuzz-nfit-corpus
	$(B)/fuzz_nfit -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -print_final_stats=1 \
		-artifact_prefix=$(B)/ $(B)/fuzz-nfit-corpus $(B)/fuzz-nfit-seeds
check-fuzz-short:
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$(or $(FUZZ_CHECK_SECONDS),30)

check-shell:
	tests/shell/run

check-boot-runtime:
	tests/boot/run

# ---- the main job, benchmarks -------------------------------------------
demo: deps-boot all
	tests/boot/demo

bench: all $(B)/bench_find $(B)/nfit_seeds
	@build-aux/need-packages syslinux-utils
	tests/bench/run

$(B)/bench_find: tests/bench/bench_find.c $(CORE_SRC) $(FINDER_HDR) | $(B)
	$(CC) -std=c99 -D_DEFAULT_SOURCE $(INC) -O2 -o $@ tests/bench/bench_find.c $(CORE_SRC)

# ---- install --------------------------------------------------------------
install: $(INSTALL_TARGETS)

install-finder: $(FINDER)
	install -d $(DESTDIR)$(PKGLIBDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(FINDER) $(DESTDIR)$(PKGLIBDIR)/memdiskfind
	install -m 0644 memdiskfind/finder/memdiskfind.1phram $(DESTDIR)$(MANDIR)/man1/memdiskfind.1phram

# ---- housekeeping ---------------------------------------------------------
format:
	clang-format -i memdiskfind/*/*.[ch] tests/unit/*.[ch] tests/fuzz/*.c tests/bench/*.c

lint:
	clang-format --dry-run -Werror memdiskfind/*/*.[ch] tests/unit/*.[ch] tests/fuzz/*.c tests/bench/*.c
	clang-tidy --quiet $(CORE_SRC) $(CLI_SRC) -- -std=c99 -D_DEFAULT_SOURCE $(INC)
	shellcheck $(SHELL_SOURCES)

clean:
	rm -rf $(B)
