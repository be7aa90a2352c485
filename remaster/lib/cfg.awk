# remaster/lib/cfg.awk: read and edit boot loader configurations.
# SPDX-License-Identifier: GPL-2.0-or-later
#
#   awk -v dialect=syslinux|grub|sdboot -v mode=scan -f cfg.awk FILE
#   awk -v dialect=... -v mode=edit -v edits=EDITS -f cfg.awk FILE
#
# POSIX awk (mawk, gawk, busybox awk). Lines may end in CR LF: the CR is
# ignored when reading and kept when editing.
#
# scan prints TAB-separated records:
#   REF  LINE KIND GROUP INDEX COUNT LABEL FILE
#        one per initrd file a line names. KIND: append (an initrd= word of
#        a syslinux APPEND; GROUP counts such words on the line), directive
#        (syslinux INITRD), grub (initrd, initrd16, initrdefi), sdboot (the
#        "initrd" lines of a systemd-boot entry: one list, GROUP 1, LINE the
#        last of them).
#        INDEX/COUNT: the file's place in its list (initrd=a,b: 1/2, 2/2).
#   INC  LINE FILE              a file this one includes (syslinux INCLUDE,
#                               MENU INCLUDE, CONFIG; GRUB source,
#                               configfile)
#   DEFAULT LINE NAME           syslinux DEFAULT / ONTIMEOUT; GRUB set
#                               default=
#   ENTRY LINE LABEL KERNEL INITRDS ARGS
#        a bootable entry as its loader would start it: INITRDS is the list
#        it would load (syslinux 5+: the first initrd= of APPEND, else the
#        INITRD directive), separated by \037; ARGS the kernel command line
#        without initrd= words.
# edit reads EDITS (LINE KIND GROUP TOKEN, TAB-separated) and prints FILE
# with TOKEN added after the last file of that list: ",TOKEN" for syslinux,
# " TOKEN" for GRUB, a new "initrd TOKEN" line after LINE for systemd-boot.

function trim(s) {
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

# Split a GRUB argument string into words, honouring quotes and
# backslashes; sets W[1..n], returns n. Quotes are removed.
function gwords(s,   n, i, c, q, cur, inword) {
	n = 0
	q = ""
	cur = ""
	inword = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (q != "") {
			if (c == q) { q = ""; continue }
			if (c == "\\" && q == "\"" && i < length(s)) { i++; cur = cur substr(s, i, 1); continue }
			cur = cur c
			continue
		}
		if (c == " " || c == "\t") {
			if (inword) { W[++n] = cur; cur = ""; inword = 0 }
			continue
		}
		inword = 1
		if (c == "\"" || c == "'") { q = c; continue }
		if (c == "\\" && i < length(s)) { i++; cur = cur substr(s, i, 1); continue }
		cur = cur c
	}
	if (inword) W[++n] = cur
	return n
}

function emit_ref(line, kind, group, list, sep, label,   n, i, a) {
	n = split(list, a, sep)
	for (i = 1; i <= n; i++)
		printf "REF\t%d\t%s\t%d\t%d\t%d\t%s\t%s\n", line, kind, group, i, n, label, a[i]
}

# ---- syslinux ---------------------------------------------------------------
function sx_flush(   initrds, args, n, i, a, w, first) {
	if (!sx_open) return
	sx_open = 0
	if (sx_kernel == "") return
	first = ""
	args = ""
	n = split(sx_append == "" && !sx_has_append ? sx_gappend : sx_append, a, /[ \t]+/)
	for (i = 1; i <= n; i++) {
		w = a[i]
		if (w == "") continue
		if (substr(w, 1, 7) == "initrd=") {
			if (first == "") first = substr(w, 8)
			continue
		}
		args = args (args == "" ? "" : " ") w
	}
	if (first == "") first = sx_initrd
	gsub(/,/, "\037", first)
	if (args == "-") args = ""
	printf "ENTRY\t%d\t%s\t%s\t%s\t%s\n", sx_line, sx_label, sx_kernel, first, args
}

