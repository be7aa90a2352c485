# shellcheck shell=sh
# ISO, TOKEN, LABEL, MEDIUM_FAIL, FAIL_ARGS, ENTRIES are this file's output.
# shellcheck disable=SC2034
# tests/boot/remaster/isos.sh: live ISOs as distributions build them, made
# with the real generators and WITHOUT memdisk-phram, for the remaster boot
# test. Sourced by tests/boot/remaster/run after tests/boot/lib.sh and
# tests/boot/generators.sh; needs $KDIR, $KVER, $VMLINUZ (boot_kernel) and
# $RM_OUT (a work directory).
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Every ISO is cached by a key over its inputs (RM_OUT/NAME.iso with
# NAME.key); its live root prints "MDP-LIVE-ROOT token=T" (T random, kept in
# NAME.token and inside the root only) when it runs as PID 1, then powers
# off. Each live root carries the kernel's modules the way a distribution's
# root does (the mtd drivers, loop, isofs and the index), so that
# memdisk-remaster finds phram there.
#
#   iso_liveboot    Debian live-boot: mkinitramfs + live-boot, an early
#                   microcode archive first, merged /usr; isolinux (INCLUDE)
#                   and GRUB EFI, isohybrid MBR+GPT; md5sum.txt
#   iso_casper      Ubuntu's layout: initramfs-tools with a casper stand-in,
#                   /casper/{vmlinuz,initrd,filesystem.squashfs}; isolinux
#   iso_dracut      Fedora's classic layout: dracut 059 dmsquash-live, shell
#                   and systemd flavours (two entries), LiveOS/squashfs.img
#                   holding LiveOS/rootfs.img (ext4); isolinux
#   iso_grubonly    the same dracut image, booted by GRUB only
#                   (grub-mkrescue: BIOS El Torito, EFI, MBR+GPT+APM)
#   iso_archiso     archiso's layout: a mkinitcpio-style busybox image
#                   (tests/boot/mkinitcpio's init_functions and udev hook,
#                   an archiso stand-in), archisosearchuuid=, airootfs.sfs
# Each sets ISO (the path), TOKEN, LABEL, and MEDIUM_FAIL (the regex of the
# message the original ISO fails with through MEMDISK), FAIL_ARGS (kernel
# arguments that make that failure quick) and ENTRIES (the entries to boot).

RM_HERE=$BOOT_LIBDIR/remaster
RM_ISOLINUX_BIN=${BOOT_ISOLINUX_BIN:-/usr/lib/ISOLINUX/isolinux.bin}
RM_LDLINUX=${BOOT_LDLINUX:-/usr/lib/syslinux/modules/bios/ldlinux.c32}

rm_log() {
	echo "remaster-boot: $*" >&2
}

# rm_cached NAME KEY-INPUTS...: 0 when what NAME built (its .key and
# .token, the callers check their own products) matches the inputs; sets
# RM_KEY either way (so callers test it before their products: rm_done
# writes RM_KEY).
rm_cached() {
	_rc_name=$1
	shift
	RM_KEY=$(boot_key remaster-iso-v1 "$KVER" "$@")
	[ "$(cat "$RM_OUT/$_rc_name.key" 2>/dev/null)" = "$RM_KEY" ] && [ -s "$RM_OUT/$_rc_name.token" ]
}

# rm_cached_iso ISO NAME KEY-INPUTS...: rm_cached, and ISO is there. The key
# first: a build from scratch needs RM_KEY for rm_done.
rm_cached_iso() {
	_ci_iso=$1
	shift
	rm_cached "$@" && [ -s "$_ci_iso" ]
}

rm_done() {
	echo "$RM_KEY" >"$RM_OUT/$1.key"
}

# rm_pkgver PACKAGE...: versions, for cache keys.
rm_pkgver() {
	dpkg-query -W -f='${Package}=${Version} ' "$@" 2>/dev/null
}

# rm_liveroot DIR NAME: the live root: busybox, an init that proves it ran,
# the kernel's modules (mtd, loop, isofs and the index) and its config,
# /usr merged. The token goes to RM_OUT/NAME.token.
rm_liveroot() {
	_lr=$1
	rm -rf "$_lr"
	mkdir -p "$_lr/usr/bin" "$_lr/usr/lib" "$_lr/usr/sbin" "$_lr/etc" "$_lr/proc" "$_lr/sys" "$_lr/dev" \
		"$_lr/run" "$_lr/tmp" "$_lr/root" "$_lr/boot"
	ln -s usr/bin "$_lr/bin"
	ln -s usr/sbin "$_lr/sbin"
	ln -s usr/lib "$_lr/lib"
	cp /bin/busybox "$_lr/usr/bin/busybox"
	for _a in sh cat awk mount poweroff sleep; do
		ln -s busybox "$_lr/usr/bin/$_a"
	done
	od -An -N8 -tx1 /dev/urandom | tr -d ' \n' >"$_lr/etc/mdp-token"
	cp "$_lr/etc/mdp-token" "$RM_OUT/$2.token"
	printf '%s\n' 'NAME="memdisk-phram remaster test"' 'ID=memdisk-phram-test' >"$_lr/etc/os-release"
	cat >"$_lr/usr/sbin/init" <<'EOF'
#!/bin/sh
# The live root's init: what only this root can print, then power off.
export PATH=/bin
mount -t proc proc /proc 2>/dev/null
echo "MDP-LIVE-ROOT token=$(cat /etc/mdp-token) root=$(awk '$2 == "/" { t = $3 } END { print t }' /proc/mounts)"
poweroff -f
sleep 30
EOF
	chmod 0755 "$_lr/usr/sbin/init"
	# The modules a distribution's root has (a subset: the ones the
	# remaster looks for), as the kernel package lays them out.
	_lr_m=$_lr/usr/lib/modules/$KVER
	_lr_src=$KDIR/lib/modules/$KVER
	mkdir -p "$_lr_m/kernel/drivers/block" "$_lr_m/kernel/drivers/acpi" "$_lr_m/kernel/fs"
	cp -a "$_lr_src/kernel/drivers/mtd" "$_lr_m/kernel/drivers/"
	# UEFI HTTP Boot: nfit, libnvdimm, nd_btt, nd_pmem.
	cp -a "$_lr_src/kernel/drivers/nvdimm" "$_lr_m/kernel/drivers/"
	cp -a "$_lr_src/kernel/drivers/acpi/nfit" "$_lr_m/kernel/drivers/acpi/"
	cp -a "$_lr_src/kernel/fs/isofs" "$_lr_m/kernel/fs/"
	cp "$_lr_src"/kernel/drivers/block/loop.ko* "$_lr_m/kernel/drivers/block/"
	for _f in modules.builtin modules.builtin.modinfo modules.order; do
		[ -f "$_lr_src/$_f" ] && cp "$_lr_src/$_f" "$_lr_m/"
	done
	depmod -b "$_lr/usr" "$KVER" 2>/dev/null
	cp "$KDIR/boot/config-$KVER" "$_lr/boot/config-$KVER"
}

# rm_isolinux TREE DIR: isolinux.bin and ldlinux.c32 in TREE/DIR.
rm_isolinux() {
	mkdir -p "$1/$2"
	cp "$RM_ISOLINUX_BIN" "$1/$2/isolinux.bin"
	cp "$RM_LDLINUX" "$1/$2/ldlinux.c32"
}

# rm_efi_img TREE: boot/grub/efi.img, a FAT image with GRUB for x86_64 EFI
# reading the ISO's /boot/grub/grub.cfg (as Debian's live images have).
rm_efi_img() {
	_ei=$RM_OUT/efi.$$
	rm -rf "$_ei"
	mkdir -p "$_ei" "$1/boot/grub"
	# shellcheck disable=SC2016 # GRUB's variables
	printf '%s\n' 'search --file --set=root /.disk/mdp-live' 'set prefix=($root)/boot/grub' \
		'configfile $prefix/grub.cfg' >"$_ei/early.cfg"
	grub-mkimage -O x86_64-efi -o "$_ei/bootx64.efi" -p /boot/grub -c "$_ei/early.cfg" \
		part_msdos part_gpt iso9660 fat search configfile normal linux echo >/dev/null 2>&1 || return 1
	rm -f "$1/boot/grub/efi.img"
	mkfs.vfat -C "$1/boot/grub/efi.img" 4096 >/dev/null 2>&1 || return 1
	mmd -i "$1/boot/grub/efi.img" ::/EFI ::/EFI/BOOT || return 1
	mcopy -i "$1/boot/grub/efi.img" "$_ei/bootx64.efi" ::/EFI/BOOT/BOOTX64.EFI || return 1
	mkdir -p "$1/.disk"
	echo "memdisk-phram remaster test" >"$1/.disk/mdp-live"
	rm -rf "$_ei"
}

# rm_mkiso TREE OUT LABEL [efi]: El Torito isolinux (+ the EFI image),
# isohybrid MBR (+ GPT); a fixed date, so that the UUID is known.
rm_mkiso() {
	if [ "${4:-}" = efi ]; then
		set -- "$1" "$2" "$3" -eltorito-alt-boot -e boot/grub/efi.img -no-emul-boot -isohybrid-gpt-basdat
	else
		set -- "$1" "$2" "$3"
	fi
	_mi_tree=$1
	_mi_out=$2
	_mi_label=$3
	shift 3
	SOURCE_DATE_EPOCH=1704067200 xorriso -as mkisofs -quiet -o "$_mi_out.tmp" -V "$_mi_label" -J -R \
		-b isolinux/isolinux.bin -c isolinux/boot.cat -no-emul-boot -boot-load-size 4 -boot-info-table \
		-isohybrid-mbr /usr/lib/ISOLINUX/isohdpfx.bin "$@" "$_mi_tree" >"$_mi_out.log" 2>&1 || return 1
	mv "$_mi_out.tmp" "$_mi_out"
}

# rm_sums TREE FILE TOOL: a checksum list of the tree, as live-build writes
# md5sum.txt (boot images excluded).
rm_sums() {
	(cd "$1" && find . -type f ! -name "$2" ! -name isolinux.bin ! -name boot.cat | LC_ALL=C sort | xargs "$3") >"$1/$2"
}

# ---- Debian live-boot ---------------------------------------------------------------
iso_liveboot() {
	LABEL=MDP_LIVEBOOT
	MEDIUM_FAIL='Unable to find a medium containing a live file system'
	FAIL_ARGS='live-media-timeout=5'
	ENTRIES='Live system (amd64)'
	ISO=$RM_OUT/liveboot.iso
	TOKEN=
	if ! rm_cached_iso "$ISO" liveboot "$RM_HERE/isos.sh" "$BOOT_LIBDIR/generators.sh" /bin/busybox \
		"$(rm_pkgver initramfs-tools-core live-boot live-boot-initramfs-tools busybox udev klibc-utils kmod isolinux grub-efi-amd64-bin)"; then
		rm_log "building the live-boot ISO (mkinitramfs, live-boot)"
		_lb=$RM_OUT/liveboot.d
		rm -rf "$_lb"
		mkdir -p "$_lb/tree/live"
		gen_initramfs_tools_conf "$_lb/conf"
		gen_early_microcode_hook "$_lb/conf"
		gen_mkinitramfs "$_lb/conf" "$_lb/tree/live/initrd.img" "$RM_OUT/liveboot.mkinitramfs.log" ||
			{ rm_log "mkinitramfs failed: $RM_OUT/liveboot.mkinitramfs.log"; return 1; }
		rm_liveroot "$_lb/root" liveboot
		mksquashfs "$_lb/root" "$_lb/tree/live/filesystem.squashfs" -noappend -quiet -comp xz -all-root >/dev/null || return 1
		cp "$VMLINUZ" "$_lb/tree/live/vmlinuz"
		rm_isolinux "$_lb/tree" isolinux
		printf '%s\n' 'PROMPT 0' 'TIMEOUT 50' 'DEFAULT Live system (amd64)' 'INCLUDE live.cfg' >"$_lb/tree/isolinux/isolinux.cfg"
		printf '%s\n' 'LABEL Live system (amd64)' '  MENU LABEL Live system (amd64)' '  KERNEL /live/vmlinuz' \
			'  APPEND initrd=/live/initrd.img boot=live components quiet' 'LABEL Live system (failsafe)' \
			'  KERNEL /live/vmlinuz' '  APPEND initrd=/live/initrd.img boot=live components noapic' \
			>"$_lb/tree/isolinux/live.cfg"
		rm_efi_img "$_lb/tree" || { rm_log "cannot make the EFI image"; return 1; }
		printf '%s\n' 'set timeout=5' 'menuentry "Live system (amd64)" {' \
			'	linux /live/vmlinuz boot=live components quiet' '	initrd /live/initrd.img' '}' \
			>"$_lb/tree/boot/grub/grub.cfg"
		rm_sums "$_lb/tree" md5sum.txt md5sum
		rm_mkiso "$_lb/tree" "$ISO" "$LABEL" efi || { rm_log "xorriso failed: $ISO.log"; return 1; }
		rm -rf "$_lb"
		rm_done liveboot
	fi
	TOKEN=$(cat "$RM_OUT/liveboot.token")
}

# ---- Ubuntu's casper layout -----------------------------------------------------------------
iso_casper() {
	LABEL=MDP_CASPER
	MEDIUM_FAIL='Unable to find a medium containing a live file system'
	FAIL_ARGS='casper-timeout=5'
	ENTRIES='live'
	ISO=$RM_OUT/casper.iso
	if ! rm_cached_iso "$ISO" casper "$RM_HERE/isos.sh" "$RM_HERE/casper/casper" "$BOOT_LIBDIR/generators.sh" /bin/busybox \
		"$(rm_pkgver initramfs-tools-core busybox udev klibc-utils kmod isolinux)"; then
		rm_log "building the casper-layout ISO (mkinitramfs, casper stand-in)"
		_cs=$RM_OUT/casper.d
		rm -rf "$_cs"
		mkdir -p "$_cs/tree/casper"
		gen_initramfs_tools_conf "$_cs/conf"
		printf '%s\n' loop squashfs overlay >>"$_cs/conf/modules"
		cp "$RM_HERE/casper/casper" "$_cs/conf/scripts/casper"
		gen_mkinitramfs "$_cs/conf" "$_cs/tree/casper/initrd" "$RM_OUT/casper.mkinitramfs.log" ||
			{ rm_log "mkinitramfs failed: $RM_OUT/casper.mkinitramfs.log"; return 1; }
		rm_liveroot "$_cs/root" casper
		mksquashfs "$_cs/root" "$_cs/tree/casper/filesystem.squashfs" -noappend -quiet -comp xz -all-root >/dev/null || return 1
		cp "$VMLINUZ" "$_cs/tree/casper/vmlinuz"
		rm_isolinux "$_cs/tree" isolinux
		printf '%s\n' 'DEFAULT live' 'PROMPT 0' 'TIMEOUT 50' 'LABEL live' '  MENU LABEL Try it' \
			'  KERNEL /casper/vmlinuz' '  APPEND initrd=/casper/initrd boot=casper quiet splash ---' \
			>"$_cs/tree/isolinux/isolinux.cfg"
		rm_sums "$_cs/tree" md5sum.txt md5sum
		rm_mkiso "$_cs/tree" "$ISO" "$LABEL" || { rm_log "xorriso failed: $ISO.log"; return 1; }
		rm -rf "$_cs"
		rm_done casper
	fi
	TOKEN=$(cat "$RM_OUT/casper.token")
}

# ---- dracut dmsquash-live (Fedora's classic layout) ------------------------------------------
# rm_dracut_pieces: the two dracut images and LiveOS/squashfs.img, shared by
# iso_dracut and iso_grubonly (RM_OUT/dracut-*.img, RM_OUT/dracut-squashfs.img).
rm_dracut_pieces() {
	# (rm_cached first: it sets RM_KEY, which rm_done writes.)
	if rm_cached dracut-pieces "$RM_HERE/isos.sh" \
		"$BOOT_LIBDIR/generators.sh" /bin/busybox "$(rm_pkgver dracut-core dracut-live systemd udev kmod)" &&
		[ -s "$RM_OUT/dracut-shell.img" ] && [ -s "$RM_OUT/dracut-systemd.img" ] &&
		[ -s "$RM_OUT/dracut-squashfs.img" ]; then
		return 0
	fi
	rm_log "building the dracut images (dracut $(rm_pkgver dracut-core), dmsquash-live; shell and systemd)"
	_dd=$RM_OUT/dracut.d
	rm -rf "$_dd"
	mkdir -p "$_dd/sq/LiveOS"
	# No memdisk-phram module: a distribution's image as it ships.
	gen_dracut "$RM_OUT/dracut-shell.img" "base dmsquash-live" "ext4 sr_mod ata_piix" "$RM_OUT/dracut-shell.log" ||
		{ rm_log "dracut failed: $RM_OUT/dracut-shell.log"; return 1; }
	gen_dracut "$RM_OUT/dracut-systemd.img" "systemd systemd-initrd dracut-systemd base dmsquash-live" \
		"ext4 sr_mod ata_piix" "$RM_OUT/dracut-systemd.log" ||
		{ rm_log "dracut failed: $RM_OUT/dracut-systemd.log"; return 1; }
	rm_liveroot "$_dd/root" dracut-pieces
	mkfs.ext4 -q -F -L live-root -d "$_dd/root" "$_dd/sq/LiveOS/rootfs.img" 24M >"$_dd/mkfs.log" 2>&1 ||
		{ rm_log "mkfs.ext4 failed"; return 1; }
	mksquashfs "$_dd/sq" "$RM_OUT/dracut-squashfs.img" -noappend -quiet -comp xz -all-root >/dev/null || return 1
	rm -rf "$_dd"
	rm_done dracut-pieces
}

iso_dracut() {
	LABEL=MDP_DRACUT
	MEDIUM_FAIL='/dev/disk/by-label/MDP_DRACUT"? does not exist|Timed out waiting for device'
	FAIL_ARGS='rd.retry=6 rd.timeout=20 rd.shell=0'
	ENTRIES='Start (shell)|Start (systemd)'
	ISO=$RM_OUT/dracut.iso
	rm_dracut_pieces || return 1
	if ! rm_cached_iso "$ISO" dracut "$RM_HERE/isos.sh" "$RM_OUT/dracut-shell.img" "$RM_OUT/dracut-systemd.img" \
		"$RM_OUT/dracut-squashfs.img" "$(rm_pkgver isolinux)"; then
		rm_log "building the dracut ISO"
		_di=$RM_OUT/dracut-iso.d
		rm -rf "$_di"
		mkdir -p "$_di/tree/LiveOS" "$_di/tree/images/pxeboot"
		cp "$RM_OUT/dracut-squashfs.img" "$_di/tree/LiveOS/squashfs.img"
		cp "$VMLINUZ" "$_di/tree/images/pxeboot/vmlinuz"
		cp "$RM_OUT/dracut-shell.img" "$_di/tree/images/pxeboot/initrd.img"
		cp "$RM_OUT/dracut-systemd.img" "$_di/tree/images/pxeboot/initrd-sd.img"
		rm_isolinux "$_di/tree" isolinux
		printf '%s\n' 'DEFAULT Start (shell)' 'PROMPT 0' 'TIMEOUT 50' \
			'LABEL Start (shell)' '  KERNEL /images/pxeboot/vmlinuz' \
			"  APPEND initrd=/images/pxeboot/initrd.img root=live:CDLABEL=$LABEL rd.live.image quiet" \
			'LABEL Start (systemd)' '  KERNEL /images/pxeboot/vmlinuz' \
			"  APPEND initrd=/images/pxeboot/initrd-sd.img root=live:CDLABEL=$LABEL rd.live.image quiet" \
			>"$_di/tree/isolinux/isolinux.cfg"
		cp "$RM_OUT/dracut-pieces.token" "$RM_OUT/dracut.token"
		rm_mkiso "$_di/tree" "$ISO" "$LABEL" || { rm_log "xorriso failed: $ISO.log"; return 1; }
		rm -rf "$_di"
		rm_done dracut
	fi
	TOKEN=$(cat "$RM_OUT/dracut.token")
}

# ---- GRUB only (grub-mkrescue: Ubuntu >= 22.04, Fedora >= 37) --------------------------------
iso_grubonly() {
	LABEL=MDP_GRUB
	MEDIUM_FAIL='/dev/disk/by-label/MDP_GRUB"? does not exist'
	FAIL_ARGS='rd.retry=6 rd.shell=0'
	ENTRIES='MDP live (dracut)'
	ISO=$RM_OUT/grubonly.iso
	rm_dracut_pieces || return 1
	if ! rm_cached_iso "$ISO" grubonly "$RM_HERE/isos.sh" "$RM_OUT/dracut-shell.img" "$RM_OUT/dracut-squashfs.img" \
		"$(rm_pkgver grub-common grub-pc-bin grub-efi-amd64-bin xorriso)"; then
		rm_log "building the GRUB-only ISO (grub-mkrescue)"
		_gi=$RM_OUT/grubonly.d
		rm -rf "$_gi"
		mkdir -p "$_gi/tree/LiveOS" "$_gi/tree/boot/grub"
		cp "$RM_OUT/dracut-squashfs.img" "$_gi/tree/LiveOS/squashfs.img"
		cp "$VMLINUZ" "$_gi/tree/boot/vmlinuz"
		cp "$RM_OUT/dracut-shell.img" "$_gi/tree/boot/initrd.img"
		printf '%s\n' 'set timeout=5' 'set default=0' 'menuentry "MDP live (dracut)" {' \
			"	linux /boot/vmlinuz root=live:CDLABEL=$LABEL rd.live.image quiet" '	initrd /boot/initrd.img' '}' \
			>"$_gi/tree/boot/grub/grub.cfg"
		cp "$RM_OUT/dracut-pieces.token" "$RM_OUT/grubonly.token"
		SOURCE_DATE_EPOCH=1704067200 grub-mkrescue -o "$ISO.tmp" "$_gi/tree" -- -volid "$LABEL" >"$ISO.log" 2>&1 ||
			{ rm_log "grub-mkrescue failed: $ISO.log"; return 1; }
		mv "$ISO.tmp" "$ISO"
		rm -rf "$_gi"
		rm_done grubonly
	fi
	TOKEN=$(cat "$RM_OUT/grubonly.token")
}

# ---- archiso (mkinitcpio) ------------------------------------------------------------------------
# rm_mkinitcpio_initrd OUT: a mkinitcpio-style busybox image for
# HOOKS=(base udev archiso): merged /usr as mkinitcpio makes it, busybox,
# kmod's modprobe, systemd-udevd with the stock rules a CD needs, modules
# flat in kernel/ and decompressed, only the binary index kept, /config,
# /VERSION; no memdisk-phram.
rm_mkinitcpio_initrd() {
	_mc=$RM_OUT/mkinitcpio.d
	rm -rf "$_mc"
	_r=$_mc/root
	mkdir -p "$_r/usr/bin" "$_r/usr/lib" "$_r/new_root" "$_r/proc" "$_r/sys" "$_r/dev" "$_r/run" "$_r/tmp" \
		"$_r/etc" "$_r/hooks" "$_r/var"
	ln -s usr/lib "$_r/lib"
	ln -s usr/bin "$_r/bin"
	ln -s usr/bin "$_r/sbin"
	ln -s bin "$_r/usr/sbin"
	ln -s usr/lib "$_r/lib64"
	cp /bin/busybox "$_r/usr/bin/busybox"
	for _a in $(/bin/busybox --list); do
		[ -e "$_r/usr/bin/$_a" ] || ln -s busybox "$_r/usr/bin/$_a"
	done
	# kmod reads the binary index (busybox's modprobe would want modules.dep).
	_boot_copy_exec "$(command -v kmod)" "$_r" /usr/bin/kmod
	for _a in modprobe insmod rmmod lsmod depmod modinfo; do
		ln -sf kmod "$_r/usr/bin/$_a"
	done
	_udevd=/lib/systemd/systemd-udevd
	[ -x "$_udevd" ] || _udevd=/usr/lib/systemd/systemd-udevd
	_boot_copy_exec "$_udevd" "$_r" /usr/lib/systemd/systemd-udevd
	_boot_copy_exec "$(command -v udevadm)" "$_r" /usr/bin/udevadm
	_boot_copy_exec /usr/lib/udev/cdrom_id "$_r" /usr/lib/udev/cdrom_id
	mkdir -p "$_r/usr/lib/udev/rules.d"
	for _rule in 50-udev-default 60-block 60-cdrom_id 60-persistent-storage 80-drivers; do
		cp "/usr/lib/udev/rules.d/$_rule.rules" "$_r/usr/lib/udev/rules.d/" 2>/dev/null
	done
	cp "$BOOT_LIBDIR/mkinitcpio/init_functions" "$_r/init_functions"
	cp "$RM_HERE/archiso/init" "$_r/init"
	cp "$BOOT_LIBDIR/mkinitcpio/hooks/udev" "$_r/hooks/udev"
	cp "$RM_HERE/archiso/archiso" "$_r/hooks/archiso"
	chmod 0755 "$_r/init" "$_r/hooks/udev" "$_r/hooks/archiso"
	printf '%s' 31 >"$_r/VERSION"
	: >"$_r/etc/initrd-release"
	echo 'HOOKS=(base udev archiso)' >"$_r/buildconfig"
	printf '%s\n' 'EARLYHOOKS="udev"' 'HOOKS="udev archiso"' 'LATEHOOKS=""' 'CLEANUPHOOKS="udev"' >"$_r/config"
	# Modules, as mkinitcpio installs them: flat, decompressed, .bin index.
	_m=$_r/usr/lib/modules/$KVER
	mkdir -p "$_m/kernel"
	_boot_module_paths ata_piix sr_mod isofs loop squashfs overlay >"$_mc/mods" || return 1
	while read -r _p; do
		case $_p in
		*.ko.xz) xz -dc "$KDIR/lib/modules/$KVER/$_p" >"$_m/kernel/$(basename "${_p%.xz}")" ;;
		*.ko.zst) zstd -qdc "$KDIR/lib/modules/$KVER/$_p" >"$_m/kernel/$(basename "${_p%.zst}")" ;;
		*) cp "$KDIR/lib/modules/$KVER/$_p" "$_m/kernel/" ;;
		esac
	done <"$_mc/mods"
	cp "$KDIR/lib/modules/$KVER/modules.builtin" "$_m/"
	awk -F/ '{ print "kernel/" $NF }' "$KDIR/lib/modules/$KVER/modules.order" >"$_m/modules.order"
	depmod -b "$_r/usr" "$KVER" 2>/dev/null || return 1
	for _f in "$_m"/modules.*; do
		case $_f in *.bin | */modules.devname | */modules.softdep) ;; *) rm -f "$_f" ;; esac
	done
	(cd "$_r" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | zstd -q -19 >"$1" || return 1
	rm -rf "$_mc"
}

