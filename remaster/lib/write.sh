# shellcheck shell=sh
# Variables named MR_* and R_* are shared between the parts (see memdisk-remaster).
# shellcheck disable=SC2034,SC2153
# remaster/lib/write.sh: place the overlays, edit the configurations,
# refresh the checksum lists and write the new ISO. Sourced, never run.
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   mr_place              choose each overlay's ISO path (beside the
#                         group's main initrd: mdphram.img, mdphram2.img,
#                         ...): $MR_WORK/plan/placed: GROUP ISO-PATH
#   mr_edits              the edits of every configuration:
#                         $MR_WORK/plan/edits: CFG LINE KIND GROUP TOKEN SET;
#                         the edited copies in $MR_WORK/cfg/new
#   mr_checksums          refreshed copies of md5sum.txt, sha256sum.txt, ...
#                         in $MR_WORK/cfg/new
#   mr_write IN OUT       the new ISO (xorriso, boot records replayed),
#                         written beside OUT and renamed into place
#   mr_write_check IN OUT El Torito, system area, label and volume-date UUID
#                         of OUT match IN

MR_OVERLAY_NAME=mdphram

mr_place() {
	_pl=$MR_WORK/plan
	: >"$_pl/placed"
	while IFS="$MR_TAB" read -r _pl_g _pl_key _pl_paths; do
		[ "$(mr_result "$_pl_g" R_STATUS)" = ok ] || continue
		_pl_main=${_pl_paths##*"$MR_US"}
		_pl_dir=$(dirname "$_pl_main")
		[ "$_pl_dir" = / ] && _pl_dir=
		_pl_n=1
		while :; do
			if [ "$_pl_n" = 1 ]; then _pl_p=$_pl_dir/$MR_OVERLAY_NAME.img; else _pl_p=$_pl_dir/$MR_OVERLAY_NAME$_pl_n.img; fi
			if ! mr_iso_has "$_pl_p" && ! cut -f2 "$_pl/placed" | grep -qxF "$_pl_p"; then
				break
			fi
			_pl_n=$((_pl_n + 1))
		done
		printf '%s\t%s\n' "$_pl_g" "$_pl_p" >>"$_pl/placed"
	done <"$_pl/groups"
}

# _mr_new_token TOKEN TOKEN-ISO-PATH OVERLAY-ISO-PATH: how the
# configuration should name the overlay: like TOKEN, with its file name
# replaced, when the overlay is in the same directory; else by its absolute
# path (after TOKEN's GRUB device, if it has one).
_mr_new_token() {
	_nt_tok=$1
	_nt_dir=$(dirname "$2")
	_nt_odir=$(dirname "$3")
	_nt_name=${3##*/}
	if [ "$_nt_dir" = "$_nt_odir" ]; then
		case $_nt_tok in
		*/*) _nt_out=${_nt_tok%/*}/$_nt_name ;;
		*) _nt_out=$_nt_name ;;
		esac
	else
		case $_nt_tok in
		\(*\)/*) _nt_out="${_nt_tok%%)/*})$3" ;;
		*) _nt_out=$3 ;;
		esac
	fi
	printf '%s\n' "$_nt_out"
}

mr_edits() {
	_ed=$MR_WORK/plan
	: >"$_ed/edits"
	while IFS="$MR_TAB" read -r _ed_set _ed_cfg _ed_line _ed_kind _ed_group _ed_label _ed_paths _ed_toks; do
		_ed_g=$(awk -F'\t' -v s="$_ed_set" '$1 == s { print $2; exit }' "$_ed/set-group")
		[ -n "$_ed_g" ] || continue
		_ed_o=$(awk -F'\t' -v g="$_ed_g" '$1 == g { print $2; exit }' "$_ed/placed")
		[ -n "$_ed_o" ] || continue
		_ed_lastp=${_ed_paths##*"$MR_US"}
		_ed_lastt=${_ed_toks##*"$MR_US"}
		_ed_tok=$(_mr_new_token "$_ed_lastt" "$_ed_lastp" "$_ed_o")
		printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$_ed_cfg" "$_ed_line" "$_ed_kind" "$_ed_group" "$_ed_tok" "$_ed_set" >>"$_ed/edits"
	done <"$_ed/sets"
	mkdir -p "$MR_WORK/cfg/new" "$MR_WORK/cfg/edits"
	cut -f1 "$_ed/edits" | sort -u | while IFS= read -r _ed_cfg; do
		_ed_file=$MR_WORK/cfg/edits/$(printf '%s' "$_ed_cfg" | tr '/' '_')
		awk -F'\t' -v c="$_ed_cfg" 'BEGIN { OFS = "\t" } $1 == c { print $2, $3, $4, $5 }' "$_ed/edits" >"$_ed_file"
		mr_cfg_edit "$_ed_cfg" "$_ed_file" "$MR_WORK/cfg/new$_ed_cfg"
		if cmp -s "$MR_WORK/cfg/orig$_ed_cfg" "$MR_WORK/cfg/new$_ed_cfg"; then
			mr_die "internal: the edits of $_ed_cfg changed nothing"
		fi
	done
}

# mr_checksums: every checksum list on the ISO that names an edited
# configuration or a sibling of an overlay gets the new sums.
mr_checksums() {
	_cs=$MR_WORK/plan
	: >"$_cs/checksums"
	mr_iso_paths | while IFS= read -r _cs_p; do
		case $(printf '%s\n' "${_cs_p##*/}" | tr '[:upper:]' '[:lower:]') in
		md5sum.txt | md5sums | md5sums.txt | sha1sum.txt | sha1sums | sha256sum.txt | sha256sums | sha256sums.txt | \
			sha512sum.txt | sha512sums) echo "$_cs_p" ;;
		esac
	done >"$_cs/sumfiles"
	[ -s "$_cs/sumfiles" ] || return 0
	{
		set --
		while IFS= read -r _cs_p; do set -- "$@" "$_cs_p"; done
		mr_iso_extract "$MR_ISO" "$MR_WORK/sums" "$@"
	} <"$_cs/sumfiles" || mr_die "cannot read the checksum lists"
	# What changed: "ISO-PATH LOCAL-FILE" of edited configurations and
	# overlays (with the initrd an overlay sits beside).
	: >"$_cs/changed"
	find "$MR_WORK/cfg/new" -type f | while IFS= read -r _cs_f; do
		printf '%s\t%s\t\n' "${_cs_f#"$MR_WORK/cfg/new"}" "$_cs_f"
	done >>"$_cs/changed"
	while IFS="$MR_TAB" read -r _cs_g _cs_o; do
		_cs_paths=$(awk -F'\t' -v g="$_cs_g" '$1 == g { print $3 }' "$_cs/groups")
		printf '%s\t%s\t%s\n' "$_cs_o" "$MR_WORK/g/$_cs_g/overlay.img" "${_cs_paths##*"$MR_US"}" >>"$_cs/changed"
	done <"$_cs/placed"
	while IFS= read -r _cs_sum; do
		_cs_local=$MR_WORK/sums$_cs_sum
		_cs_base=$(dirname "$_cs_sum")
		[ "$_cs_base" = / ] && _cs_base=
		# The algorithm from the first sum's length.
		case $(awk 'NF >= 2 { print length($1); exit }' "$_cs_local") in
		32) _cs_tool=md5sum ;;
		40) _cs_tool=sha1sum ;;
		64) _cs_tool=sha256sum ;;
		128) _cs_tool=sha512sum ;;
		*) continue ;;
		esac
		cp "$_cs_local" "$_cs_local.new"
		_cs_n=0
		while IFS="$MR_TAB" read -r _cs_iso _cs_file _cs_beside; do
			case $_cs_iso in "$_cs_base"/*) ;; *) continue ;; esac
			_cs_rel=${_cs_iso#"$_cs_base"/}
			_cs_new=$($_cs_tool <"$_cs_file" | cut -d' ' -f1)
			# The path as the list writes it: ./a/b, /a/b or a/b.
			if awk -v r="$_cs_rel" '{ p = $0; sub(/^[0-9a-fA-F]+[ \t]+\*?/, "", p); sub(/^\.\//, "", p); sub(/^\//, "", p) } p == r { f = 1 } END { exit !f }' "$_cs_local.new"; then
				awk -v r="$_cs_rel" -v s="$_cs_new" '{
					p = $0; sub(/^[0-9a-fA-F]+[ \t]+\*?/, "", p); q = p; sub(/^\.\//, "", q); sub(/^\//, "", q)
					if (q == r) { h = $0; sub(/[ \t].*/, "", h); print s substr($0, length(h) + 1); next }
					print
				}' "$_cs_local.new" >"$_cs_local.tmp" && mv "$_cs_local.tmp" "$_cs_local.new"
				_cs_n=$((_cs_n + 1))
			elif [ -n "$_cs_beside" ]; then
				# A new overlay: listed when the list has its initrd.
				_cs_brel=${_cs_beside#"$_cs_base"/}
				_cs_style=$(awk -v r="$_cs_brel" '{ p = $0; sub(/^[0-9a-fA-F]+/, "", p); sep = p; sub(/[^ \t*].*/, "", sep); sub(/^[ \t]+\*?/, "", p); q = p; sub(/^\.\//, "", q); sub(/^\//, "", q) } q == r { pre = substr(p, 1, length(p) - length(q)); printf "%s\t%s", sep, pre; exit }' "$_cs_local.new")
				[ -n "$_cs_style" ] || continue
				printf '%s%s%s%s\n' "$_cs_new" "${_cs_style%%"$MR_TAB"*}" "${_cs_style#*"$MR_TAB"}" "$_cs_rel" >>"$_cs_local.new"
				_cs_n=$((_cs_n + 1))
			fi
		done <"$_cs/changed"
		if [ "$_cs_n" -gt 0 ]; then
			mkdir -p "$MR_WORK/cfg/new$(dirname "$_cs_sum")"
			mv "$_cs_local.new" "$MR_WORK/cfg/new$_cs_sum"
			printf '%s\t%s\n' "$_cs_sum" "$_cs_n" >>"$_cs/checksums"
		fi
	done <"$_cs/sumfiles"
}