function sx_line_scan(line, raw,   s, kw, rest, n, i, a, g, w) {
	s = trim(raw)
	if (s == "" || substr(s, 1, 1) == "#") return
	kw = s
	sub(/[ \t].*/, "", kw)
	kw = toupper(kw)
	rest = s
	if (index(rest, " ") || index(rest, "\t")) sub(/^[^ \t]+[ \t]+/, "", rest)
	else rest = ""
	if (in_text) {
		if (kw == "ENDTEXT") in_text = 0
		return
	}
	if (kw == "TEXT") { in_text = 1; return }
	if (kw == "MENU") {
		w = toupper(rest)
		sub(/[ \t].*/, "", w)
		if (w == "INCLUDE") {
			rest = trim(substr(rest, 8))
			sub(/[ \t].*/, "", rest)
			printf "INC\t%d\t%s\n", line, rest
		}
		if (w == "LABEL" && sx_open) sx_menulabel = trim(substr(rest, 6))
		return
	}
	if (kw == "INCLUDE" || kw == "CONFIG") {
		sub(/[ \t].*/, "", rest)
		if (rest != "") printf "INC\t%d\t%s\n", line, rest
		return
	}
	if (kw == "DEFAULT" || kw == "ONTIMEOUT") {
		printf "DEFAULT\t%d\t%s\n", line, rest
		return
	}
	if (kw == "LABEL") {
		sx_flush()
		sx_open = 1
		sx_line = line
		sx_label = rest
		sx_menulabel = ""
		sx_kernel = ""
		sx_append = ""
		sx_has_append = 0
		sx_initrd = ""
		return
	}
	if (kw == "KERNEL" || kw == "LINUX") {
		if (sx_open) sx_kernel = rest
		return
	}
	if (kw == "APPEND") {
		n = split(rest, a, /[ \t]+/)
		g = 0
		for (i = 1; i <= n; i++) {
			if (substr(a[i], 1, 7) != "initrd=") continue
			g++
			emit_ref(line, "append", g, substr(a[i], 8), ",", sx_open ? sx_label : "")
		}
		if (sx_open) { sx_append = rest; sx_has_append = 1 }
		else sx_gappend = rest
		return
	}
	if (kw == "INITRD") {
		sub(/[ \t].*/, "", rest)
		emit_ref(line, "directive", 1, rest, ",", sx_open ? sx_label : "")
		if (sx_open) sx_initrd = rest
		return
	}
}

# ---- GRUB -------------------------------------------------------------------------
function gr_line_scan(line, raw,   s, n, cmd, i, list, title, opens, closes, c, q) {
	s = trim(raw)
	if (s == "" || substr(s, 1, 1) == "#") return
	n = gwords(s)
	cmd = W[1]
	if (cmd == "menuentry" || cmd == "submenu") {
		title = (n >= 2) ? W[2] : ""
		if (cmd == "menuentry") {
			gr_depth_entry = gr_depth + 1
			gr_title = title
			gr_kernel = ""
			gr_args = ""
			gr_initrds = ""
			gr_line = line
		}
	}
	if (cmd == "linux" || cmd == "linux16" || cmd == "linuxefi" || cmd == "kernel") {
		gr_kernel = W[2]
		gr_args = ""
		for (i = 3; i <= n; i++) gr_args = gr_args (gr_args == "" ? "" : " ") W[i]
	}
	if (cmd == "initrd" || cmd == "initrd16" || cmd == "initrdefi") {
		list = ""
		for (i = 2; i <= n; i++) list = list (i == 2 ? "" : "\037") W[i]
		if (n >= 2) emit_ref(line, "grub", 1, list, "\037", gr_depth_entry > 0 ? gr_title : "")
		gr_initrds = list
	}
	if (cmd == "source" || cmd == "configfile") {
		if (n >= 2) printf "INC\t%d\t%s\n", line, W[2]
	}
	if (cmd == "set" && W[2] ~ /^default=/) {
		printf "DEFAULT\t%d\t%s\n", line, substr(W[2], 9)
	}
	# Braces outside quotes open and close blocks (menuentry, submenu, if
	# has none; function has).
	q = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (q != "") { if (c == q) q = ""; continue }
		if (c == "\"" || c == "'") { q = c; continue }
		if (c == "#" && (i == 1 || substr(s, i - 1, 1) ~ /[ \t]/)) break
		if (c == "{") gr_depth++
		if (c == "}") {
			if (gr_depth == gr_depth_entry && gr_depth_entry > 0) {
				if (gr_kernel != "")
					printf "ENTRY\t%d\t%s\t%s\t%s\t%s\n", gr_line, gr_title, gr_kernel, gr_initrds, gr_args
				gr_depth_entry = 0
				gr_kernel = ""
			}
			gr_depth--
		}
	}
}

