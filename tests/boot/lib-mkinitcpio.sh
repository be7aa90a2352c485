# shellcheck shell=sh
# tests/boot/lib-mkinitcpio.sh: a mkinitcpio-style busybox initramfs (Arch's
# mkinitcpio is not packaged in Debian), sourced after tests/boot/lib.sh.
# The image is laid out and run the way mkinitcpio's busybox images are:
# /init (tests/boot/mkinitcpio/init) with init_functions, /config with the
# HOOKS lists, runtime hooks in /hooks: udev (Debian's systemd-udevd and
# udevadm), our hooks/mkinitcpio/hooks/memdisk-phram and the test hooks of
# tests/boot/mkinitcpio/hooks (archiso-probe: finds the medium as archiso
# does and proves what it mounted).
#
#   mkcpio_initrd OUTDIR "HOOKS" "MODULES" [RULE...]
#                     MK_INITRD: the image (cached by content) with the
#                     hooks in that order, those kernel modules and
#                     udev/61-memdisk-phram.rules plus the named udev rules
#                     (paths on the host: /lib/udev/rules.d/60-... for the
#                     rules mkinitcpio's own udev hook adds)
#                     MKCPIO_LAYOUT: the module layout: all (default:
#                     depmod's text and binary indexes); bin (only what
#                     real mkinitcpio keeps: the .bin indexes, no
#                     modules.dep; /sbin/modprobe stays busybox's applet);
#                     kmod-bin (the same, with kmod's modprobe as
#                     /sbin/modprobe: busybox's shell still runs its own
#                     applet for a plain "modprobe")
#   mkcpio_check_layout IMAGE LAYOUT
#                     fails unless the image has that module layout (so
#                     that a green case proves the module loading it is
#                     named after)
#   mkcpio_write_config FILE "HOOKS"
#                     /config as mkinitcpio's add_runscript and
#                     parse_config compose it

MKCPIO_HERE=$BOOT_LIBDIR/mkinitcpio

# mkcpio_hook_file NAME: where the runtime hook of that name comes from.
mkcpio_hook_file() {
	case "$1" in
	memdisk-phram) echo "$BOOT_TOP/hooks/mkinitcpio/hooks/memdisk-phram" ;;
	*) echo "$MKCPIO_HERE/hooks/$1" ;;
	esac
}

# A hook is listed in EARLYHOOKS, HOOKS, LATEHOOKS, CLEANUPHOOKS for each
# run_* function its file defines (cleanup in reverse).
mkcpio_write_config() {
	_wc_early='' _wc_hooks='' _wc_late='' _wc_cleanup=''
	for _wc_h in $2; do
		# shellcheck disable=SC2013 # function names are single words
		for _wc_fn in $(awk '/^[[:space:]]*run_[[:alnum:]_]+[[:space:]]*\(\)/ { sub(/\(.*/, "", $1); print $1 }' "$(mkcpio_hook_file "$_wc_h")"); do
			case "$_wc_fn" in
			run_earlyhook) _wc_early="$_wc_early $_wc_h" ;;
			run_hook) _wc_hooks="$_wc_hooks $_wc_h" ;;
			run_latehook) _wc_late="$_wc_late $_wc_h" ;;
			run_cleanuphook) _wc_cleanup="$_wc_h $_wc_cleanup" ;;
			esac
		done
	done
	printf 'EARLYHOOKS="%s"\nHOOKS="%s"\nLATEHOOKS="%s"\nCLEANUPHOOKS="%s"\n' \
		"${_wc_early# }" "${_wc_hooks# }" "${_wc_late# }" "${_wc_cleanup% }" >"$1"
}

