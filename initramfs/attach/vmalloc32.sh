# shellcheck shell=sh disable=SC2034 # MD_* variables are shared with the other parts
# vmalloc32.sh: will the image fit in a 32-bit kernel's vmalloc area? (sourced
# by memdisk-attach; used by the phram backend).
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   md_check_vmalloc    returns on 64-bit kernels and when the image fits;
#                       otherwise fails naming the vmalloc= to add (or why
#                       none would do)
#   md_vmalloc_hint     MD_VMALLOC: the vmalloc= (MiB) for an image of MD_LEN
#                       bytes, given _vused_mib MiB already in use
#
# phram maps the image into the vmalloc area; a 32-bit x86 kernel has 128 MiB
# of it by default. Check before trying, and name the vmalloc= that would do.
MD_MIB=1048576
md_vmalloc_hint() {
	# image + headroom (64 MiB, or what is in use + 16 MiB if more), rounded
	# up to 16 MiB
	_need=$(((MD_LEN + MD_MIB - 1) / MD_MIB))
	_head=64
	[ $((_vused_mib + 16)) -le $_head ] || _head=$((_vused_mib + 16))
	MD_VMALLOC=$((((_need + _head + 15) / 16) * 16))
}

md_check_vmalloc() {
	_m=$("${MD_BIN}uname" -m 2>/dev/null)
	case $_m in i?86) ;; *) return 0 ;; esac
	[ -r "$PROC/meminfo" ] || return 0
	_vtotal='' _vused='' _low='' _high='' _memt=''
	while read -r _k _v _; do
		case $_k in
		MemTotal:) _memt=$_v ;;
		VmallocTotal:) _vtotal=$_v ;;
		VmallocUsed:) _vused=$_v ;;
		LowTotal:) _low=$_v ;;
		HighTotal:) _high=$_v ;;
		esac
	done <"$PROC/meminfo"
	[ -n "$_vtotal" ] || return 0
	_vused=${_vused:-0}
	# VmallocUsed counts vmalloc'ed pages only, not ioremap()s (framebuffers,
	# ACPI): the ranges listed in /proc/vmallocinfo (root only) are all of it.
	if [ -r "$PROC/vmallocinfo" ]; then
		_sum=0
		while read -r _range _bytes _; do
			case $_bytes in '' | *[!0-9]*) continue ;; esac
			_sum=$((_sum + _bytes))
		done <"$PROC/vmallocinfo"
		[ $((_sum / 1024)) -le "$_vused" ] || _vused=$((_sum / 1024))
	fi
	_vused_mib=$(((_vused + 1023) / 1024))
	md_vmalloc_hint
	_free=$(((_vtotal - _vused) * 1024))
	md_debug "$_m: vmalloc ${_vtotal} kB, ${_vused} kB used; image $MD_LEN bytes"
	# Keep 8 MiB spare: the area is shared and can be fragmented.
	[ $((MD_LEN + 8 * MD_MIB)) -gt "$_free" ] || return 0
	# The kernel's address space (1 GiB with the usual 3G/1G split) holds both
	# lowmem and the vmalloc area: a larger vmalloc= takes it from lowmem.
	_space=1024
	if [ -n "$_low" ] && [ "${_high:-0}" -gt 0 ]; then
		# All of lowmem is mapped: lowmem + vmalloc + the small fixed areas
		# is the split, a multiple of 256 MiB.
		_space=$((((_low + _vtotal) / 1024 + 255) / 256 * 256))
	fi
	# x86-32 does not reduce a vmalloc= that is too large: the kernel dies early
	# without lowmem. Measured (Debian 6.1 686, QEMU): 1 GiB RAM boots with
	# vmalloc=752M, not 768M; 3 GiB boots with 640M, not 736M. Lowmem needed:
	# about 240 MiB plus RAM/16 (RAM = MemTotal + the reserved image), rounded
	# down to 16 MiB.
	_ram=$((${_memt:-1048576} / 1024 + (MD_LEN + MD_MIB - 1) / MD_MIB))
	_max=$(((_space - 240 - _ram / 16) / 16 * 16))
	_size_mib=$(((MD_LEN + MD_MIB - 1) / MD_MIB))
	if [ "$MD_VMALLOC" -gt "$_max" ]; then
		md_fail "the image ($_size_mib MiB) is too big for this 32-bit kernel: it needs vmalloc=${MD_VMALLOC}M, but above about vmalloc=${_max}M the kernel keeps too little lowmem to boot (a larger value is not reduced: the boot dies early); boot a 64-bit kernel"
	fi
	md_fail "the image ($_size_mib MiB) does not fit in this 32-bit kernel's vmalloc area ($((_free / MD_MIB)) MiB free); add vmalloc=${MD_VMALLOC}M to the kernel command line"
}
