# shellcheck shell=sh
# Variables named MR_* and R_* are shared between the parts (see memdisk-remaster).
# shellcheck disable=SC2034,SC2153
# remaster/lib/modules.sh: the kernel modules the overlay needs, taken from
# the ISO's own kernel, and the module index regenerated for the merged
# tree. Sourced, never run.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Where a kernel's modules are found (first hit wins):
#   --modules DIR (DIR/lib/modules/KVER, DIR/usr/lib/modules/KVER or DIR
#   itself); a squashfs image on the ISO (read in place with unsquashfs -o,
#   nothing is copied out but the files needed); LiveOS/rootfs.img (ext4)
#   inside such an image (Fedora's classic layout, read with debugfs).
#
#   mr_modsrc_find KVER      sets MR_MODSRC (a description) and prepares
#                            $MR_WORK/modsrc-KVER/{list,tree}; returns 1
#                            when no source has that kernel's modules
#   mr_modsrc_fetch KVER RELPATH...
#                            copy those files (relative to the module
#                            directory) into $MR_WORK/modsrc-KVER/tree
#   mr_modules_plan ROOT MODDIR KVER DIR
#                            decide the backend and which modules to add;
#                            sets MR_BACKEND (phram|copy|none), MR_PHRAM
#                            (module|builtin|absent|unknown), MR_MODS_ADD
#                            (names), MR_MODS_SKIP (already in the
#                            initramfs or built in), MR_MODS_MISSING,
#                            MR_MODS_ABSENT (the optional UEFI ones the
#                            kernel does not have as modules),
#                            MR_MODS_CONVERT (how compression is matched);
#                            stages the files under DIR/MODDIR
#   mr_modules_depmod ROOT MODDIR KVER DIR
#                            runs depmod on the initramfs' modules plus the
#                            staged ones and stages every index file that
#                            changed (always modules.dep and modules.dep.bin)
#
# Module names compare with '-' and '_' alike, as modprobe does.

# The modules each backend needs (besides their dependencies). mtdblock_ro
# is optional (not every kernel has it); isofs because the medium is mounted
# from the new device.
MR_MODS_PHRAM="phram mtdblock_ro mtdblock isofs"
MR_MODS_COPY="loop isofs"
# UEFI HTTP Boot: the firmware's RAM disk is in the ACPI NFIT; the runtime
# attaches it through nfit + nd_pmem as /dev/pmemN (nd_btt: nd_pmem's soft
# dependency). Carried with either backend when the kernel has them; none is
# required (built in, or a kernel without them: the runtime falls back to
# phram).
MR_MODS_UEFI="nfit libnvdimm nd_pmem nd_btt"

# _mr_modname PATH-OR-NAME: the module's name, '-' as '_' (no subprocess:
# this runs for every module considered).
_mr_modname() {
	_mn=${1##*/}
	_mn=${_mn%%.ko*}
	_mn_out=
	while :; do
		case $_mn in
		*-*)
			_mn_out=$_mn_out${_mn%%-*}_
			_mn=${_mn#*-}
			;;
		*) break ;;
		esac
	done
	printf '%s\n' "$_mn_out$_mn"
}

# ---- module sources ------------------------------------------------------------
MR_MODULES_DIR=${MR_MODULES_DIR:-}

# _mr_squash_candidates: "OFFSET SIZE PATH" of the squashfs images on the ISO.
_mr_squash_candidates() {
	if [ ! -f "$MR_WORK/iso/squashfs" ]; then
		: >"$MR_WORK/iso/squashfs"
		awk '$3 >= 4096' "$MR_WORK/iso/files" | while read -r _sq_lba _sq_blocks _sq_size _sq_path; do
			case $_sq_path in
			*.squashfs | *.sfs | *.squash | *.img | */filesystem.* | *.sqfs) ;;
			*) continue ;;
			esac
			# "hsqs": squashfs' magic, little-endian.
			[ "$(mr_hex "$MR_ISO" $((_sq_lba * 2048)) 4)" = 68737173 ] || continue
			echo "$((_sq_lba * 2048)) $_sq_size $_sq_path"
		done >"$MR_WORK/iso/squashfs"
	fi
	cat "$MR_WORK/iso/squashfs"
}

