# shellcheck shell=sh
# Unit tests of kernel-cmdline/memdisk-cmdline.sh, run under the shell being
# tested (see tests/shell/run).
# shellcheck source=/dev/null
. "$TOP/tests/shell/lib.sh"
# shellcheck source=/dev/null
. "$TOP/kernel-cmdline/memdisk-cmdline.sh"

# parsed CMDLINE: the options as one line, for exact comparisons.
parsed() {
	memdisk_cmdline_parse "$1"
	printf 'enable=%s rw=%s debug=%s es=%s phram=%s timeout=%s' "$MEMDISK_OPT_ENABLE" "$MEMDISK_OPT_RW" \
		"$MEMDISK_OPT_DEBUG" "$MEMDISK_OPT_ERASESIZE" "$MEMDISK_OPT_PHRAM" "$MEMDISK_OPT_TIMEOUT"
}
DEFAULTS='enable= rw=0 debug=0 es= phram= timeout='

t_empty() {
	check empty "$DEFAULTS" "$(parsed '')"
	check blanks "$DEFAULTS" "$(parsed '   ')"
	check unrelated "$DEFAULTS" "$(parsed 'BOOT_IMAGE=/vmlinuz root=/dev/sda1 quiet memdisk=1 rd.live.image')"
	memdisk_cmdline_parse ''
	check errors '' "$MEMDISK_OPT_ERRORS"
}

t_whole_words_only() {
	check nord "$DEFAULTS" "$(parsed 'nord.memdisk=0')"
	check prefix "$DEFAULTS" "$(parsed 'xrd.memdisk.rw rd.memdisk.rwx rd.memdiskx=0 rd.memdisk.debugx')"
	check suffix-name "$DEFAULTS" "$(parsed 'rd.memdisk.phramx=1,2 rd.memdisk.erasesize2=512')"
	check inside-value "$DEFAULTS" "$(parsed 'foo=rd.memdisk=0 bar=x,rd.memdisk.rw')"
}

t_enable_forms() {
	for v in 0 no off false n N; do
		check "rd.memdisk=$v" 'enable=0 rw=0 debug=0 es= phram= timeout=' "$(parsed "rd.memdisk=$v")"
	done
	for v in 1 yes on true y Y; do
		check "rd.memdisk=$v" 'enable=1 rw=0 debug=0 es= phram= timeout=' "$(parsed "rd.memdisk=$v")"
	done
	check bare 'enable=1 rw=0 debug=0 es= phram= timeout=' "$(parsed 'rd.memdisk')"
	check empty-value 'enable=1 rw=0 debug=0 es= phram= timeout=' "$(parsed 'rd.memdisk=')"
	check invalid "$DEFAULTS" "$(parsed 'rd.memdisk=maybe')"
	memdisk_cmdline_parse 'rd.memdisk=maybe'
	check invalid-error 'ignoring rd.memdisk=maybe: not a boolean (use 0|no|off or 1|yes|on)' "$MEMDISK_OPT_ERRORS"
}

t_last_wins() {
	check 0-then-1 'enable=1 rw=0 debug=0 es= phram= timeout=' "$(parsed 'rd.memdisk=0 quiet rd.memdisk=1')"
	check 1-then-0 'enable=0 rw=0 debug=0 es= phram= timeout=' "$(parsed 'rd.memdisk=1 rd.memdisk=off')"
	check rw 'enable= rw=0 debug=0 es= phram= timeout=' "$(parsed 'rd.memdisk.rw rd.memdisk.rw=0')"
	check es 'enable= rw=0 debug=0 es=512 phram= timeout=' "$(parsed 'rd.memdisk.erasesize=4096 rd.memdisk.erasesize=512')"
	check phram 'enable= rw=0 debug=0 es= phram=0x2,0x4 timeout=' "$(parsed 'rd.memdisk.phram=1,2 rd.memdisk.phram=2,4')"
	# An invalid last value means the default, with an error; an earlier
	# error is forgotten once a later value is valid.
	memdisk_cmdline_parse 'rd.memdisk.erasesize=2048 rd.memdisk.erasesize=abc'
	check invalid-last "|ignoring rd.memdisk.erasesize=abc: not a positive number" "$MEMDISK_OPT_ERASESIZE|$MEMDISK_OPT_ERRORS"
	memdisk_cmdline_parse 'rd.memdisk.erasesize=abc rd.memdisk.erasesize=2048'
	check valid-last "2048|" "$MEMDISK_OPT_ERASESIZE|$MEMDISK_OPT_ERRORS"
}

t_booleans() {
	check rw 'enable= rw=1 debug=0 es= phram= timeout=' "$(parsed 'rd.memdisk.rw')"
	check rw=yes 'enable= rw=1 debug=0 es= phram= timeout=' "$(parsed 'rd.memdisk.rw=yes')"
	check rw=no 'enable= rw=0 debug=0 es= phram= timeout=' "$(parsed 'rd.memdisk.rw=no')"
	check debug 'enable= rw=0 debug=1 es= phram= timeout=' "$(parsed 'rd.memdisk.debug')"
	check debug=0 'enable= rw=0 debug=0 es= phram= timeout=' "$(parsed 'rd.memdisk.debug=0')"
}

