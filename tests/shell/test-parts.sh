# shellcheck shell=sh disable=SC2034,SC2154,SC2317 # variables read by the sourced parts; functions passed by name
# Tests of the runtime's parts one by one (initramfs/attach/*.sh), sourced
# into the shell under test the way memdisk-attach sources them, and of the
# list every generator hook installs them from (initramfs/runtime.list).
# shellcheck source=/dev/null
. "$TOP/tests/shell/lib.sh"

PARTS=$TOP/initramfs/attach

# The variables memdisk-attach sets before it sources its parts.
parts_env() {
	SYS=$FAKE/root/sys PROC=$FAKE/root/proc DEV=$FAKE/root/dev
	MD_BIN=$STUBS/ NL='
'
	SELFDIR=$TOP/initramfs PKGLIBDIR=/nonexistent
	MD_DEBUG=0
}

t_quote() {
	. "$PARTS/messages.sh"
	# shellcheck disable=SC2016 # literal on purpose: nothing may expand
	for v in '' plain "it's" "a'b'c" ' spaced  out ' '$(echo no)' '`x`' "back\\slash" "'"; do
		eval "got=$(md_quote "$v")"
		check "quote [$v]" "$v" "$got"
	done
}

t_fail_exits_2() {
	. "$PARTS/messages.sh"
	(md_fail "one line" 2>"$FAKE/out/stderr")
	check rc 2 "$?"
	check stderr 'memdisk: one line' "$(cat "$FAKE/out/stderr")"
	(md_debug quiet 2>"$FAKE/out/stderr")
	check no-debug '' "$(cat "$FAKE/out/stderr")"
}

# md_wait ends within its bound when the test never succeeds, and returns as
# soon as it does.
t_wait_bound() {
	parts_env
	. "$PARTS/messages.sh"
	. "$PARTS/wait.sh"
	# The real clock: the bound holds however slow each step is (a loaded
	# machine); the upper limit only catches a wait that does not end.
	PROC=/proc
	t0=$(uptime_cs)
	md_wait 30 false
	check rc 1 "$?"
	dt=$(($(uptime_cs) - t0))
	check_true "waited ${dt} cs for a 30 cs bound" [ "$dt" -ge 25 ] && check_true "waited ${dt} cs" [ "$dt" -lt 1000 ]
	n=0
	third_time() {
		n=$((n + 1))
		[ "$n" -ge 3 ]
	}
	md_wait 500 third_time
	check rc-success 0 "$?"
	check tries 3 "$n"
}

# Without a readable /proc/uptime the step count alone still ends the wait.
t_wait_no_uptime() {
	parts_env
	. "$PARTS/messages.sh"
	. "$PARTS/wait.sh"
	t0=$(uptime_cs)
	md_wait 20 false
	check rc 1 "$?"
	dt=$(($(uptime_cs) - t0))
	check_true "waited ${dt} cs for a 20 cs bound" [ "$dt" -lt 1000 ]
}

t_split_and_lockdown() {
	parts_env
	. "$PARTS/messages.sh"
	. "$PARTS/find.sh"
	md_split memdisk,0x1000,0x2000,512
	check nf 4 "$MD_NF"
	check f3 0x2000 "$MD_F3"
	md_split '0x1,0x2'
	check nf2 2 "$MD_NF"
	md_lockdown
	check no-lockdown-file '' "$MD_LOCK"
	echo '[none] integrity confidentiality' >"$FAKE/root/sys/kernel/security/lockdown"
	md_lockdown
	check none '' "$MD_LOCK"
	echo 'none [integrity] confidentiality' >"$FAKE/root/sys/kernel/security/lockdown"
	md_lockdown
	check integrity integrity "$MD_LOCK"
}

t_default_erasesize() {
	parts_env
	. "$PARTS/messages.sh"
	. "$PARTS/backend-phram.sh"
	for pair in 16779264:2048 16777216:4096 1049088:512 1025:1 6144:2048; do
		MD_LEN=${pair%%:*}
		md_default_es
		check "erasesize of ${pair%%:*}" "${pair#*:}" "$MD_ES"
	done
}

