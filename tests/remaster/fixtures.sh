# shellcheck shell=sh
# tests/remaster/fixtures.sh: small synthetic live ISOs for the unit tests of
# memdisk-remaster (no QEMU). Sourced by tests/remaster/run.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Everything here is built from scratch in a few seconds and is only as real
# as the tool needs: fake kernel modules are relocatable ELF objects whose
# .modinfo and symbols make depmod and modinfo compute the real dependency
# graph (phram -> mtd, mtdblock -> mtd_blkdevs -> mtd); a fake bzImage has a
# setup header with a version string; initramfs trees have the files each
# generator's detection looks at, the merged-/usr links of real images and
# their own module index.
#
#   fx_modules DIR KVER [nophram] [noloop] [nouefi] [xz]
#                                       a module tree DIR/lib/modules/KVER
#                                       with depmod's index (nouefi: without
#                                       nfit, libnvdimm, nd_btt, nd_pmem)
#   fx_kernel FILE KVER                 a fake bzImage
#   fx_root DIR GEN FLAVOUR KVER [OPT]  an initramfs tree; GEN: itools,
#                                       dracut, dracut-ng, mkinitcpio,
#                                       unknown; OPT: premount (an existing
#                                       init-premount/ORDER), xz (compressed
#                                       modules)
#   fx_cpio DIR OUT [gzip|zstd|xz|none] a newc archive of DIR
#   fx_microcode OUT                    an early-microcode archive, cut to
#                                       its trailer (not padded to 512)
#   fx_squashfs DIR OUT
#   fx_iso TREE OUT LABEL [efi]         isolinux El Torito (+ an EFI image),
#                                       isohybrid MBR (+ GPT with efi)

: "${FX_CACHE:?FX_CACHE: a directory for the compiled fake modules}"

# name:depends:exports:uses
FX_MODULES="mtd::fake_mtd_register:
mtd_blkdevs:mtd:fake_blktrans_register:fake_mtd_register
mtdblock:mtd_blkdevs,mtd::fake_blktrans_register fake_mtd_register
mtdblock_ro:mtd_blkdevs,mtd::fake_blktrans_register fake_mtd_register
phram:mtd::fake_mtd_register
isofs::fake_isofs_mount:
loop::fake_loop_add:
cdrom::fake_cdrom_open:
sr_mod:cdrom::fake_cdrom_open
libnvdimm::fake_nvdimm_bus_register:
nfit:libnvdimm::fake_nvdimm_bus_register
nd_btt:libnvdimm:fake_btt_init:fake_nvdimm_bus_register
nd_pmem:nd_btt,libnvdimm::fake_nvdimm_bus_register fake_btt_init"

# _fx_ko NAME KVER: the compiled module (cached).
_fx_ko() {
	_fk_out=$FX_CACHE/ko/$2/$1.ko
	[ -f "$_fk_out" ] && {
		echo "$_fk_out"
		return 0
	}
	mkdir -p "$FX_CACHE/ko/$2"
	_fk_line=$(printf '%s\n' "$FX_MODULES" | grep "^$1:")
	_fk_deps=$(echo "$_fk_line" | cut -d: -f2)
	_fk_exp=$(echo "$_fk_line" | cut -d: -f3)
	_fk_uses=$(echo "$_fk_line" | cut -d: -f4)
	{
		printf '__attribute__((section(".modinfo"), used)) static const char mi[] = "license=GPL\\0depends=%s\\0name=%s\\0vermagic=%s SMP mod_unload ";\n' \
			"$_fk_deps" "$1" "$2"
		if [ -n "$_fk_exp" ]; then
			printf '__attribute__((section("__ksymtab_strings"), used)) static const char ks[] = "%s";\n' "$_fk_exp"
			printf 'void %s(void) {}\n' "$_fk_exp"
		fi
		for _fk_u in $_fk_uses; do
			printf 'extern void %s(void);\n' "$_fk_u"
		done
		printf 'void %s_init(void) {' "$1"
		for _fk_u in $_fk_uses; do
			printf ' %s();' "$_fk_u"
		done
		printf ' }\n'
	} >"$_fk_out.c"
	${CC:-cc} -c -O1 -fno-asynchronous-unwind-tables -o "$_fk_out" "$_fk_out.c" || return 1
	rm -f "$_fk_out.c"
	echo "$_fk_out"
}

