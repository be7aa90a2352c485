# shellcheck shell=sh
# Variables named MR_* and R_* are shared between the parts (see memdisk-remaster).
# shellcheck disable=SC2034,SC2153
# remaster/lib/plan.sh: from the boot entries to the overlays: which initrd
# lists the entries load, which of them are the same image, what each needs.
# Sourced, never run.
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   mr_plan_sets       $MR_WORK/plan/sets: one line per initrd list a
#                      configuration line names: SET CFG LINE KIND GROUP
#                      LABEL PATHS TOKENS (lists joined by \037; PATHS empty
#                      when a file was not found)
#   mr_plan_groups ISO extract the initrds and kernels; group the sets whose
#                      initrds are byte for byte the same (hard links, or
#                      copies): $MR_WORK/plan/groups: GROUP KEY PATHS;
#                      $MR_WORK/plan/set-group: SET GROUP
#   mr_plan_analyse G  unpack group G's initrds, detect, plan modules, build
#                      its overlay in $MR_WORK/g/G; the outcome in
#                      $MR_WORK/g/G/result (shell assignments)
#   mr_result G NAME   one value of a group's result

MR_US=$(printf '\037')

# mr_shq VALUE: VALUE quoted for the shell.
mr_shq() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

mr_plan_sets() {
	_ps=$MR_WORK/plan
	mkdir -p "$_ps"
	# One list per (configuration, line, kind, group), files in order.
	awk -F'\t' -v us="$MR_US" '
		{
			k = $1 "\t" $2 "\t" $3 "\t" $4
			if (!(k in seen)) { seen[k] = ++n; key[n] = k; label[n] = $7 }
			i = seen[k]
			paths[i, $5] = $9
			toks[i, $5] = $8
			if ($6 > cnt[i]) cnt[i] = $6
			if ($9 == "") missing[i] = 1
		}
		END {
			for (i = 1; i <= n; i++) {
				p = ""; t = ""
				for (j = 1; j <= cnt[i]; j++) {
					p = p (j > 1 ? us : "") paths[i, j]
					t = t (j > 1 ? us : "") toks[i, j]
				}
				if (missing[i]) p = ""
				printf "%d\t%s\t%s\t%s\t%s\n", i, key[i], label[i], p, t
			}
		}' "$MR_WORK/cfg/refs" >"$_ps/sets"
}

# _mr_set_kernel CFG LABEL: the kernel token of the entry LABEL in CFG.
_mr_set_kernel() {
	awk -F'\t' -v l="$2" '$1 == "ENTRY" && $3 == l { print $4; exit }' "$MR_WORK/cfg/scan$1"
}

mr_plan_groups() {
	_pg_iso=$1
	_pg=$MR_WORK/plan
	# Every initrd and kernel the entries name, copied out once.
	: >"$_pg/files"
	: >"$_pg/kernels"
	while IFS="$MR_TAB" read -r _pg_set _pg_cfg _pg_line _pg_kind _pg_group _pg_label _pg_paths _pg_toks; do
		[ -n "$_pg_paths" ] || continue
		printf '%s\n' "$_pg_paths" | tr "$MR_US" '\n' >>"$_pg/files"
		_pg_k=$(_mr_set_kernel "$_pg_cfg" "$_pg_label")
		_pg_kp=
		if [ -n "$_pg_k" ]; then
			_pg_kp=$(mr_cfg_resolve "$(mr_cfg_dialect "$_pg_cfg")" "$_pg_cfg" "$(mr_cfg_topdir "$_pg_cfg")" "$_pg_k")
			[ -z "$_pg_kp" ] || echo "$_pg_kp" >>"$_pg/files"
		fi
		printf '%s\t%s\n' "$_pg_set" "$_pg_kp" >>"$_pg/kernels"
	done <"$_pg/sets"
	grep -v '^$' "$_pg/files" | sort -u >"$_pg/files.u"
	mv "$_pg/files.u" "$_pg/files"
	if [ -s "$_pg/files" ]; then
		{
			set --
			while IFS= read -r _pg_f; do set -- "$@" "$_pg_f"; done
			mr_iso_extract "$_pg_iso" "$MR_WORK/files" "$@"
		} <"$_pg/files" || mr_die "cannot copy the initrds out of $_pg_iso"
	fi
	# Content keys: the files' sha256 in order.
	: >"$_pg/groups"
	: >"$_pg/set-group"
	_pg_n=0
	while IFS="$MR_TAB" read -r _pg_set _pg_cfg _pg_line _pg_kind _pg_group _pg_label _pg_paths _pg_toks; do
		[ -n "$_pg_paths" ] || continue
		_pg_key=
		_pg_old=$IFS
		IFS=$MR_US
		for _pg_f in $_pg_paths; do
			IFS=$_pg_old
			[ -f "$MR_WORK/files$_pg_f" ] || mr_die "cannot read $_pg_f from the ISO"
			_pg_key="$_pg_key$(mr_sha256 "$MR_WORK/files$_pg_f" | cut -c1-16)."
		done
		IFS=$_pg_old
		_pg_g=$(awk -F'\t' -v k="$_pg_key" '$2 == k { print $1; exit }' "$_pg/groups")
		if [ -z "$_pg_g" ]; then
			_pg_n=$((_pg_n + 1))
			_pg_g=$_pg_n
			printf '%s\t%s\t%s\n' "$_pg_g" "$_pg_key" "$_pg_paths" >>"$_pg/groups"
		fi
		printf '%s\t%s\n' "$_pg_set" "$_pg_g" >>"$_pg/set-group"
	done <"$_pg/sets"
}