t_vmalloc_hint() {
	parts_env
	. "$PARTS/messages.sh"
	. "$PARTS/vmalloc32.sh"
	# 200 MiB image, little in use: image + 64 MiB headroom, rounded to 16.
	MD_LEN=$((200 * 1048576)) _vused_mib=10
	md_vmalloc_hint
	check small-use 272 "$MD_VMALLOC"
	# Much in use: what is used + 16 MiB instead of 64.
	_vused_mib=100
	md_vmalloc_hint
	check big-use 320 "$MD_VMALLOC"
}

t_report() {
	parts_env
	. "$PARTS/messages.sh"
	. "$PARTS/report.sh"
	MD_INFO=0 MD_DEV=/dev/mtdblock3
	check plain /dev/mtdblock3 "$(md_report)"
	MD_INFO=1 MD_REUSED=0 MD_MTD=mtd3 MD_START=4096 MD_LEN=8192
	MD_FSTYPE=iso9660 MD_LABEL="it's" MD_UUID=2024-01-01-00-00-00-00
	eval "$(md_report)"
	check device /dev/mtdblock3 "$MEMDISK_DEVICE"
	check start 0x1000 "$MEMDISK_START"
	check size 0x2000 "$MEMDISK_SIZE"
	check label "it's" "$MEMDISK_LABEL"
	check reused 0 "$MEMDISK_REUSED"
}

t_mount_twice() {
	parts_env
	. "$PARTS/messages.sh"
	. "$PARTS/mount.sh"
	MD_DEV=/dev/mtdblock0 MD_DEVNODE=$FAKE/root/dev/mtdblock0 MD_MOUNT=$FAKE/mnt MD_FSTYPE=iso9660
	echo "/dev/mtdblock0 $FAKE/mnt iso9660 ro 0 0" >"$FAKE/root/proc/mounts"
	md_mount
	check rc 0 "$?"
	check calls '' "$(cat "$FAKE/calls")"
}

# A part missing from the image: one line naming it, exit 2, nothing loaded.
t_part_missing() {
	copy_runtime "$FAKE/lib"
	cp "$TOP/kernel-cmdline/memdisk-cmdline.sh" "$FAKE/lib/"
	rm "$FAKE/lib/attach/find.sh"
	ATTACH_PROG=$FAKE/lib/memdisk-attach run_attach
	check rc 2 "$RC"
	case $ERR in
	"memdisk: runtime part find.sh is missing"*) ;;
	*) check stderr "memdisk: runtime part find.sh is missing ..." "$ERR" ;;
	esac
	check calls '' "$(cat "$FAKE/calls")"
}

# runtime.list names every part, every part exists, and memdisk-attach
# sources only listed parts.
t_runtime_list() {
	list=$TOP/initramfs/runtime.list
	for f in "$PARTS"/*.sh; do
		rel=attach/${f##*/}
		grep -Eq "^(lib|lib\\?) $rel\$" "$list" || check "$rel in runtime.list" listed missing
	done
	while read -r kind path; do
		case $kind in '' | \#*) continue ;; esac
		case $kind in elf | elf\? | exec | lib | lib\?) ;; *) check "kind of $path" 'elf|exec|lib[?]' "$kind" ;; esac
		case $path in
		memdiskfind | memdisk-probe | memdisk-copy) ;;
		memdisk-cmdline.sh) [ -f "$TOP/kernel-cmdline/$path" ] || check "$path exists" yes no ;;
		*) [ -f "$TOP/initramfs/$path" ] || check "$path exists" yes no ;;
		esac
	done <"$list"
	sourced=$(sed -n 's/^for _p in \(.*\); do$/\1/p' "$TOP/initramfs/memdisk-attach")
	check_true "memdisk-attach's part list found" [ -n "$sourced" ]
	for p in $sourced; do
		grep -q "^lib attach/$p.sh\$" "$list" || check "attach/$p.sh listed as required" yes no
	done
}

run_test parts/messages-quote t_quote
run_test parts/messages-fail t_fail_exits_2
run_test parts/wait-bound t_wait_bound
run_test parts/wait-no-uptime t_wait_no_uptime
run_test parts/find-split-lockdown t_split_and_lockdown
run_test parts/phram-default-erasesize t_default_erasesize
run_test parts/vmalloc32-hint t_vmalloc_hint
run_test parts/report t_report
run_test parts/mount-already t_mount_twice
run_test parts/attach-part-missing t_part_missing
run_test parts/runtime-list t_runtime_list
test_summary