t_quotes() {
	check quoted-value 'enable= rw=0 debug=0 es= phram=0x1,0x2 timeout=' "$(parsed 'rd.memdisk.phram="0x1,0x2"')"
	check quoted-word 'enable= rw=0 debug=0 es= phram=0x1000,0x2000 timeout=' "$(parsed '"rd.memdisk.phram=0x1000,8ki"')"
	check quoted-bare 'enable= rw=1 debug=0 es= phram= timeout=' "$(parsed '"rd.memdisk.rw"')"
	# Options inside another option's quoted value are not options.
	check inside-quotes "$DEFAULTS" "$(parsed 'foo="a rd.memdisk=0 rd.memdisk.rw b" bar')"
	check after-quotes 'enable=0 rw=0 debug=0 es= phram= timeout=' "$(parsed 'foo="a b" rd.memdisk=0')"
	check quoted-bool 'enable=0 rw=0 debug=0 es= phram= timeout=' "$(parsed 'rd.memdisk="off"')"
	# An unterminated quote runs to the end of the line.
	check unterminated "$DEFAULTS" "$(parsed 'foo="a rd.memdisk=0')"
}

t_separators() {
	check tabs 'enable=0 rw=1 debug=0 es= phram= timeout=' "$(parsed "$(printf 'rd.memdisk=0\trd.memdisk.rw')")"
	check newline 'enable=1 rw=0 debug=0 es= phram= timeout=' "$(parsed "rd.memdisk=0${NL}rd.memdisk=1${NL}")"
	check double-dash 'enable=1 rw=0 debug=0 es= phram= timeout=' "$(parsed 'rd.memdisk=1 -- rd.memdisk=0 rd.memdisk.rw')"
	check dash-value 'enable=0 rw=0 debug=0 es= phram= timeout=' "$(parsed 'foo=-- rd.memdisk=0')"
}

t_numbers() {
	check es-dec 'enable= rw=0 debug=0 es=2048 phram= timeout=' "$(parsed 'rd.memdisk.erasesize=2048')"
	check es-hex 'enable= rw=0 debug=0 es=2048 phram= timeout=' "$(parsed 'rd.memdisk.erasesize=0x800')"
	check es-ki 'enable= rw=0 debug=0 es=4096 phram= timeout=' "$(parsed 'rd.memdisk.erasesize=4ki')"
	check es-zero "$DEFAULTS" "$(parsed 'rd.memdisk.erasesize=0')"
	check es-empty "$DEFAULTS" "$(parsed 'rd.memdisk.erasesize')"
	check phram-dec 'enable= rw=0 debug=0 es= phram=0x7e00000,0x1000800 timeout=' \
		"$(parsed 'rd.memdisk.phram=132120576,16779264')"
	check phram-mi 'enable= rw=0 debug=0 es= phram=0x7e00000,0x1000000 timeout=' "$(parsed 'rd.memdisk.phram=126Mi,16Mi')"
	check phram-octal 'enable= rw=0 debug=0 es= phram=0x8,0x10 timeout=' "$(parsed 'rd.memdisk.phram=010,0x10')"
	# shellcheck disable=SC2016 # '$(id),1' must stay literal
	for bad in 0x1000 a,b 1,0 1,2,3 ,1 '1,' 0x,1 08,1 1,-1 '1,2;reboot' '$(id),1' 1,0x1234567890abc; do
		memdisk_cmdline_parse "rd.memdisk.phram=$bad"
		check "phram=$bad" "|ignoring rd.memdisk.phram=$bad: expected START,LEN (numbers, LEN > 0)" \
			"$MEMDISK_OPT_PHRAM|$MEMDISK_OPT_ERRORS"
	done
	check timeout 'enable= rw=0 debug=0 es= phram= timeout=2.5' "$(parsed 'rd.memdisk.timeout=2.5')"
	memdisk_cmdline_parse 'rd.memdisk.timeout=2.555'
	check timeout-bad '|ignoring rd.memdisk.timeout=2.555: expected seconds (e.g. 5 or 2.5)' \
		"$MEMDISK_OPT_TIMEOUT|$MEMDISK_OPT_ERRORS"
}

t_parse_number() {
	for pair in 0=0 7=7 010=8 0x10=16 0X1f=31 1ki=1024 2Mi=2097152 1Gi=1073741824 0x800ki=2097152; do
		MEMDISK_NUM='unset'
		memdisk_parse_number "${pair%%=*}"
		check "number ${pair%%=*}" "${pair#*=}" "$MEMDISK_NUM"
	done
	for bad in '' 08 0x 1k 1.5 -1 ' 1' 1e3 x 0x1g 1234567890123456; do
		MEMDISK_NUM='unset'
		if memdisk_parse_number "$bad"; then
			check "number [$bad] rejected" 1 0
		fi
		check "number [$bad] untouched" unset "$MEMDISK_NUM"
	done
	for pair in 5=500 0.5=50 2.05=205 08=800 0.01=1 10.10=1010; do
		memdisk_seconds_to_cs "${pair%%=*}"
		check "seconds ${pair%%=*}" "${pair#*=}" "$MEMDISK_NUM"
	done
	for bad in '' . 1. .5 1.234 a 1,5 100000; do
		if memdisk_seconds_to_cs "$bad"; then check "seconds [$bad] rejected" 1 0; fi
	done
}

