# shellcheck shell=sh
# Variables named MR_* and R_* are shared between the parts (see memdisk-remaster).
# shellcheck disable=SC2034,SC2153
# remaster/lib/report.sh: what memdisk-remaster found and did, as text
# (stdout) or as one JSON document (--json). Sourced, never run.
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   mr_report_text        the human report of a remaster (or dry run)
#   mr_report_json STATUS the JSON report

# _mr_group_ids: the groups, in order.
_mr_group_ids() {
	cut -f1 "$MR_WORK/plan/groups"
}

_mr_placed() {
	awk -F'\t' -v g="$1" '$1 == g { print $2; exit }' "$MR_WORK/plan/placed" 2>/dev/null
}

mr_report_text() {
	[ "$MR_JSON" = 1 ] && return 0
	mr_say "initrds:"
	for _rt_g in $(_mr_group_ids); do
		(
			# shellcheck source=/dev/null # written by mr_plan_analyse
			. "$MR_WORK/g/$_rt_g/result"
			mr_say "  $(echo "$R_PATHS" | tr "$MR_US" ' ')"
			[ -z "${R_ARCHIVES:-}" ] || mr_say "    archives:  $R_ARCHIVES${R_MICROCODE:+$([ "$R_MICROCODE" = 1 ] && echo ' (early microcode first)')}"
			if [ -n "${R_GEN:-}" ]; then
				mr_say "    generator: $R_GEN ($R_FLAVOUR${R_GENVER:+, $R_GENVER})"
			fi
			[ -z "${R_LINKS:-}" ] || mr_say "    links:     $R_LINKS (paths resolved through them)"
			[ -z "${R_KVER:-}" ] || mr_say "    kernel:    $R_KVER${R_KERNEL:+ ($R_KERNEL)}"
			case $R_STATUS in
			ok)
				if [ "$R_BACKEND" = copy ]; then
					mr_say "    phram:     $R_PHRAM${R_KCONFIG:+ ($R_KCONFIG)}; backend copy: at boot memdisk-attach copies the image into RAM (its size once more) and attaches it through a loop device"
				else
					mr_say "    phram:     $R_PHRAM; backend $R_BACKEND"
				fi
				mr_say "    modules:   added ${R_MODS_ADD:-none}${R_MODSRC:+ from $R_MODSRC}"
				[ -z "$R_MODS_SKIP" ] || mr_say "               already there: $R_MODS_SKIP"
				[ -z "$R_MODS_CONVERT" ] || mr_say "               compression: $R_MODS_CONVERT"
				[ -z "$R_MODS_INDEX" ] || mr_say "               index: $R_MODS_INDEX (depmod on the merged tree)"
				mr_say "    hook:      $R_HOOK"
				mr_say "    udev rule: /$R_RULESDIR/61-memdisk-phram.rules"
				mr_say "    overlay:   $(_mr_placed "$_rt_g"), $R_OVERLAY_SIZE bytes ($(mr_human "$R_OVERLAY_SIZE")), $R_OVERLAY_ENTRIES entries"
				;;
			present) mr_say "    left as it is: $R_REASON" ;;
			*) mr_say "    not remastered: $R_REASON" ;;
			esac
		)
	done
	mr_say "boot entries:"
	while IFS="$MR_TAB" read -r _rt_set _rt_cfg _rt_line _rt_kind _rt_group _rt_label _rt_paths _rt_toks; do
		_rt_what=$(echo "$_rt_toks" | tr "$MR_US" ' ')
		_rt_tok=$(awk -F'\t' -v s="$_rt_set" '$6 == s { print $5; exit }' "$MR_WORK/plan/edits" 2>/dev/null)
		if [ -n "$_rt_tok" ]; then
			_rt_do="+ $_rt_tok"
		elif [ -z "$_rt_paths" ]; then
			_rt_do="unchanged: not found on the ISO"
		else
			_rt_g=$(awk -F'\t' -v s="$_rt_set" '$1 == s { print $2 }' "$MR_WORK/plan/set-group")
			_rt_do="unchanged ($(mr_result "$_rt_g" R_STATUS))"
		fi
		mr_say "  $_rt_cfg:$_rt_line ${_rt_label:+\"$_rt_label\" }($_rt_kind) $_rt_what: $_rt_do"
	done <"$MR_WORK/plan/sets"
	if [ -s "$MR_WORK/plan/checksums" ]; then
		mr_say "checksums: $(awk -F'\t' '{ printf "%s%s (%d)", s, $1, $2; s = ", " }' "$MR_WORK/plan/checksums")"
	fi
}

