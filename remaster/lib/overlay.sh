# shellcheck shell=sh
# Variables named MR_* and R_* are shared between the parts (see memdisk-remaster).
# shellcheck disable=SC2034,SC2153
# remaster/lib/overlay.sh: the overlay archive appended to a boot entry's
# initrds. Sourced, never run.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# The overlay is one gzip'ed newc cpio archive. Linux unpacks it after the
# original initrds, so its files are added to (or replace files of) the
# original image; nothing of the original is changed on the ISO. It holds:
#   /usr/lib/memdisk-phram/   memdiskfind, memdisk-attach, the command-line
#                             library; memdisk-verify and memdisk-sha256
#                             (the proof for --verify, inert without
#                             rd.memdisk.verify); remaster.info
#   the udev rule             in the directory the image's rules are in
#   kernel modules            the ISO's own, plus the regenerated index
#   the generator's hook      initramfs-tools: init-premount script and
#                             its ORDER; dracut: a pre-udev hook;
#                             mkinitcpio: runtime hook and /config, or a
#                             systemd unit and its .wants link
# Every path is resolved through the original's links (paths.sh) and only
# directories the original lacks get an entry of their own.
#
#   mr_overlay_stage ROOT STAGE   add everything but the modules (staged by
#                                 mr_modules_plan) to STAGE
#   mr_overlay_pack ROOT STAGE OUT
#                                 write OUT; MR_OVERLAY_ENTRIES counts them
#   mr_order_merge ORDER-FILE|'' SCRIPTDIR NAME
#                                 initramfs-tools' ORDER with NAME appended
#   mr_mkinitcpio_config CONFIG-FILE|''
#                                 mkinitcpio's /config with memdisk-phram
#                                 right after udev in HOOKS and
#                                 memdisk-verify in LATEHOOKS

# _mr_put ROOT STAGE SRC PATH MODE: SRC as PATH (resolved in ROOT).
_mr_put() {
	mr_resolve_v "$1" "$4" || mr_die "cannot resolve $4 in the initramfs (a link loop)"
	_pt=$MR_RESOLVED
	install -D -m "$5" "$3" "$2/$_pt" || mr_die "cannot copy $3 to $2/$_pt"
}

# _mr_put_text ROOT STAGE PATH MODE: stdin as PATH.
_mr_put_text() {
	mr_resolve_v "$1" "$3" || mr_die "cannot resolve $3 in the initramfs (a link loop)"
	_pt=$MR_RESOLVED
	install -D -m "$4" /dev/stdin "$2/$_pt" || mr_die "cannot write $2/$_pt"
}

# _mr_put_link ROOT STAGE PATH TARGET: a symbolic link (systemd .wants).
_mr_put_link() {
	mr_resolve_v "$1" "$3" || mr_die "cannot resolve $3 in the initramfs (a link loop)"
	_pt=$MR_RESOLVED
	mkdir -p "$2/${_pt%/*}" && ln -sfn "$4" "$2/$_pt"
}

mr_order_merge() {
	_om_line="$2/$3 \"\$@\""
	if [ -n "$1" ] && [ -f "$1" ]; then
		# Already there (remastered before, or built with the hook): as is.
		if grep -qxF "$_om_line" "$1"; then
			cat "$1"
			return 0
		fi
		cat "$1"
		# A last line without a newline must not swallow ours.
		[ -z "$(tail -c 1 "$1")" ] || echo
	fi
	printf '%s\n' "$_om_line"
	printf '%s\n' '[ -e /conf/param.conf ] && . /conf/param.conf'
}