# _fx_modpath NAME: where a module lives in a kernel's tree.
_fx_modpath() {
	case $1 in
	mtd | mtd_blkdevs | mtdblock | mtdblock_ro) echo "kernel/drivers/mtd/$1.ko" ;;
	phram) echo "kernel/drivers/mtd/devices/phram.ko" ;;
	isofs) echo "kernel/fs/isofs/isofs.ko" ;;
	loop) echo "kernel/drivers/block/loop.ko" ;;
	cdrom) echo "kernel/drivers/cdrom/cdrom.ko" ;;
	sr_mod) echo "kernel/drivers/scsi/sr_mod.ko" ;;
	nfit) echo "kernel/drivers/acpi/nfit/nfit.ko" ;;
	libnvdimm | nd_btt | nd_pmem) echo "kernel/drivers/nvdimm/$1.ko" ;;
	esac
}

# _fx_put_modules DIR KVER SUFFIX NAME...: modules into DIR (a module dir).
_fx_put_modules() {
	_pm_dir=$1
	_pm_kver=$2
	_pm_sfx=$3
	shift 3
	for _pm_m in "$@"; do
		_pm_p=$_pm_dir/$(_fx_modpath "$_pm_m")
		mkdir -p "${_pm_p%/*}"
		_pm_ko=$(_fx_ko "$_pm_m" "$_pm_kver") || return 1
		case $_pm_sfx in
		.xz) xz -c --check=crc32 "$_pm_ko" >"$_pm_p.xz" ;;
		.zst) zstd -qc "$_pm_ko" >"$_pm_p.zst" ;;
		*) cp "$_pm_ko" "$_pm_p" ;;
		esac
	done
}

fx_modules() {
	_fm_dir=$1/lib/modules/$2
	_fm_sfx=
	_fm_phram=phram
	_fm_loop=loop
	_fm_uefi="libnvdimm nfit nd_btt nd_pmem"
	for _fm_o in "$@"; do
		case $_fm_o in
		nophram) _fm_phram= ;;
		noloop) _fm_loop= ;;
		nouefi) _fm_uefi= ;;
		xz) _fm_sfx=.xz ;;
		esac
	done
	mkdir -p "$_fm_dir"
	# shellcheck disable=SC2086 # $_fm_phram, $_fm_loop, $_fm_uefi: lists of names
	_fx_put_modules "$_fm_dir" "$2" "$_fm_sfx" mtd mtd_blkdevs mtdblock mtdblock_ro $_fm_phram isofs $_fm_loop cdrom sr_mod \
		$_fm_uefi ||
		return 1
	: >"$_fm_dir/modules.builtin"
	(cd "$_fm_dir" && find kernel -name '*.ko*' | sort) >"$_fm_dir/modules.order"
	depmod -b "$1" "$2" 2>/dev/null
	mkdir -p "$1/boot"
	if [ -n "$_fm_phram" ]; then
		printf 'CONFIG_MTD=m\nCONFIG_MTD_PHRAM=m\nCONFIG_MTD_BLOCK=m\n' >"$1/boot/config-$2"
	else
		printf 'CONFIG_MTD=m\n# CONFIG_MTD_PHRAM is not set\nCONFIG_MTD_BLOCK=m\n' >"$1/boot/config-$2"
	fi
}

fx_kernel() {
	# A bzImage setup header: "HdrS" at 0x202, the version string's
	# offset (from 0x200) at 0x20E.
	head -c 2048 /dev/zero >"$1"
	printf 'HdrS' | dd of="$1" bs=1 seek=514 conv=notrunc 2>/dev/null
	printf '\000\001' | dd of="$1" bs=1 seek=526 conv=notrunc 2>/dev/null
	printf '%s (test@fixture) #1 SMP\000' "$2" | dd of="$1" bs=1 seek=768 conv=notrunc 2>/dev/null
}

# _fx_merged_usr DIR: the links of a merged-/usr initramfs.
_fx_merged_usr() {
	mkdir -p "$1/usr/bin" "$1/usr/lib" "$1/usr/sbin" "$1/etc" "$1/run" "$1/proc" "$1/sys" "$1/dev"
	ln -s usr/bin "$1/bin"
	ln -s usr/lib "$1/lib"
	ln -s usr/sbin "$1/sbin"
	ln -s usr/lib "$1/lib64"
	printf '#!/bin/sh\n# stand-in shell\n' >"$1/usr/bin/sh"
	chmod 0755 "$1/usr/bin/sh"
	mkdir -p "$1/usr/lib/udev/rules.d"
	echo '# stock rules' >"$1/usr/lib/udev/rules.d/60-persistent-storage.rules"
}