mkcpio_initrd() {
	_mi_out=$1
	_mi_hooks=$2
	_mi_modules=$3
	shift 3
	[ -n "${KDIR:-}" ] || boot_kernel 6.1
	_mi_udevd=/lib/systemd/systemd-udevd
	[ -x "$_mi_udevd" ] || _mi_udevd=/usr/lib/systemd/systemd-udevd
	_mi_udevadm=$(command -v udevadm) || {
		echo "udevadm is missing (apt-get install udev)" >&2
		return 1
	}
	mkdir -p "$_mi_out"
	_mi_config=$_mi_out/config-$(boot_key "$_mi_hooks")
	mkcpio_write_config "$_mi_config" "$_mi_hooks"
	_mi_extra="$_mi_udevd:/usr/lib/systemd/systemd-udevd $_mi_udevadm:/usr/bin/udevadm"
	_mi_extra="$_mi_extra $BOOT_TOP/udev/61-memdisk-phram.rules:/usr/lib/udev/rules.d/61-memdisk-phram.rules"
	_mi_extra="$_mi_extra $MKCPIO_HERE/init_functions:/init_functions $_mi_config:/config"
	_mi_files="$MKCPIO_HERE/init $MKCPIO_HERE/init_functions $_mi_config $BOOT_TOP/udev/61-memdisk-phram.rules $_mi_udevd $_mi_udevadm"
	for _mi_r in "$@"; do
		_mi_extra="$_mi_extra $_mi_r:/usr/lib/udev/rules.d/${_mi_r##*/}"
		_mi_files="$_mi_files $_mi_r"
	done
	for _mi_h in $_mi_hooks; do
		_mi_extra="$_mi_extra $(mkcpio_hook_file "$_mi_h"):/hooks/$_mi_h"
		_mi_files="$_mi_files $(mkcpio_hook_file "$_mi_h")"
	done
	_mi_layout=${MKCPIO_LAYOUT:-all}
	_mi_index=all
	case $_mi_layout in
	all) ;;
	bin) _mi_index=bin ;;
	kmod-bin)
		_mi_index=bin
		_mi_kmod=$(command -v kmod) || {
			echo "kmod is missing (apt-get install kmod)" >&2
			return 1
		}
		_mi_extra="$_mi_extra $_mi_kmod:/sbin/modprobe"
		_mi_files="$_mi_files $_mi_kmod"
		;;
	*)
		echo "unknown module layout '$_mi_layout'" >&2
		return 1
		;;
	esac
	# lib.sh keys its cache on the extra files' names only: put a key of
	# their content into the output's name.
	# shellcheck disable=SC2086 # file list
	MK_INITRD=$_mi_out/initrd-$KVER-$_mi_layout-$(boot_key mkinitcpio-v1 $_mi_files "$_mi_modules").img
	# shellcheck disable=SC2086 # module list
	BOOT_INITRAMFS_EXTRA=$_mi_extra BOOT_INITRAMFS_MODINDEX=$_mi_index \
		boot_busybox_initramfs "$MK_INITRD" "$MKCPIO_HERE/init" $_mi_modules
}

mkcpio_check_layout() {
	_cl_list=$(gzip -dc "$1" | cpio -t --quiet 2>/dev/null)
	_cl_has() { printf '%s\n' "$_cl_list" | grep -q "$1"; }
	_cl_has '^lib/modules/[^/]*/modules\.dep\.bin$' || {
		echo "$1 has no modules.dep.bin" >&2
		return 1
	}
	_cl_link=$(gzip -dc "$1" | (
		d=$(mktemp -d "${1%/*}/list.XXXXXX") && cd "$d" && cpio -id --quiet sbin/modprobe 2>/dev/null &&
			if [ -L sbin/modprobe ]; then echo link; elif [ -f sbin/modprobe ]; then echo file; fi
		cd / && rm -rf "$d"
	))
	case $2 in
	all) _cl_has '^lib/modules/[^/]*/modules\.dep$' ;;
	bin) ! _cl_has '^lib/modules/[^/]*/modules\.dep$' && [ "$_cl_link" = link ] ;;
	kmod-bin) ! _cl_has '^lib/modules/[^/]*/modules\.dep$' && [ "$_cl_link" = file ] ;;
	esac || {
		echo "$1 does not have the '$2' module layout (/sbin/modprobe: ${_cl_link:-none})" >&2
		return 1
	}
}
