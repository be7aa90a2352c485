# mk/boot.mk: the QEMU boot-test harness (tests/boot/), the demo and the boot
# benchmark. Included by the top-level Makefile, which defines the targets
# check-boot-runtime (tests/boot/run) and demo (tests/boot/demo).

# Besides the Makefile's BOOT_PKGS: timeout and flock (coreutils, util-linux)
# bound every boot and serialise the kernel cache.
BOOT_PKGS += coreutils util-linux

SHELL_SOURCES += tests/boot/lib.sh tests/boot/run tests/boot/runtime/guest-init tests/boot/demo \
	tests/bench/boot/run tests/bench/boot/guest-init

.PHONY: bench-boot
# The boot-path figures alone (make bench runs them through tests/bench/run).
bench-boot: deps-boot all
	tests/bench/boot/run