# _mr_squash_list OFFSET: the image's paths (cached), without the
# squashfs-root/ prefix.
_mr_squash_list() {
	_sl=$MR_WORK/iso/squashfs-$1.list
	if [ ! -f "$_sl" ]; then
		unsquashfs -o "$1" -lc -no-progress "$MR_ISO" 2>/dev/null | sed -n 's|^squashfs-root/||p' >"$_sl.tmp"
		mv "$_sl.tmp" "$_sl"
	fi
	cat "$_sl"
}

mr_modsrc_find() {
	_mf_kver=$1
	_mf_dir=$MR_WORK/modsrc-$_mf_kver
	if [ -f "$_mf_dir/kind" ]; then
		MR_MODSRC=$(cat "$_mf_dir/desc")
		[ "$(cat "$_mf_dir/kind")" != none ]
		return
	fi
	mkdir -p "$_mf_dir/tree"
	: >"$_mf_dir/list"
	_mf_kind=none
	MR_MODSRC=
	# 1. --modules
	if [ -n "$MR_MODULES_DIR" ]; then
		for _mf_c in "$MR_MODULES_DIR/lib/modules/$_mf_kver" "$MR_MODULES_DIR/usr/lib/modules/$_mf_kver" \
			"$MR_MODULES_DIR/$_mf_kver" "$MR_MODULES_DIR"; do
			if [ -d "$_mf_c/kernel" ] || [ -f "$_mf_c/modules.order" ] || [ -f "$_mf_c/modules.builtin" ]; then
				(cd "$_mf_c" && find . \( -type f -o -type l \) | sed 's|^\./||') >"$_mf_dir/list"
				echo "$_mf_c" >"$_mf_dir/base"
				_mf_kind=dir
				MR_MODSRC="--modules $_mf_c"
				break
			fi
		done
	fi
	# 2. squashfs images on the ISO
	if [ "$_mf_kind" = none ]; then
		_mr_squash_candidates >"$_mf_dir/squash"
		while read -r _mf_off _mf_size _mf_path; do
			_mr_squash_list "$_mf_off" >"$_mf_dir/squash.list"
			for _mf_pre in "usr/lib/modules/$_mf_kver/" "lib/modules/$_mf_kver/"; do
				grep -F "$_mf_pre" "$_mf_dir/squash.list" | sed -n "s|^$_mf_pre||p" >"$_mf_dir/list"
				if [ -s "$_mf_dir/list" ]; then
					echo "$_mf_off $_mf_pre" >"$_mf_dir/base"
					_mf_kind=squashfs
					MR_MODSRC="$_mf_path:/$_mf_pre"
					# The kernel's configuration, where the distribution keeps it.
					if grep -qx "boot/config-$_mf_kver" "$_mf_dir/squash.list"; then
						echo "boot/config-$_mf_kver" >"$_mf_dir/config"
					fi
					break 2
				fi
			done
			# 3. Fedora's classic layout: an ext4 root inside the squashfs.
			for _mf_img in LiveOS/rootfs.img LiveOS/ext3fs.img; do
				grep -qx "$_mf_img" "$_mf_dir/squash.list" || continue
				command -v debugfs >/dev/null 2>&1 || {
					mr_warn "$_mf_path holds $_mf_img, but debugfs (e2fsprogs) is missing to read it"
					continue
				}
				mr_say "  reading $_mf_path:/$_mf_img (an ext4 root inside the squashfs)"
				mkdir -p "$_mf_dir/ext"
				unsquashfs -o "$_mf_off" -d "$_mf_dir/ext/root" -f -no-progress "$MR_ISO" "$_mf_img" >/dev/null 2>&1 ||
					continue
				_mf_ext=$_mf_dir/ext/root/$_mf_img
				for _mf_pre in "usr/lib/modules/$_mf_kver" "lib/modules/$_mf_kver"; do
					debugfs -R "cat /$_mf_pre/modules.dep" "$_mf_ext" 2>/dev/null >"$_mf_dir/ext.dep"
					[ -s "$_mf_dir/ext.dep" ] || continue
					# The list: everything modules.dep names, and the index
					# files beside it.
					{
						sed 's/:.*//' "$_mf_dir/ext.dep"
						sed 's/^[^:]*://' "$_mf_dir/ext.dep" | tr ' ' '\n' | sed '/^$/d'
						debugfs -R "ls -p /$_mf_pre" "$_mf_ext" 2>/dev/null | awk -F/ '$6 != "" && $6 != "." && $6 != ".." { print $6 }'
					} | sort -u >"$_mf_dir/list"
					echo "$_mf_ext /$_mf_pre" >"$_mf_dir/base"
					_mf_kind=ext4
					MR_MODSRC="$_mf_path:/$_mf_img:/$_mf_pre"
					[ -z "$(debugfs -R "stat /$_mf_pre/config" "$_mf_ext" 2>/dev/null | head -n 1)" ] ||
						echo "config" >"$_mf_dir/config"
					break 3
				done
			done
		done <"$_mf_dir/squash"
	fi
	echo "$_mf_kind" >"$_mf_dir/kind"
	echo "$MR_MODSRC" >"$_mf_dir/desc"
	[ "$_mf_kind" != none ]
}