mr_result() {
	(
		# shellcheck source=/dev/null # written by mr_plan_analyse
		. "$MR_WORK/g/$1/result"
		eval "printf '%s\n' \"\${$2:-}\""
	)
}

# _mr_result_write G NAME...: the named variables into G's result file.
_mr_result_write() {
	_rw_g=$1
	shift
	for _rw_v in "$@"; do
		eval "_rw_val=\${$_rw_v:-}"
		# shellcheck disable=SC2154 # set by the eval
		printf '%s=%s\n' "$_rw_v" "$(mr_shq "$_rw_val")"
	done >>"$MR_WORK/g/$_rw_g/result"
}

mr_plan_analyse() {
	_pa_g=$1
	_pa_dir=$MR_WORK/g/$_pa_g
	rm -rf "$_pa_dir"
	mkdir -p "$_pa_dir"
	: >"$_pa_dir/result"
	_pa_paths=$(awk -F'\t' -v g="$_pa_g" '$1 == g { print $3 }' "$MR_WORK/plan/groups")
	R_PATHS=$_pa_paths
	R_STATUS=ok R_REASON='' R_ARCHIVES='' R_MICROCODE=0
	# Unpack every initrd of the list into one root, in boot order.
	_pa_old=$IFS
	IFS=$MR_US
	_pa_i=0
	for _pa_f in $_pa_paths; do
		IFS=$_pa_old
		_pa_i=$((_pa_i + 1))
		if ! mr_initrd_read "$MR_WORK/files$_pa_f" "$_pa_dir/split-$_pa_i" "$_pa_dir/root"; then
			R_STATUS=refused R_REASON="cannot read the initrd $_pa_f: $MR_ERR"
			_mr_result_write "$_pa_g" R_PATHS R_STATUS R_REASON
			return 0
		fi
		_pa_desc=$(awk '{ printf "%s%s %s", s, $3, $2; s = " + " }' "$_pa_dir/split-$_pa_i/layers")
		R_ARCHIVES="$R_ARCHIVES${R_ARCHIVES:+; }${_pa_f}: $_pa_desc"
		# Early microcode: an archive that holds kernel/x86/microcode.
		for _pa_names in "$_pa_dir/split-$_pa_i"/names-*; do
			grep -q '^kernel/x86/microcode' "$_pa_names" && R_MICROCODE=1
		done
		IFS=$MR_US
	done
	IFS=$_pa_old
	_pa_root=$_pa_dir/root
	mr_debug "unpacked; detecting the generator"

	if ! mr_detect "$_pa_root"; then
		R_STATUS=refused R_REASON="unknown initramfs generator: $MR_ERR"
		_mr_result_write "$_pa_g" R_PATHS R_STATUS R_REASON R_ARCHIVES
		return 0
	fi
	R_GEN=$MR_GEN R_FLAVOUR=$MR_FLAVOUR R_GENVER=$MR_GENVER R_LINKS=$MR_LINKS R_RULESDIR=$MR_RULESDIR
	R_HOOKDIR=$MR_HOOKDIR
	# The kernel the entries start, for its version.
	R_KERNEL=
	R_KERNEL_VERSION=
	_pa_sets=$(awk -F'\t' -v g="$_pa_g" '$2 == g { printf "%s ", $1 }' "$MR_WORK/plan/set-group")
	for _pa_set in $_pa_sets; do
		_pa_k=$(awk -F'\t' -v s="$_pa_set" '$1 == s { print $2; exit }' "$MR_WORK/plan/kernels")
		if [ -z "$_pa_k" ] || [ ! -f "$MR_WORK/files$_pa_k" ]; then
			continue
		fi
		R_KERNEL=$_pa_k
		R_KERNEL_VERSION=$(mr_kernel_version "$MR_WORK/files$_pa_k")
		break
	done
	if [ "$MR_HAS_PHRAM" = 1 ]; then
		R_STATUS=present R_REASON="it has memdisk-phram already (remastered before, or built with the hook)"
		_mr_result_write "$_pa_g" R_PATHS R_STATUS R_REASON R_ARCHIVES R_GEN R_FLAVOUR R_KERNEL
		return 0
	fi
	if [ "$MR_HAS_SH" != 1 ]; then
		R_STATUS=refused R_REASON="$MR_GEN image without /bin/sh: memdisk-attach cannot run in it"
		_mr_result_write "$_pa_g" R_PATHS R_STATUS R_REASON R_ARCHIVES R_GEN R_FLAVOUR
		return 0
	fi
	if ! mr_detect_kver "$_pa_root" "$R_KERNEL_VERSION"; then
		R_STATUS=refused R_REASON="cannot tell the kernel version (no module directory in the initrd, no version in ${R_KERNEL:-the kernel})"
		_mr_result_write "$_pa_g" R_PATHS R_STATUS R_REASON R_ARCHIVES R_GEN R_FLAVOUR
		return 0
	fi
	R_KVER=$MR_KVER R_MODDIR=$MR_MODDIR
	if [ -n "$R_KERNEL_VERSION" ] && [ "$R_KERNEL_VERSION" != "$MR_KVER" ]; then
		mr_warn "$R_KERNEL is $R_KERNEL_VERSION, its initrd's modules are for $MR_KVER: using $MR_KVER"
	fi

	# Modules and backend.
	_pa_stage=$_pa_dir/stage
	mkdir -p "$_pa_stage"
	mr_debug "kernel $MR_KVER: modules"
	mr_modules_plan "$_pa_root" "$MR_MODDIR" "$MR_KVER" "$_pa_stage"
	R_PHRAM=$MR_PHRAM R_BACKEND=$MR_BACKEND R_MODSRC=${MR_MODSRC:-} R_MODS_ADD=$MR_MODS_ADD
	R_MODS_SKIP=$MR_MODS_SKIP R_MODS_MISSING=$MR_MODS_MISSING R_MODS_CONVERT=$MR_MODS_CONVERT
	R_KCONFIG=${MR_KCONFIG_PHRAM:-}
	if [ "$MR_BACKEND" = none ]; then
		R_STATUS=refused
		case $MR_PHRAM in
		absent)
			R_REASON="kernel $MR_KVER has no phram (${R_KCONFIG:-no phram module in its module tree ${MR_MODSRC:-}}), and this memdisk-phram has no copy fallback"
			[ "${MR_HAVE_COPY_BACKEND:-0}" = 1 ] &&
				R_REASON="kernel $MR_KVER has no phram (${R_KCONFIG:-no phram module}) and no loop module for the copy fallback"
			;;
		unknown)
			R_REASON="cannot find kernel $MR_KVER's modules on the ISO (looked in its squashfs images and LiveOS/rootfs.img; give them with --modules DIR)"
			;;
		*)
			R_REASON="kernel $MR_KVER: phram is $MR_PHRAM; missing modules: ${MR_MODS_MISSING:-none}"
			;;
		esac
		_mr_result_write "$_pa_g" R_PATHS R_STATUS R_REASON R_ARCHIVES R_GEN R_FLAVOUR R_GENVER R_KVER R_PHRAM R_MODSRC
		return 0
	fi
	[ -z "$MR_MODS_MISSING" ] || mr_warn "kernel $MR_KVER lacks modules: $MR_MODS_MISSING"
	[ -z "$MR_MODS_ABSENT" ] || mr_debug "kernel $MR_KVER has no modules $MR_MODS_ABSENT (UEFI HTTP Boot: built in, or phram instead)"
	mr_debug "depmod"
	mr_modules_depmod "$_pa_root" "$MR_MODDIR" "$MR_KVER" "$_pa_stage"
	mr_debug "the overlay"
	R_MODS_INDEX=$MR_MODS_INDEX

	# The rest of the overlay, then the archive.
	mr_overlay_stage "$_pa_root" "$_pa_stage"
	R_HOOK=$MR_OVERLAY_HOOK
	mr_overlay_pack "$_pa_root" "$_pa_stage" "$_pa_dir/overlay.img"
	R_OVERLAY_SIZE=$(mr_size "$_pa_dir/overlay.img")
	R_OVERLAY_ENTRIES=$MR_OVERLAY_ENTRIES
	_mr_result_write "$_pa_g" R_PATHS R_STATUS R_REASON R_ARCHIVES R_MICROCODE R_GEN R_FLAVOUR R_GENVER R_LINKS \
		R_RULESDIR R_HOOKDIR R_KERNEL R_KERNEL_VERSION R_KVER R_MODDIR R_PHRAM R_BACKEND R_MODSRC R_MODS_ADD \
		R_MODS_SKIP R_MODS_MISSING R_MODS_CONVERT R_MODS_INDEX R_KCONFIG R_HOOK R_OVERLAY_SIZE R_OVERLAY_ENTRIES
}
