# mk/boot.mk: the QEMU boot-test harness (tests/boot/), the demo and the boot
# benchmark. Included by the top-level Makefile.
# check-boot-runtime (tests/boot/run) and demo (tests/boot/demo) are defined
# there; this fragment adds the packages and the shell sources they use.

# gawk-free: the harness uses POSIX awk (mawk), GNU coreutils' timeout and
# flock (util-linux), all in a base Debian system.
BOOT_PKGS += util-linux coreutils

SHELL_SOURCES += tests/boot/lib.sh