mr_modsrc_fetch() {
	_mt_kver=$1
	shift
	_mt_dir=$MR_WORK/modsrc-$_mt_kver
	_mt_kind=$(cat "$_mt_dir/kind")
	_mt_todo=
	for _mt_p in "$@"; do
		[ -e "$_mt_dir/tree/$_mt_p" ] || _mt_todo="$_mt_todo $_mt_p"
	done
	[ -n "$_mt_todo" ] || return 0
	case $_mt_kind in
	dir)
		_mt_base=$(cat "$_mt_dir/base")
		for _mt_p in $_mt_todo; do
			mkdir -p "$_mt_dir/tree/$(dirname "$_mt_p")"
			cp -L "$_mt_base/$_mt_p" "$_mt_dir/tree/$_mt_p" || return 1
		done
		;;
	squashfs)
		read -r _mt_off _mt_pre <"$_mt_dir/base"
		for _mt_p in $_mt_todo; do
			echo "$_mt_pre$_mt_p"
		done >"$_mt_dir/extract.list"
		unsquashfs -o "$_mt_off" -d "$_mt_dir/x" -f -no-progress -ef "$_mt_dir/extract.list" "$MR_ISO" >/dev/null 2>&1
		for _mt_p in $_mt_todo; do
			[ -e "$_mt_dir/x/$_mt_pre$_mt_p" ] || return 1
			mkdir -p "$_mt_dir/tree/$(dirname "$_mt_p")"
			# A link (lib -> usr/lib) inside the squashfs was followed by
			# the listing already; copy the data, not a link.
			cp -L "$_mt_dir/x/$_mt_pre$_mt_p" "$_mt_dir/tree/$_mt_p" || return 1
		done
		;;
	ext4)
		read -r _mt_img _mt_pre <"$_mt_dir/base"
		for _mt_p in $_mt_todo; do
			mkdir -p "$_mt_dir/tree/$(dirname "$_mt_p")"
			debugfs -R "dump -p $_mt_pre/$_mt_p $_mt_dir/tree/$_mt_p" "$_mt_img" >/dev/null 2>&1
			[ -s "$_mt_dir/tree/$_mt_p" ] || return 1
		done
		;;
	*) return 1 ;;
	esac
}

# _mr_src_path KVER NAME: the source's relative path of module NAME.
_mr_src_path() {
	_sp_n=$(_mr_modname "$2")
	awk -v n="$_sp_n" '/\.ko(\.[a-z0-9]+)?$/ {
		b = $0; sub(/.*\//, "", b); sub(/\.ko(\.[a-z0-9]+)?$/, "", b); gsub(/-/, "_", b)
		if (b == n) { print; exit }
	}' "$MR_WORK/modsrc-$1/list"
}

# _mr_src_config KVER: the kernel configuration from the source, if any.
_mr_src_config() {
	_sc_dir=$MR_WORK/modsrc-$1
	[ -f "$_sc_dir/config" ] || return 1
	_sc_rel=$(cat "$_sc_dir/config")
	case $(cat "$_sc_dir/kind") in
	squashfs)
		read -r _sc_off _sc_pre <"$_sc_dir/base"
		[ -f "$_sc_dir/kconfig" ] ||
			unsquashfs -o "$_sc_off" -cat "$MR_ISO" "$_sc_rel" >"$_sc_dir/kconfig" 2>/dev/null
		;;
	ext4)
		read -r _sc_img _sc_pre <"$_sc_dir/base"
		[ -f "$_sc_dir/kconfig" ] ||
			debugfs -R "cat $_sc_pre/$_sc_rel" "$_sc_img" >"$_sc_dir/kconfig" 2>/dev/null
		;;
	*) return 1 ;;
	esac
	[ -s "$_sc_dir/kconfig" ] && cat "$_sc_dir/kconfig"
}