mr_mkinitcpio_config() {
	{
		[ -n "$1" ] && [ -f "$1" ] && cat "$1"
		:
	} | awk -v early=EARLYHOOKS '
		function listof(line,   v) {
			v = line
			sub(/^[A-Z]+=/, "", v)
			gsub(/^["'\'']|["'\'']$/, "", v)
			return v
		}
		function has(list, w,   n, a, i) {
			n = split(list, a, " ")
			for (i = 1; i <= n; i++) if (a[i] == w) return 1
			return 0
		}
		/^HOOKS=/ {
			seen_hooks = 1
			l = listof($0)
			if (!has(l, "memdisk-phram")) {
				n = split(l, a, " ")
				out = ""
				put = 0
				for (i = 1; i <= n; i++) {
					out = out (out == "" ? "" : " ") a[i]
					if (a[i] == "udev" && !put) { out = out " memdisk-phram"; put = 1 }
				}
				if (!put) out = "memdisk-phram" (out == "" ? "" : " " out)
				l = out
			}
			printf "HOOKS=\"%s\"\n", l
			next
		}
		/^LATEHOOKS=/ {
			seen_late = 1
			l = listof($0)
			if (!has(l, "memdisk-verify")) l = l (l == "" ? "" : " ") "memdisk-verify"
			printf "LATEHOOKS=\"%s\"\n", l
			next
		}
		{ print }
		END {
			if (!seen_hooks) print "HOOKS=\"memdisk-phram\""
			if (!seen_late) print "LATEHOOKS=\"memdisk-verify\""
		}'
}

# _mr_config_hooks CONFIG: HOOKS of mkinitcpio's /config (for the report).
_mr_config_hooks() {
	sed -n 's/^HOOKS=["'\'']\{0,1\}\([^"'\'']*\).*/\1/p' "$1" 2>/dev/null | head -n 1
}

mr_overlay_stage() {
	_os_root=$1
	_os_stage=$2
	_os_lib=usr/lib/memdisk-phram
	# The runtime, the proof, and what this overlay is.
	mr_kit_runtime >"$_os_stage.runtime"
	while read -r _os_src _os_name _os_mode _os_kind; do
		_mr_put "$_os_root" "$_os_stage" "$_os_src" "$_os_lib/$_os_name" "$_os_mode"
	done <"$_os_stage.runtime"
	rm -f "$_os_stage.runtime"
	_mr_put "$_os_root" "$_os_stage" "$(mr_kit verify)" "$_os_lib/memdisk-verify" 0755
	_mr_put "$_os_root" "$_os_stage" "$(mr_kit memdisk-sha256)" "$_os_lib/memdisk-sha256" 0755
	{
		echo "tool=memdisk-remaster $MR_VERSION"
		echo "generator=$MR_GEN"
		echo "flavour=$MR_FLAVOUR"
		echo "kernel=$MR_KVER"
		echo "backend=$MR_BACKEND"
		echo "modules=$MR_MODS_ADD"
	} | _mr_put_text "$_os_root" "$_os_stage" "$_os_lib/remaster.info" 0644
	# The rule, beside the image's own rules.
	_mr_put "$_os_root" "$_os_stage" "$(mr_kit udev-rule)" "/$MR_RULESDIR/61-memdisk-phram.rules" 0644
	MR_OVERLAY_HOOK=
	case $MR_GEN in
	initramfs-tools)
		# run_scripts only reads ORDER; the directory may not exist at all
		# (live-boot images often have no init-premount script).
		_mr_put "$_os_root" "$_os_stage" "$(mr_kit itools-premount)" scripts/init-premount/memdisk-phram 0755
		_os_order=$(mr_resolve "$_os_root" scripts/init-premount/ORDER)
		mr_order_merge "$_os_root/$_os_order" /scripts/init-premount memdisk-phram |
			_mr_put_text "$_os_root" "$_os_stage" scripts/init-premount/ORDER 0644
		_mr_put "$_os_root" "$_os_stage" "$(mr_kit verify-itools)" scripts/init-bottom/memdisk-verify 0755
		_os_order=$(mr_resolve "$_os_root" scripts/init-bottom/ORDER)
		mr_order_merge "$_os_root/$_os_order" /scripts/init-bottom memdisk-verify |
			_mr_put_text "$_os_root" "$_os_stage" scripts/init-bottom/ORDER 0644
		MR_OVERLAY_HOOK="/scripts/init-premount/memdisk-phram (ORDER merged)"
		;;
	dracut)
		# Sourced by dracut's init, or by dracut-pre-udev.service (its
		# ConditionDirectoryNotEmpty is the same directory).
		_mr_put "$_os_root" "$_os_stage" "$(mr_kit dracut-hook)" "/$MR_HOOKDIR/pre-udev/10-memdisk-phram-attach.sh" 0755
		_mr_put "$_os_root" "$_os_stage" "$(mr_kit verify-dracut)" "/$MR_HOOKDIR/pre-pivot/99-memdisk-verify.sh" 0755
		MR_OVERLAY_HOOK="/$MR_HOOKDIR/pre-udev/10-memdisk-phram-attach.sh"
		;;
	mkinitcpio)
		if [ "$MR_FLAVOUR" = systemd ]; then
			_os_units=/${MR_UNITDIR:-usr/lib/systemd/system}
			_mr_put "$_os_root" "$_os_stage" "$(mr_kit mkinitcpio-unit)" "$_os_units/memdisk-phram.service" 0644
			_mr_put_link "$_os_root" "$_os_stage" "$_os_units/initrd-root-device.target.wants/memdisk-phram.service" \
				"/usr/lib/systemd/system/memdisk-phram.service"
			_mr_put "$_os_root" "$_os_stage" "$(mr_kit verify-unit)" "$_os_units/memdisk-verify.service" 0644
			_mr_put_link "$_os_root" "$_os_stage" "$_os_units/initrd.target.wants/memdisk-verify.service" \
				"/usr/lib/systemd/system/memdisk-verify.service"
			MR_OVERLAY_HOOK="$_os_units/memdisk-phram.service (wanted by initrd-root-device.target)"
		else
			_mr_put "$_os_root" "$_os_stage" "$(mr_kit mkinitcpio-hook)" hooks/memdisk-phram 0755
			_mr_put "$_os_root" "$_os_stage" "$(mr_kit verify-mkinitcpio)" hooks/memdisk-verify 0755
			_os_cfg=$(mr_resolve "$_os_root" config)
			mr_mkinitcpio_config "$_os_root/$_os_cfg" | _mr_put_text "$_os_root" "$_os_stage" config 0644
			MR_OVERLAY_HOOK="/hooks/memdisk-phram (HOOKS=\"$(_mr_config_hooks "$_os_stage/$_os_cfg")\")"
		fi
		;;
	esac
}