# ---- systemd-boot -------------------------------------------------------------------
function sd_line_scan(line, raw,   s, key, rest) {
	s = trim(raw)
	if (s == "" || substr(s, 1, 1) == "#") return
	key = s
	sub(/[ \t].*/, "", key)
	rest = trim(substr(s, length(key) + 1))
	if (key == "title") sd_title = rest
	if (key == "linux") sd_kernel = rest
	if (key == "options") sd_args = sd_args (sd_args == "" ? "" : " ") rest
	if (key == "initrd") {
		sd_n++
		sd_lines[sd_n] = line
		sd_files[sd_n] = rest
	}
}

# The initrd lines of an entry are one list; LINE is the last of them (an
# edit adds its new line after it).
function sd_flush(   i, list) {
	list = ""
	for (i = 1; i <= sd_n; i++) {
		printf "REF\t%d\tsdboot\t1\t%d\t%d\t%s\t%s\n", sd_lines[sd_n], i, sd_n, sd_title, sd_files[i]
		list = list (i == 1 ? "" : "\037") sd_files[i]
	}
	if (sd_kernel != "") printf "ENTRY\t%d\t%s\t%s\t%s\t%s\n", 1, sd_title, sd_kernel, list, sd_args
}

# ---- editing ---------------------------------------------------------------------------------
# Add ",tok" to the GROUP-th initrd= word of a syslinux APPEND line.
function ed_append(s, group, tok,   pos, g, rest, m, before) {
	pos = 0
	g = 0
	rest = s
	while (match(rest, /(^|[ \t])initrd=[^ \t]*/)) {
		m = substr(rest, RSTART, RLENGTH)
		before = pos + RSTART - 1
		pos = before + RLENGTH
		rest = substr(s, pos + 1)
		g++
		if (g == group) return substr(s, 1, pos) "," tok substr(s, pos + 1)
	}
	return s
}

function ed_directive(s, tok,   m) {
	if (match(s, /^[ \t]*[Ii][Nn][Ii][Tt][Rr][Dd][ \t]+[^ \t]+/))
		return substr(s, 1, RLENGTH) "," tok substr(s, RLENGTH + 1)
	return s
}

function ed_grub(s, tok,   t) {
	t = s
	sub(/[ \t]+$/, "", t)
	return t " " tok substr(s, length(t) + 1)
}

BEGIN {
	FS = "\n"
	if (mode == "edit") {
		while ((getline l < edits) > 0) {
			split(l, f, "\t")
			n_ed[f[1]]++
			ed_kind[f[1], n_ed[f[1]]] = f[2]
			ed_group[f[1], n_ed[f[1]]] = f[3]
			ed_tok[f[1], n_ed[f[1]]] = f[4]
		}
		close(edits)
	}
}

{
	raw = $0
	cr = ""
	if (substr(raw, length(raw), 1) == "\r") {
		cr = "\r"
		raw = substr(raw, 1, length(raw) - 1)
	}
	if (mode == "edit") {
		after = ""
		for (k = 1; k <= n_ed[NR]; k++) {
			kind = ed_kind[NR, k]
			if (kind == "append") raw = ed_append(raw, ed_group[NR, k], ed_tok[NR, k])
			else if (kind == "directive") raw = ed_directive(raw, ed_tok[NR, k])
			else if (kind == "grub") raw = ed_grub(raw, ed_tok[NR, k])
			else if (kind == "sdboot") {
				ind = raw
				sub(/[^ \t].*/, "", ind)
				sep = raw
				sub(/^[ \t]*initrd/, "", sep)
				sub(/[^ \t].*/, "", sep)
				if (sep == "") sep = " "
				after = after ind "initrd" sep ed_tok[NR, k] cr "\n"
			}
		}
		printf "%s%s\n%s", raw, cr, after
		next
	}
	if (dialect == "syslinux") sx_line_scan(NR, raw)
	else if (dialect == "grub") gr_line_scan(NR, raw)
	else if (dialect == "sdboot") sd_line_scan(NR, raw)
}

END {
	if (mode == "edit") exit
	if (dialect == "syslinux") sx_flush()
	if (dialect == "sdboot") sd_flush()
}