# _fx_initrd_modules DIR KVER SUFFIX [flat]: the initramfs' own modules
# (isofs and cdrom, as live images have) and its index.
_fx_initrd_modules() {
	_im_dir=$1/usr/lib/modules/$2
	mkdir -p "$_im_dir"
	_fx_put_modules "$_im_dir" "$2" "$3" isofs cdrom sr_mod || return 1
	if [ "${4:-}" = flat ]; then
		# mkinitcpio: every module in kernel/, only the binary index kept.
		find "$_im_dir/kernel" -mindepth 2 -name '*.ko*' -exec mv {} "$_im_dir/kernel/" \;
		find "$_im_dir/kernel" -mindepth 1 -type d -empty -delete
	fi
	_im_tmp=$FX_CACHE/depmod.$$
	rm -rf "$_im_tmp"
	mkdir -p "$_im_tmp/lib/modules"
	cp -a "$_im_dir" "$_im_tmp/lib/modules/"
	depmod -b "$_im_tmp" "$2" 2>/dev/null
	cp "$_im_tmp/lib/modules/$2"/modules.* "$_im_dir/"
	rm -rf "$_im_tmp"
	if [ "${4:-}" = flat ]; then
		for _im_f in "$_im_dir"/modules.*; do
			case $_im_f in *.bin | */modules.devname | */modules.softdep) ;; *) rm -f "$_im_f" ;; esac
		done
	fi
}

fx_root() {
	_fr=$1
	_fr_gen=$2
	_fr_flavour=$3
	_fr_kver=$4
	_fr_opt=${5:-}
	_fr_sfx=
	case " $_fr_opt " in *" xz "*) _fr_sfx=.xz ;; esac
	rm -rf "$_fr"
	mkdir -p "$_fr"
	_fx_merged_usr "$_fr"
	case $_fr_gen in
	itools)
		_fx_initrd_modules "$_fr" "$_fr_kver" "$_fr_sfx" || return 1
		printf '#!/bin/sh\n. /scripts/functions\nrun_scripts /scripts/init-top\n' >"$_fr/init"
		mkdir -p "$_fr/scripts/init-top" "$_fr/scripts/init-bottom" "$_fr/conf/conf.d"
		# shellcheck disable=SC2016 # the script's own "$1"
		printf 'run_scripts() {\n\t[ ! -d "$1" ] && return\n\t. "$1/ORDER"\n}\n' >"$_fr/scripts/functions"
		echo 'MODULES=most' >"$_fr/conf/initramfs.conf"
		for _fr_d in init-top init-bottom; do
			printf '#!/bin/sh\n# udev\n' >"$_fr/scripts/$_fr_d/udev"
			printf '/scripts/%s/udev "$@"\n[ -e /conf/param.conf ] && . /conf/param.conf\n' "$_fr_d" \
				>"$_fr/scripts/$_fr_d/ORDER"
		done
		case $_fr_flavour in
		live-boot) printf '# live-boot mountroot\n' >"$_fr/scripts/live" ;;
		casper) printf '# casper mountroot\n' >"$_fr/scripts/casper" ;;
		esac
		case " $_fr_opt " in
		*" premount "*)
			mkdir -p "$_fr/scripts/init-premount"
			printf '#!/bin/sh\n# blacklist\n' >"$_fr/scripts/init-premount/blacklist"
			printf '/scripts/init-premount/blacklist "$@"\n[ -e /conf/param.conf ] && . /conf/param.conf' \
				>"$_fr/scripts/init-premount/ORDER"
			;;
		esac
		;;
	dracut | dracut-ng)
		_fx_initrd_modules "$_fr" "$_fr_kver" "$_fr_sfx" || return 1
		mkdir -p "$_fr/usr/lib/dracut"
		if [ "$_fr_gen" = dracut ]; then
			printf '#!/bin/sh\n# dracut-lib\nhookdir=/lib/dracut/hooks\nexport hookdir\n' >"$_fr/usr/lib/dracut-lib.sh"
			mkdir -p "$_fr/usr/lib/dracut/hooks/pre-udev" "$_fr/usr/lib/dracut/hooks/pre-pivot"
			: >"$_fr/usr/lib/dracut/dracut-059"
		else
			# dracut-ng: hooks in /var/lib; the old place is a link to it.
			printf '#!/bin/sh\n# dracut-lib\nexport hookdir=/var/lib/dracut/hooks\n' >"$_fr/usr/lib/dracut-lib.sh"
			mkdir -p "$_fr/var/lib/dracut/hooks/pre-udev" "$_fr/var/lib/dracut/hooks/pre-pivot"
			ln -s ../../../var/lib/dracut/hooks "$_fr/usr/lib/dracut/hooks"
			: >"$_fr/usr/lib/dracut/dracut-110"
		fi
		if [ "$_fr_flavour" = systemd ]; then
			mkdir -p "$_fr/usr/lib/systemd/system"
			printf '\177ELF fake systemd\n' >"$_fr/usr/lib/systemd/systemd"
			ln -s usr/lib/systemd/systemd "$_fr/init"
			: >"$_fr/usr/lib/systemd/system/dracut-pre-udev.service"
		else
			printf '#!/bin/sh\n. /lib/dracut-lib.sh\n' >"$_fr/init"
		fi
		;;
	mkinitcpio)
		_fx_initrd_modules "$_fr" "$_fr_kver" "$_fr_sfx" flat || return 1
		mkdir -p "$_fr/hooks" "$_fr/new_root"
		printf '%s' 31 >"$_fr/VERSION"
		: >"$_fr/etc/initrd-release"
		echo 'HOOKS=(base udev memdisk archiso)' >"$_fr/buildconfig"
		for _fr_h in udev memdisk archiso; do
			printf '#!/usr/bin/ash\nrun_hook() { :; }\n' >"$_fr/hooks/$_fr_h"
			chmod 0755 "$_fr/hooks/$_fr_h"
		done
		printf 'EARLYHOOKS="udev"\nHOOKS="udev memdisk archiso"\nLATEHOOKS="archiso"\nCLEANUPHOOKS="udev"\n' >"$_fr/config"
		if [ "$_fr_flavour" = systemd ]; then
			mkdir -p "$_fr/usr/lib/systemd/system/initrd.target.wants"
			printf '\177ELF fake systemd\n' >"$_fr/usr/lib/systemd/systemd"
			ln -s usr/lib/systemd/systemd "$_fr/init"
		else
			printf '#!/usr/bin/ash\n. /init_functions\n' >"$_fr/init"
			printf '# init_functions\n' >"$_fr/init_functions"
		fi
		;;
	unknown)
		printf '#!/bin/sh\necho a home-made init\n' >"$_fr/init"
		;;
	esac
	chmod 0755 "$_fr/init" 2>/dev/null
	return 0
}