t_get() {
	check value '0x1,0x2' "$(memdisk_cmdline_get rd.memdisk.phram 'a rd.memdisk.phram="0x1,0x2" b')"
	memdisk_cmdline_get rd.memdisk.rw 'a rd.memdisk.rw b' >/dev/null
	check bare-rc 0 $?
	check bare-out '' "$(memdisk_cmdline_get rd.memdisk.rw 'a rd.memdisk.rw b')"
	memdisk_cmdline_get rd.memdisk 'nord.memdisk=0 rd.memdiskx' >/dev/null
	check absent-rc 1 $?
	check last 'c' "$(memdisk_cmdline_get x 'x=a y=b x=c')"
	check spaces 'a b' "$(memdisk_cmdline_get x 'x="a b"')"
}

t_bool() {
	for v in '' 1 y Y yes on true; do
		memdisk_bool "$v"
		check "bool [$v]" 0 $?
	done
	for v in 0 n N no off false; do
		memdisk_bool "$v"
		check "bool [$v]" 1 $?
	done
	for v in 2 Yes maybe ' '; do
		memdisk_bool "$v"
		check "bool [$v]" 2 $?
	done
}

t_proc_cmdline() {
	set_cmdline 'quiet rd.memdisk=0 rd.memdisk.phram=0x1000,0x2000'
	MEMDISK_SYSROOT=$FAKE/root
	memdisk_cmdline_parse
	check from-proc '0|0x1000,0x2000' "$MEMDISK_OPT_ENABLE|$MEMDISK_OPT_PHRAM"
	check get-proc '0x1000,0x2000' "$(memdisk_cmdline_get rd.memdisk.phram)"
	export MEMDISK_SYSROOT="$FAKE/nonexistent"
	memdisk_cmdline_parse
	check no-proc '' "$MEMDISK_OPT_ENABLE"
	unset MEMDISK_SYSROOT
}

t_no_side_effects() {
	# Globs stay literal, IFS, noglob and the positional parameters survive.
	cd "$FAKE" || return
	: >rd.memdisk.rw
	set -- one two
	IFS=:
	memdisk_cmdline_parse 'rd.memdisk* rd.memdisk.phram=*'
	check glob 'rw=0|ignoring rd.memdisk.phram=*: expected START,LEN (numbers, LEN > 0)' \
		"rw=$MEMDISK_OPT_RW|$MEMDISK_OPT_ERRORS"
	check ifs ':' "$IFS"
	check args 'one two 2' "$1 $2 $#"
	case $- in *f*) check noglob off on ;; esac
	set -f
	memdisk_cmdline_parse 'rd.memdisk=0'
	case $- in *f*) ;; *) check noglob-kept on off ;; esac
	set +f
	unset IFS
	memdisk_cmdline_parse 'rd.memdisk=0'
	check ifs-unset unset "${IFS-unset}"
}

t_backend() {
	memdisk_cmdline_parse ''
	check default auto "$MEMDISK_OPT_BACKEND"
	for v in auto phram copy; do
		memdisk_cmdline_parse "boot=live rd.memdisk.backend=$v"
		check "rd.memdisk.backend=$v" "$v|" "$MEMDISK_OPT_BACKEND|$MEMDISK_OPT_ERRORS"
	done
	memdisk_cmdline_parse 'rd.memdisk.backend=copy rd.memdisk.backend=phram'
	check last-wins phram "$MEMDISK_OPT_BACKEND"
	memdisk_cmdline_parse 'rd.memdisk.backend=loop'
	check invalid 'auto|ignoring rd.memdisk.backend=loop: use auto, phram or copy' "$MEMDISK_OPT_BACKEND|$MEMDISK_OPT_ERRORS"
	memdisk_cmdline_parse 'rd.memdisk.backendx=copy'
	check lookalike auto "$MEMDISK_OPT_BACKEND"
}

run_test cmdline/defaults t_empty
run_test cmdline/whole-words-only t_whole_words_only
run_test cmdline/enable-forms t_enable_forms
run_test cmdline/last-wins t_last_wins
run_test cmdline/booleans t_booleans
run_test cmdline/quotes t_quotes
run_test cmdline/separators t_separators
run_test cmdline/numbers t_numbers
run_test cmdline/parse-number t_parse_number
run_test cmdline/get t_get
run_test cmdline/bool t_bool
run_test cmdline/proc-cmdline t_proc_cmdline
run_test cmdline/no-side-effects t_no_side_effects
run_test cmdline/backend t_backend
test_summary