mr_report_json() {
	_rj_status=$1
	printf '{"status":%s,"exit":%s,"input":%s,"output":%s,"dry_run":%s,' \
		"$(mr_json_str "$_rj_status")" "${MR_EXIT:-0}" "$(mr_json_str "$MR_IN")" "$(mr_json_str "${MR_OUT:-}")" \
		"$([ "$MR_DRY_RUN" = 1 ] && echo true || echo false)"
	printf '"iso":{"size":%s,"volume_id":%s,"uuid":%s,"joliet":%s,"el_torito":%s,"system_area":%s},' \
		"$MR_ISO_SIZE" "$(mr_json_str "$MR_ISO_VOLID")" "$(mr_json_str "$MR_ISO_UUID")" \
		"$([ "$MR_ISO_JOLIET" = 1 ] && echo true || echo false)" "$(mr_json_str "$MR_ISO_BOOT")" \
		"$(mr_json_str "$MR_ISO_SYSAREA")"
	printf '"configurations":['
	_rj_sep=
	while IFS="$MR_TAB" read -r _rj_k _rj_top _rj_p; do
		_rj_ed=false
		[ -f "$MR_WORK/cfg/new$_rj_p" ] && _rj_ed=true
		printf '%s{"path":%s,"loader":%s,"edited":%s}' "$_rj_sep" "$(mr_json_str "$_rj_p")" "$(mr_json_str "$_rj_k")" "$_rj_ed"
		_rj_sep=,
	done <"$MR_WORK/cfg/list"
	printf '],"initrds":['
	_rj_sep=
	for _rj_g in $(_mr_group_ids); do
		printf '%s' "$_rj_sep"
		(
			# shellcheck source=/dev/null # written by mr_plan_analyse
			. "$MR_WORK/g/$_rj_g/result"
			_p=$(_mr_placed "$_rj_g")
			set -f
			_old=$IFS
			IFS=$MR_US
			# shellcheck disable=SC2086 # split on \037
			set -- $R_PATHS
			IFS=$_old
			printf '{"group":%s,"files":%s,"status":%s,"reason":%s,' "$_rj_g" "$(mr_json_list "$@")" \
				"$(mr_json_str "$R_STATUS")" "$(mr_json_str "${R_REASON:-}")"
			# shellcheck disable=SC2086 # word lists
			printf '"archives":%s,"early_microcode":%s,"generator":%s,"flavour":%s,"generator_version":%s,' \
				"$(mr_json_str "${R_ARCHIVES:-}")" "$([ "${R_MICROCODE:-0}" = 1 ] && echo true || echo false)" \
				"$(mr_json_str "${R_GEN:-}")" "$(mr_json_str "${R_FLAVOUR:-}")" "$(mr_json_str "${R_GENVER:-}")"
			printf '"links":%s,"kernel":%s,"kernel_version":%s,"phram":%s,"backend":%s,"module_source":%s,' \
				"$(mr_json_str "${R_LINKS:-}")" "$(mr_json_str "${R_KERNEL:-}")" "$(mr_json_str "${R_KVER:-}")" \
				"$(mr_json_str "${R_PHRAM:-}")" "$(mr_json_str "${R_BACKEND:-}")" "$(mr_json_str "${R_MODSRC:-}")"
			# shellcheck disable=SC2086 # word lists
			printf '"modules_added":%s,"modules_present":%s,"modules_missing":%s,"module_index":%s,' \
				"$(mr_json_list ${R_MODS_ADD:-})" "$(mr_json_list ${R_MODS_SKIP:-})" \
				"$(mr_json_list ${R_MODS_MISSING:-})" "$(mr_json_list ${R_MODS_INDEX:-})"
			printf '"hook":%s,"udev_rules":%s,"overlay":%s,"overlay_size":%s,"overlay_entries":%s}' \
				"$(mr_json_str "${R_HOOK:-}")" "$(mr_json_str "${R_RULESDIR:+/$R_RULESDIR}")" \
				"$(mr_json_str "$_p")" "${R_OVERLAY_SIZE:-0}" "${R_OVERLAY_ENTRIES:-0}"
		)
		_rj_sep=,
	done
	printf '],"entries":['
	_rj_sep=
	while IFS="$MR_TAB" read -r _rj_set _rj_cfg _rj_line _rj_kind _rj_group _rj_label _rj_paths _rj_toks; do
		_rj_g=$(awk -F'\t' -v s="$_rj_set" '$1 == s { print $2 }' "$MR_WORK/plan/set-group")
		_rj_tok=$(awk -F'\t' -v s="$_rj_set" '$6 == s { print $5; exit }' "$MR_WORK/plan/edits" 2>/dev/null)
		_old=$IFS
		IFS=$MR_US
		set -f
		# shellcheck disable=SC2086 # split on \037
		set -- $_rj_toks
		IFS=$_old
		set +f
		printf '%s{"config":%s,"line":%s,"kind":%s,"label":%s,"initrds":%s,"group":%s,"edited":%s,"added":%s}' \
			"$_rj_sep" "$(mr_json_str "$_rj_cfg")" "$_rj_line" "$(mr_json_str "$_rj_kind")" "$(mr_json_str "$_rj_label")" \
			"$(mr_json_list "$@")" "${_rj_g:-null}" "$([ -n "$_rj_tok" ] && echo true || echo false)" \
			"$(mr_json_str "$_rj_tok")"
		_rj_sep=,
	done <"$MR_WORK/plan/sets"
	printf '],"checksums":['
	_rj_sep=
	while IFS="$MR_TAB" read -r _rj_p _rj_n; do
		printf '%s{"file":%s,"lines":%s}' "$_rj_sep" "$(mr_json_str "$_rj_p")" "$_rj_n"
		_rj_sep=,
	done <"$MR_WORK/plan/checksums"
	printf '],"output_size":%s,"hfsplus_dropped":%s,"seconds":%s,"warnings":%s}\n' "${MR_OUT_SIZE:-0}" \
		"$([ "${MR_HFSPLUS_OFF:-0}" = 1 ] && echo true || echo false)" "${MR_SECONDS:-0}" \
		"$(printf '%s' "$MR_WARNINGS" | awk 'BEGIN { printf "[" } NF { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); printf "%s\"%s\"", s, $0; s = "," } END { printf "]" }')"
}
