// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Only in the klibc-static build, which the Makefile makes from one
 * translation unit. klibc's start-up code (crt0's _start calls
 * __libc_init(elfdata, onexit)) copies the auxiliary vector into __auxval,
 * opens stdin/stdout/stderr as FILEs (fdopen, malloc) and leaves main's
 * status to exit(), which runs atexit handlers and flushes those FILEs
 * (fflush, fseek, free). memdiskfind writes with write(2), uses neither
 * stdio, atexit() nor the auxiliary vector: about 1.5 KiB of code that
 * nothing here needs, in a binary of 8 KiB that every initramfs carries.
 * Defining __libc_init here keeps those archive members out of the link;
 * on i386, system calls then take int $0x80 instead of the vDSO's entry
 * (AT_SYSINFO), which a program making a dozen of them does not notice.
 *
 * klibc 2.0 (Debian 12, 13): elfdata points at argc, then argv[], NULL,
 * envp[], NULL, the auxiliary vector. Should a later klibc's crt0 call
 * anything else, the link fails (undefined symbol); should it pull
 * __libc_init's object in by another symbol, it fails with a duplicate
 * definition: loud, never a silent change.
 */
#ifdef __KLIBC__
#include <stdint.h>
#include <unistd.h>

int main(int argc, char **argv);

/* Defined here (klibc's globals.o has it as a common symbol too): a
 * reference alone would pull klibc's __libc_init back in, which defines it
 * as well. */
__attribute__((externally_visible)) char **environ;

__attribute__((externally_visible, noreturn)) void __libc_init(uintptr_t *elfdata,
							       void (*onexit)(void));

void __libc_init(uintptr_t *elfdata, void (*onexit)(void))
{
	int argc = (int)elfdata[0];
	char **argv = (char **)(elfdata + 1);

	(void)onexit; /* klibc ignores it too: a static program gets none */
	environ = argv + argc + 1;
	_exit(main(argc, argv));
}
#endif