# ---- what the initramfs has --------------------------------------------------------
# _mr_initrd_modules ROOT MODDIR: normalised names of its module files.
_mr_initrd_modules() {
	[ -d "$1/$2" ] || return 0
	find "$1/$2" -name '*.ko*' \( -type f -o -type l \) | sed 's|.*/||; s|\.ko.*||; s|-|_|g'
}

# _mr_builtin_names FILE...: normalised names listed in modules.builtin files.
_mr_builtin_names() {
	for _bn in "$@"; do
		[ -f "$_bn" ] && sed 's|.*/||; s|\.ko.*||; s|-|_|g' "$_bn"
	done
	return 0
}

# _mr_initrd_suffix ROOT MODDIR: the compression of the initramfs' modules:
# "" (plain .ko), .xz, .zst, .gz; "-" when it has none.
_mr_initrd_suffix() {
	[ -d "$1/$2" ] || {
		echo -
		return
	}
	find "$1/$2" -name '*.ko*' -type f | sed -n 's/.*\.ko\(\.[a-z0-9]*\)\{0,1\}$/x\1/p' | sort | uniq -c | sort -rn |
		awk 'NR == 1 { s = substr($2, 2) } END { print (NR == 0 ? "-" : s) }'
}

# _mr_convert SRC DST SUFFIX: copy a module, (de)compressed to SUFFIX.
_mr_convert() {
	case $1 in
	*.ko.xz) _cv_cat="xz -dc" ;;
	*.ko.zst) _cv_cat="zstd -dcq" ;;
	*.ko.gz) _cv_cat="gzip -dc" ;;
	*) _cv_cat='cat' ;;
	esac
	case $3 in
	.xz) _cv_z="xz -c --check=crc32" ;;
	.zst) _cv_z="zstd -cq -19" ;;
	.gz) _cv_z="gzip -cn9" ;;
	*) _cv_z='cat' ;;
	esac
	# shellcheck disable=SC2086 # commands with options
	$_cv_cat "$1" | $_cv_z >"$2"
}