mr_overlay_pack() {
	_op_root=$1
	_op_stage=$2
	_op_out=$3
	# Reproducible: fixed times, owner root.
	find "$_op_stage" -exec touch -h -d "@${SOURCE_DATE_EPOCH:-0}" {} + 2>/dev/null
	_op_list=$_op_stage.list
	(cd "$_op_stage" && find . -mindepth 1 | sed 's|^\./||' | LC_ALL=C sort) | while IFS= read -r _op_p; do
		# The invariant of the whole design: nothing goes through a link
		# of the original, and no directory entry replaces one.
		if mr_path_has_link "$_op_root" "$_op_p"; then
			echo "LINK $_op_p"
			continue
		fi
		# Directories the original has need no entry (an entry would also
		# reset their mode).
		if [ -d "$_op_stage/$_op_p" ] && [ ! -L "$_op_stage/$_op_p" ] && [ -d "$_op_root/$_op_p" ]; then
			continue
		fi
		echo "$_op_p"
	done >"$_op_list"
	if grep -q '^LINK ' "$_op_list"; then
		mr_die "internal: overlay path through a link of the initramfs: $(sed -n 's/^LINK //p' "$_op_list" | head -n 1)"
	fi
	MR_OVERLAY_ENTRIES=$(wc -l <"$_op_list" | tr -d ' ')
	(cd "$_op_stage" && LC_ALL=C cpio -o -H newc -R 0:0 --quiet <"$_op_list") | gzip -9n >"$_op_out" ||
		mr_die "cannot write the overlay archive"
	rm -f "$_op_list"
}