fx_cpio() {
	(cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >"$2.cpio" || return 1
	case ${3:-gzip} in
	gzip) gzip -n9 <"$2.cpio" >"$2" ;;
	zstd) zstd -q -19 <"$2.cpio" >"$2" ;;
	xz) xz --check=crc32 <"$2.cpio" >"$2" ;;
	none) cp "$2.cpio" "$2" ;;
	esac
	rm -f "$2.cpio"
}

fx_microcode() {
	_mc=$FX_CACHE/microcode.$$
	rm -rf "$_mc"
	mkdir -p "$_mc/kernel/x86/microcode"
	printf 'not a real microcode update\n' >"$_mc/kernel/x86/microcode/GenuineIntel.bin"
	(cd "$_mc" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) >"$1.full"
	# Cut right after the trailer (4-byte aligned), as some generators
	# write it: the next archive then starts inside a 512-byte block.
	_mc_end=$(grep -obUa 'TRAILER!!!' "$1.full" | tail -n 1 | cut -d: -f1)
	head -c $(((_mc_end + 11 + 3) / 4 * 4)) "$1.full" >"$1"
	rm -rf "$_mc" "$1.full"
}

fx_squashfs() {
	mksquashfs "$1" "$2" -noappend -quiet -comp gzip -all-root >/dev/null 2>&1
}

fx_iso() {
	_fi_tree=$1
	mkdir -p "$_fi_tree/isolinux"
	cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 "$_fi_tree/isolinux/"
	if [ "${4:-}" = efi ]; then
		mkdir -p "$_fi_tree/boot/grub"
		rm -f "$_fi_tree/boot/grub/efi.img"
		mkfs.vfat -C "$_fi_tree/boot/grub/efi.img" 1440 >/dev/null 2>&1 || return 1
		SOURCE_DATE_EPOCH=1704067200 xorriso -as mkisofs -quiet -o "$2" -V "$3" -J -R \
			-b isolinux/isolinux.bin -c isolinux/boot.cat -no-emul-boot -boot-load-size 4 -boot-info-table \
			-isohybrid-mbr /usr/lib/ISOLINUX/isohdpfx.bin \
			-eltorito-alt-boot -e boot/grub/efi.img -no-emul-boot -isohybrid-gpt-basdat "$_fi_tree" 2>/dev/null
	else
		SOURCE_DATE_EPOCH=1704067200 xorriso -as mkisofs -quiet -o "$2" -V "$3" -R \
			-b isolinux/isolinux.bin -c isolinux/boot.cat -no-emul-boot -boot-load-size 4 -boot-info-table \
			-isohybrid-mbr /usr/lib/ISOLINUX/isohdpfx.bin "$_fi_tree" 2>/dev/null
	fi
	[ -s "$2" ]
}