# ---- the plan --------------------------------------------------------------------------
mr_modules_plan() {
	_mp_root=$1
	_mp_moddir=$2
	_mp_kver=$3
	_mp_stage=$4
	MR_MODS_ADD='' MR_MODS_SKIP='' MR_MODS_MISSING='' MR_MODS_ABSENT='' MR_MODS_CONVERT='' MR_PHRAM=unknown MR_BACKEND=none
	_mp_have=$(_mr_initrd_modules "$_mp_root" "$_mp_moddir" | sort -u | tr '\n' ' ')
	_mp_builtin=$(_mr_builtin_names "$_mp_root/$_mp_moddir/modules.builtin" | tr '\n' ' ')
	_mp_src=0
	if mr_modsrc_find "$_mp_kver"; then
		_mp_src=1
		mr_modsrc_fetch "$_mp_kver" modules.builtin 2>/dev/null
		_mp_builtin="$_mp_builtin $(_mr_builtin_names "$MR_WORK/modsrc-$_mp_kver/tree/modules.builtin" | tr '\n' ' ')"
	fi

	# phram: in the initramfs, built in, a module of the kernel, or absent.
	if mr_words_contain phram "$_mp_builtin"; then
		MR_PHRAM=builtin
	elif mr_words_contain phram "$_mp_have"; then
		MR_PHRAM=module
	elif [ "$_mp_src" = 1 ] && [ -n "$(_mr_src_path "$_mp_kver" phram)" ]; then
		MR_PHRAM=module
	elif [ "$_mp_src" = 1 ]; then
		_mp_cfg=$(_mr_src_config "$_mp_kver" | grep -E '^(# )?CONFIG_MTD_PHRAM[= ]')
		case $_mp_cfg in
		*"is not set"*) MR_PHRAM=absent ;;
		CONFIG_MTD_PHRAM=y) MR_PHRAM=builtin ;;
		*)
			# The module tree is there and has no phram: absent, unless the
			# tree looks partial (a handful of modules).
			if [ "$(grep -c '\.ko' "$MR_WORK/modsrc-$_mp_kver/list")" -gt 200 ]; then
				MR_PHRAM=absent
			fi
			;;
		esac
	fi
	MR_KCONFIG_PHRAM=${_mp_cfg:-}

	case $MR_PHRAM in
	module | builtin) MR_BACKEND=phram ;;
	absent)
		if [ "${MR_HAVE_COPY_BACKEND:-0}" = 1 ]; then
			MR_BACKEND=copy
		else
			MR_BACKEND=none
			return 0
		fi
		;;
	*)
		MR_BACKEND=none
		return 0
		;;
	esac
	[ "${MR_FORCE_BACKEND:-}" = copy ] && [ "${MR_HAVE_COPY_BACKEND:-0}" = 1 ] && MR_BACKEND=copy

	if [ "$MR_BACKEND" = phram ]; then _mp_want=$MR_MODS_PHRAM; else _mp_want=$MR_MODS_COPY; fi
	_mp_want="$_mp_want $MR_MODS_UEFI"
	_mp_suffix=$(_mr_initrd_suffix "$_mp_root" "$_mp_moddir")
	_mp_done=' '
	_mp_files=
	while [ -n "$_mp_want" ]; do
		# shellcheck disable=SC2086 # a list of names
		set -- $_mp_want
		_mp_m=$(_mr_modname "$1")
		shift
		_mp_want=$*
		case $_mp_done in *" $_mp_m "*) continue ;; esac
		_mp_done="$_mp_done$_mp_m "
		if mr_words_contain "$_mp_m" "$_mp_builtin"; then
			MR_MODS_SKIP="$MR_MODS_SKIP $_mp_m(built-in)"
			continue
		fi
		if mr_words_contain "$_mp_m" "$_mp_have"; then
			MR_MODS_SKIP="$MR_MODS_SKIP $_mp_m"
			continue
		fi
		_mp_path=
		[ "$_mp_src" = 0 ] || _mp_path=$(_mr_src_path "$_mp_kver" "$_mp_m")
		if [ -z "$_mp_path" ]; then
			if mr_words_contain "$_mp_m" "$MR_MODS_UEFI"; then
				MR_MODS_ABSENT="$MR_MODS_ABSENT $_mp_m"
			else
				MR_MODS_MISSING="$MR_MODS_MISSING $_mp_m"
			fi
			continue
		fi
		mr_modsrc_fetch "$_mp_kver" "$_mp_path" || mr_die "cannot read $_mp_path from $MR_MODSRC"
		_mp_file=$MR_WORK/modsrc-$_mp_kver/tree/$_mp_path
		MR_MODS_ADD="$MR_MODS_ADD $_mp_m"
		# Its dependencies, from the module itself (.modinfo depends=).
		_mp_deps=$(modinfo -F depends "$_mp_file" 2>/dev/null | tr ',' ' ')
		_mp_want="$_mp_want $_mp_deps"
		# Stage it in the initramfs' convention: the generator may have
		# decompressed its modules (busybox modprobe without xz, or for
		# a better compressed archive); then ours are decompressed too.
		_mp_dest=${_mp_path%%.ko*}.ko
		if [ "$_mp_suffix" = - ]; then
			_mp_dest=$_mp_path
		else
			_mp_dest=$_mp_dest$_mp_suffix
		fi
		mkdir -p "$_mp_stage/$_mp_moddir/$(dirname "$_mp_dest")"
		if [ "$_mp_dest" = "$_mp_path" ]; then
			cp "$_mp_file" "$_mp_stage/$_mp_moddir/$_mp_dest"
		else
			_mr_convert "$_mp_file" "$_mp_stage/$_mp_moddir/$_mp_dest" "$_mp_suffix" ||
				mr_die "cannot convert $_mp_path to ${_mp_suffix:-.ko}"
			MR_MODS_CONVERT="${_mp_path##*.ko} -> ${_mp_suffix:-.ko} (as the initramfs' own modules)"
		fi
		_mp_files="$_mp_files $_mp_dest"
	done
	MR_MODS_ADD=${MR_MODS_ADD# }
	MR_MODS_SKIP=${MR_MODS_SKIP# }
	MR_MODS_MISSING=${MR_MODS_MISSING# }
	MR_MODS_ABSENT=${MR_MODS_ABSENT# }
	MR_MODS_FILES=${_mp_files# }

	# What the backend cannot work without: phram and one mtdblock flavour,
	# or loop.
	_mp_got=" $MR_MODS_ADD $(echo "$MR_MODS_SKIP" | sed 's/(built-in)//g') "
	case $MR_BACKEND in
	phram)
		if ! mr_words_contain phram "$_mp_got"; then
			MR_BACKEND=none
		elif ! mr_words_contain mtdblock_ro "$_mp_got" && ! mr_words_contain mtdblock "$_mp_got"; then
			MR_BACKEND=none
			MR_PHRAM="$MR_PHRAM, but neither mtdblock_ro nor mtdblock"
		fi
		;;
	copy) mr_words_contain loop "$_mp_got" || MR_BACKEND=none ;;
	esac
	return 0
}

# Index files depmod writes (modules.dep.bin is what kmod's modprobe reads
# first; busybox modprobe reads modules.dep).
MR_DEPMOD_FILES="modules.dep modules.dep.bin modules.alias modules.alias.bin modules.softdep modules.symbols
modules.symbols.bin modules.builtin.bin modules.builtin.alias.bin modules.devname"

mr_modules_depmod() {
	_md_root=$1
	_md_moddir=$2
	_md_kver=$3
	_md_stage=$4
	[ -n "$MR_MODS_FILES" ] || return 0
	_md_base=$MR_WORK/depmod.$$
	rm -rf "$_md_base"
	_md_tree=$_md_base/lib/modules/$_md_kver
	mkdir -p "$_md_tree"
	# The initramfs' module tree (hard links: nothing is copied), then ours.
	if [ -d "$_md_root/$_md_moddir" ]; then
		cp -al "$_md_root/$_md_moddir/." "$_md_tree/" 2>/dev/null || cp -a "$_md_root/$_md_moddir/." "$_md_tree/"
	fi
	for _md_f in $MR_DEPMOD_FILES; do
		rm -f "$_md_tree/$_md_f"
	done
	(cd "$_md_stage/$_md_moddir" && find . -type f) | while read -r _md_f; do
		mkdir -p "$_md_tree/$(dirname "$_md_f")"
		cp "$_md_stage/$_md_moddir/$_md_f" "$_md_tree/$_md_f"
	done
	# depmod needs modules.builtin to index built-in modules; mkinitcpio
	# keeps only its .bin: take the kernel's own list then.
	for _md_f in modules.builtin modules.builtin.modinfo modules.order; do
		if [ ! -f "$_md_tree/$_md_f" ] && [ -f "$MR_WORK/modsrc-$_md_kver/tree/$_md_f" ]; then
			cp "$MR_WORK/modsrc-$_md_kver/tree/$_md_f" "$_md_tree/$_md_f"
		fi
	done
	_md_err=$(depmod -b "$_md_base" "$_md_kver" 2>&1) || mr_die "depmod failed for $_md_kver: $_md_err"
	# Every module we add must resolve, with its dependencies, in the new index.
	for _md_m in $MR_MODS_ADD; do
		modprobe -d "$_md_base" -S "$_md_kver" --show-depends "$_md_m" >/dev/null 2>&1 ||
			mr_die "the regenerated module index does not resolve $_md_m"
	done
	MR_MODS_INDEX=
	for _md_f in $MR_DEPMOD_FILES; do
		[ -f "$_md_tree/$_md_f" ] || continue
		case $_md_f in
		modules.dep | modules.dep.bin) ;;
		*)
			# Others only when the initramfs has them and they changed.
			[ -f "$_md_root/$_md_moddir/$_md_f" ] || continue
			cmp -s "$_md_tree/$_md_f" "$_md_root/$_md_moddir/$_md_f" && continue
			;;
		esac
		cp "$_md_tree/$_md_f" "$_md_stage/$_md_moddir/$_md_f"
		MR_MODS_INDEX="$MR_MODS_INDEX $_md_f"
	done
	MR_MODS_INDEX=${MR_MODS_INDEX# }
	chmod -R u+rwX "$_md_base" 2>/dev/null
	rm -rf "$_md_base"
}