# mr_write IN OUT: replay the boot records; map the new files.
mr_write() {
	_wr_in=$1
	_wr_out=$2
	_wr_tmp=$(dirname "$_wr_out")/.${_wr_out##*/}.memdisk-remaster.$$
	MR_WRITE_TMP=$_wr_tmp
	set -- -indev "$_wr_in" -outdev "$_wr_tmp" -boot_image any replay -padding included
	[ "$MR_ISO_JOLIET" = 1 ] && set -- "$@" -joliet on
	_wr_maps=$MR_WORK/plan/maps
	: >"$_wr_maps"
	(cd "$MR_WORK/cfg/new" && find . -type f | sed 's|^\.||') | while IFS= read -r _wr_p; do
		printf '%s\t%s\n' "$MR_WORK/cfg/new$_wr_p" "$_wr_p"
	done >>"$_wr_maps"
	while IFS="$MR_TAB" read -r _wr_g _wr_p; do
		printf '%s\t%s\n' "$MR_WORK/g/$_wr_g/overlay.img" "$_wr_p"
	done <"$MR_WORK/plan/placed" >>"$_wr_maps"
	while IFS="$MR_TAB" read -r _wr_l _wr_p; do
		chmod 0444 "$_wr_l"
		set -- "$@" -map "$_wr_l" "$_wr_p" -chown 0 "$_wr_p" -- -chgrp 0 "$_wr_p" --
	done <"$_wr_maps"
	rm -f "$_wr_tmp"
	if ! xorriso -abort_on FAILURE -report_about WARNING "$@" >"$MR_WORK/xorriso.log" 2>&1; then
		# HFS+ / APM hybrids: replay cannot rebuild them; without HFS+
		# the BIOS and EFI boot records still are.
		if grep -qi -e hfs -e apm "$MR_WORK/xorriso.log"; then
			mr_warn "xorriso cannot replay the HFS+/APM part; writing without HFS+ (-hfsplus off)"
			rm -f "$_wr_tmp"
			xorriso -abort_on FAILURE -report_about WARNING "$@" -hfsplus off >"$MR_WORK/xorriso.log" 2>&1 ||
				{
					rm -f "$_wr_tmp"
					mr_die "xorriso failed: $(grep -m1 -e FAILURE -e SORRY "$MR_WORK/xorriso.log")"
				}
			MR_HFSPLUS_OFF=1
		else
			rm -f "$_wr_tmp"
			mr_die "xorriso failed: $(grep -m1 -e FAILURE -e SORRY "$MR_WORK/xorriso.log")"
		fi
	fi
	[ -s "$_wr_tmp" ] || mr_die "xorriso wrote nothing"
}

mr_write_check() {
	_wc_in=$1
	_wc_new=$2
	_wc_a=$(mr_iso_eltorito "$_wc_in" | awk '/^El Torito boot img :/ { print $6, $7, $8 }')
	_wc_b=$(mr_iso_eltorito "$_wc_new" | awk '/^El Torito boot img :/ { print $6, $7, $8 }')
	[ "$_wc_a" = "$_wc_b" ] || mr_die "the El Torito boot images did not survive (before: $(echo "$_wc_a" | tr '\n' ','); after: $(echo "$_wc_b" | tr '\n' ','))"
	_wc_a=$(mr_iso_sysarea "$_wc_in" | sed -n 's/^System area summary: *//p')
	_wc_b=$(mr_iso_sysarea "$_wc_new" | sed -n 's/^System area summary: *//p')
	[ "$_wc_a" = "$_wc_b" ] || mr_die "the system area (isohybrid MBR/GPT) did not survive: '$_wc_a' became '$_wc_b'"
	_wc_a=$(blkid -p -o value -s UUID "$_wc_in" 2>/dev/null):$(blkid -p -o value -s LABEL "$_wc_in" 2>/dev/null)
	_wc_b=$(blkid -p -o value -s UUID "$_wc_new" 2>/dev/null):$(blkid -p -o value -s LABEL "$_wc_new" 2>/dev/null)
	[ "$_wc_a" = "$_wc_b" ] || mr_die "UUID:LABEL changed from $_wc_a to $_wc_b"
	MR_PTTYPE=$(blkid -p -o value -s PTTYPE "$_wc_new" 2>/dev/null)
	if [ -n "$MR_PTTYPE" ] && command -v sfdisk >/dev/null 2>&1; then
		sfdisk -d "$_wc_new" >/dev/null 2>&1 || mr_die "sfdisk cannot read the new partition table ($MR_PTTYPE)"
	fi
}