iso_archiso() {
	LABEL=ARCH_202401
	MEDIUM_FAIL='device did not show up after'
	FAIL_ARGS=
	ENTRIES='arch64'
	ISO=$RM_OUT/archiso.iso
	_uuid=2024-01-01-00-00-00-00
	_udevd=/lib/systemd/systemd-udevd
	[ -x "$_udevd" ] || _udevd=/usr/lib/systemd/systemd-udevd
	if ! rm_cached_iso "$ISO" archiso "$RM_HERE/isos.sh" "$RM_HERE/archiso/init" "$RM_HERE/archiso/archiso" \
		"$BOOT_LIBDIR/mkinitcpio/init_functions" "$BOOT_LIBDIR/mkinitcpio/hooks/udev" /bin/busybox "$_udevd" \
		"$(rm_pkgver kmod udev isolinux)"; then
		rm_log "building the archiso-style ISO (mkinitcpio stand-in)"
		_ai=$RM_OUT/archiso.d
		rm -rf "$_ai"
		mkdir -p "$_ai/tree/arch/boot/x86_64" "$_ai/tree/arch/x86_64" "$_ai/tree/loader/entries"
		rm_mkinitcpio_initrd "$_ai/tree/arch/boot/x86_64/initramfs-linux.img" || { rm_log "the mkinitcpio image failed"; return 1; }
		rm_liveroot "$_ai/root" archiso
		mksquashfs "$_ai/root" "$_ai/tree/arch/x86_64/airootfs.sfs" -noappend -quiet -comp xz -all-root >/dev/null || return 1
		cp "$VMLINUZ" "$_ai/tree/arch/boot/x86_64/vmlinuz-linux"
		rm_isolinux "$_ai/tree" isolinux
		printf '%s\n' 'DEFAULT arch64' 'PROMPT 0' 'TIMEOUT 50' 'LABEL arch64' \
			'  MENU LABEL Arch Linux install medium (x86_64, BIOS)' '  LINUX /arch/boot/x86_64/vmlinuz-linux' \
			'  INITRD /arch/boot/x86_64/initramfs-linux.img' \
			"  APPEND archisobasedir=arch archisosearchuuid=$_uuid" >"$_ai/tree/isolinux/isolinux.cfg"
		printf '%s\n' 'title Arch Linux install medium (x86_64, UEFI)' 'linux /arch/boot/x86_64/vmlinuz-linux' \
			'initrd /arch/boot/x86_64/initramfs-linux.img' "options archisobasedir=arch archisosearchuuid=$_uuid" \
			>"$_ai/tree/loader/entries/01-archiso-x86_64-linux.conf"
		(cd "$_ai/tree" && sha256sum arch/x86_64/airootfs.sfs >arch/x86_64/airootfs.sha256)
		rm_mkiso "$_ai/tree" "$ISO" "$LABEL" || { rm_log "xorriso failed: $ISO.log"; return 1; }
		[ "$(blkid -p -o value -s UUID "$ISO")" = "$_uuid" ] || { rm_log "the ISO's UUID is not $_uuid"; return 1; }
		rm -rf "$_ai"
		rm_done archiso
	fi
	TOKEN=$(cat "$RM_OUT/archiso.token")
}
