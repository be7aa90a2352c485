# mk/uefi.mk: UEFI HTTP Boot (issue 11): the OVMF harness, the NFIT dumps,
# the UEFI boot cases and the UEFI bench. Included by the top-level Makefile.
# SPDX-License-Identifier: GPL-2.0-or-later

# OVMF (RamDiskDxe, HttpBootDxe), GRUB for the test images' El Torito EFI
# image, FAT and GPT tools without loop devices, xxd to turn the guests' hex
# dumps back into tables. The generator cases use the packages the dracut,
# initramfs-tools and mkinitcpio groups list.
BOOT_PKGS += ovmf grub-efi-amd64-bin grub-common mtools dosfstools fdisk xxd
CHECK_FAST_TARGETS += check-uefi-harness
SHELL_SOURCES += tests/boot/lib-uefi.sh tests/boot/lib-live.sh tests/boot/lib-mkinitcpio.sh \
	tests/boot/uefi/nfit-guest-init tests/boot/uefi/guest-init tests/boot/uefi/vars-guest-init \
	tests/boot/uefi/dump-nfit tests/boot/uefi/test-harness tests/boot/uefi/run \
	tests/boot/uefi/demo tests/bench/uefi/run tests/bench/uefi/guest-init

# Two groups, so that build-aux/run-groups can run them in its two lanes
# (each boots one guest at a time); the generator group is the longest of
# all, so it is queued first.
UEFI_RUNTIME_CASES := rt-cd-odd rt-cd-even rt-disk-gpt rt-disabled rt-no-ramdisk rt-nvdimm rt-secureboot
UEFI_GENERATOR_CASES := dracut-cdlabel-odd dracut-cdlabel-even dracut-disk-label liveboot-even \
	liveboot-odd-removable archiso-label-even archiso-uuid-odd
CHECK_BOOT_TARGETS := check-boot-uefi-generators $(CHECK_BOOT_TARGETS) check-boot-uefi-runtime

.PHONY: check-uefi-harness check-boot-uefi check-boot-uefi-runtime check-boot-uefi-generators \
	nfit-dumps bench-uefi demo-uefi

# The HTTP responder and the boot-entry encoding, on the host (no QEMU).
check-uefi-harness:
	tests/boot/uefi/test-harness

# Every UEFI case, two guests at a time (on its own: make check-boot-uefi).
check-boot-uefi: deps-boot all
	tests/boot/uefi/run $(UEFI_RUNTIME_CASES) $(UEFI_GENERATOR_CASES)
check-boot-uefi-runtime: all
	UEFI_JOBS=1 tests/boot/uefi/run $(UEFI_RUNTIME_CASES)
check-boot-uefi-generators: all
	UEFI_JOBS=1 tests/boot/uefi/run $(UEFI_GENERATOR_CASES)

# Boot OVMF's HTTP Boot four times and save the NFIT each guest saw
# (tests/fixtures/nfit was made this way).
NFIT_DUMPS ?= $(B)/nfit-dumps
nfit-dumps: deps-boot
	tests/boot/uefi/dump-nfit $(NFIT_DUMPS)

# The NFIT RAM disk through nd_pmem, phram and tmpfs in one guest (make
# bench runs it through tests/bench/run).
bench-uefi: deps-boot all
	tests/bench/uefi/run

# make demo, for UEFI: one HTTP Boot of an ISO, narrated from its serial log.
demo-uefi: deps-boot all
	tests/boot/uefi/demo
