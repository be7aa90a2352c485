// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Only in the klibc-static build, which the Makefile makes from one
 * translation unit: memdiskfind writes with write(2) and uses neither stdio
 * nor atexit(), yet klibc's start-up code opens stdin/stdout/stderr as FILEs
 * (fdopen, malloc) and its exit() runs atexit handlers and flushes them
 * (fflush, fseek, free): about 1.4 KiB of code that nothing here needs, in a
 * binary of 8 KiB that every initramfs carries. Defining the two entry points
 * here keeps those archive members out of the static link.
 *
 * klibc 2.0 (Debian 12, 13): __libc_init() calls __libc_init_stdio(), then
 * exit(main(...)). Should a later klibc pull its stdio in by another symbol,
 * the link fails with a duplicate definition: loud, never a silent change.
 */
#ifdef __KLIBC__
#include <unistd.h>

__attribute__((externally_visible)) void __libc_init_stdio(void);
__attribute__((externally_visible, noreturn)) void exit(int status);

void __libc_init_stdio(void)
{
}

void exit(int status)
{
	_exit(status);
}
#endif
