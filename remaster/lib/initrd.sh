# shellcheck shell=sh
# Variables named MR_* and R_* are shared between the parts (see memdisk-remaster).
# shellcheck disable=SC2034,SC2153
# remaster/lib/initrd.sh: read an initramfs file the way the kernel does.
# Sourced, never run.
# SPDX-License-Identifier: GPL-2.0-or-later
#
# An initramfs file is a sequence of newc cpio archives, each either plain or
# compressed, with zero padding between them; later archives replace files of
# earlier ones. Distributions put an uncompressed early-microcode archive
# first (Debian, Ubuntu, dracut) and the compressed main archive after it.
# bsdtar and a plain `cpio -i` read only the first archive: this reader walks
# all of them.
#
#   mr_initrd_read FILE DIR ROOT
#       Walks FILE and extracts each archive into ROOT as it goes (one read
#       of each archive; later archives replace files of earlier ones, as at
#       boot; device nodes are skipped when not run as root). Writes
#       DIR/layers (one line per top-level piece: OFFSET LENGTH FORMAT,
#       FORMAT = cpio or the compressor), DIR/archives (one line per cpio
#       archive: SOURCE OFFSET LENGTH, SOURCE being FILE or a decompressed
#       stream in DIR) and DIR/names-N (archive N's file names). Returns 1
#       with MR_ERR set when FILE is not an initramfs it can read.
#   mr_initrd_compression DIR
#       Prints the compressor of the main archive ("none" if plain).

MR_ERR=
MR_ERRFILE=/dev/null

# _mr_fail MESSAGE: MR_ERR, also for the caller of a $(...) subshell.
_mr_fail() {
	MR_ERR=$*
	printf '%s\n' "$MR_ERR" >"$MR_ERRFILE"
	return 1
}

# _mr_magic FILE OFFSET: the format of the data at OFFSET.
_mr_magic() {
	_mg=$(mr_hex "$1" "$2" 6)
	case $_mg in
	303730373031* | 303730373032*) echo cpio ;;
	1f8b* | 1f9e*) echo gzip ;;
	fd377a585a00*) echo xz ;;
	28b52ffd*) echo zstd ;;
	02214c18*) echo lz4 ;;
	425a68*) echo bzip2 ;;
	5d0000*) echo lzma ;;
	894c5a4f*) echo lzop ;;
	00*) echo zero ;;
	'') echo eof ;;
	*) echo "unknown:$_mg" ;;
	esac
}

# _mr_decompressor FORMAT: the command that decompresses FORMAT from stdin.
_mr_decompressor() {
	case $1 in
	gzip) echo "gzip -dc" ;;
	xz) echo "xz -dc" ;;
	lzma) echo "xz --format=lzma -dc" ;;
	zstd) echo "zstd -dcq" ;;
	lz4) echo "lz4 -dcq" ;;
	bzip2) echo "bzip2 -dc" ;;
	lzop) echo "lzop -dc" ;;
	*) return 1 ;;
	esac
}

# _mr_skip_zeros FILE OFFSET SIZE: the offset of the first non-zero byte at
# or after OFFSET (SIZE when there is none).
_mr_skip_zeros() {
	_sz_off=$2
	while [ "$_sz_off" -lt "$3" ]; do
		_sz_n=$(od -An -v -tx1 -j "$_sz_off" -N 65536 "$1" | awk '
			{ for (i = 1; i <= NF; i++) { if ($i != "00") { print n + 0; exit } n++ } }')
		if [ -n "$_sz_n" ]; then
			echo $((_sz_off + _sz_n))
			return 0
		fi
		_sz_off=$((_sz_off + 65536))
	done
	echo "$3"
}

# _mr_cpio_extract FILE OFFSET SIZE ROOT NAMES: extract the archive that
# starts at OFFSET into ROOT, its names into NAMES; print the offset just
# after it (its TRAILER!!! entry, padded to 4 bytes). GNU cpio says how many
# 512-byte blocks it read; the trailer lies in the last of them, where its
# header is found and checked.
_mr_cpio_extract() {
	_ce_err=$(dd if="$1" iflag=skip_bytes skip="$2" bs=65536 2>/dev/null |
		(cd "$4" && LC_ALL=C cpio -idmuv --no-absolute-filenames 2>&1 >/dev/null))
	_ce_blocks=$(printf '%s\n' "$_ce_err" | sed -n 's/^\([0-9][0-9]*\) blocks\{0,1\}$/\1/p' | tail -n 1)
	printf '%s\n' "$_ce_err" | grep -v -e '^cpio: ' -e '^[0-9][0-9]* blocks\{0,1\}$' >"$5"
	# Device nodes and ownership fail as a user: expected. Anything else
	# means the archive is damaged.
	_ce_bad=$(printf '%s\n' "$_ce_err" | grep '^cpio: ' |
		grep -v -e 'Cannot mknod' -e 'Operation not permitted' -e 'annot change ownership' -e ' linked to ' |
		head -n 1)
	if [ -n "$_ce_bad" ] || [ -z "$_ce_blocks" ]; then
		_mr_fail "cpio archive at offset $2: ${_ce_bad:-cpio read nothing}"
		return 1
	fi
	_ce_wend=$(($2 + _ce_blocks * 512))
	[ "$_ce_wend" -le "$3" ] || _ce_wend=$3
	_ce_ws=$((_ce_wend - 1024))
	[ "$_ce_ws" -ge "$2" ] || _ce_ws=$2
	# The trailer's header: "07070", then its name "TRAILER!!!\0" at +110.
	_ce_hdr=$(mr_hex "$1" "$_ce_ws" $((_ce_wend - _ce_ws)) | awk -v base="$_ce_ws" '
		{
			h = $0
			pat = "545241494c455221212100"
			last = -1
			start = 1
			while ((i = index(substr(h, start), pat)) > 0) {
				pos = start + i - 1
				if (pos % 2 == 1) {
					byte = (pos - 1) / 2
					if (byte >= 110 && substr(h, (byte - 110) * 2 + 1, 10) == "3037303730")
						last = byte - 110
				}
				start = pos + 2
			}
			if (last >= 0) print base + last
		}')
	if [ -z "$_ce_hdr" ]; then
		_mr_fail "cpio archive at offset $2: no TRAILER!!! entry where cpio stopped"
		return 1
	fi
	echo $((_ce_hdr + 124))
}

# _mr_walk_cpio FILE START DIR ROOT: extract the plain cpio archives from
# START on (zero padding allowed between them), recorded in DIR/archives.
# Stops at the first byte that is neither: prints its offset.
_mr_walk_cpio() {
	_wc_file=$1
	_wc_off=$2
	_wc_size=$(mr_size "$1")
	while [ "$_wc_off" -lt "$_wc_size" ]; do
		case $(_mr_magic "$_wc_file" "$_wc_off") in
		cpio)
			_wc_n=$(($(wc -l <"$3/archives") + 1))
			_wc_end=$(_mr_cpio_extract "$_wc_file" "$_wc_off" "$_wc_size" "$4" "$3/names-$_wc_n") || return 1
			printf '%s %s %s\n' "$_wc_file" "$_wc_off" $((_wc_end - _wc_off)) >>"$3/archives"
			_wc_off=$(_mr_skip_zeros "$_wc_file" "$_wc_end" "$_wc_size")
			;;
		zero)
			_wc_off=$(_mr_skip_zeros "$_wc_file" "$_wc_off" "$_wc_size")
			;;
		*)
			break
			;;
		esac
		if [ "$_wc_off" -lt "$_wc_size" ] && [ $((_wc_off % 4)) -ne 0 ]; then
			_mr_fail "data at offset $_wc_off is not 4-byte aligned (the kernel would reject it)"
			return 1
		fi
	done
	echo "$_wc_off"
}

mr_initrd_read() {
	MR_ERR=
	_is_file=$1
	_is_dir=$2
	_is_root=$3
	mkdir -p "$_is_dir" "$_is_root" || return 1
	MR_ERRFILE=$_is_dir/error
	: >"$MR_ERRFILE"
	: >"$_is_dir/archives"
	: >"$_is_dir/layers"
	_is_size=$(mr_size "$_is_file") || {
		_mr_fail "cannot read $_is_file"
		return 1
	}
	_is_off=0
	_is_n=0
	while [ "$_is_off" -lt "$_is_size" ]; do
		_is_fmt=$(_mr_magic "$_is_file" "$_is_off")
		case $_is_fmt in
		cpio | zero)
			_is_next=$(_mr_walk_cpio "$_is_file" "$_is_off" "$_is_dir" "$_is_root") || {
				MR_ERR=$(cat "$MR_ERRFILE")
				return 1
			}
			[ "$_is_fmt" = zero ] || printf '%s %s cpio\n' "$_is_off" $((_is_next - _is_off)) >>"$_is_dir/layers"
			_is_off=$_is_next
			;;
		unknown:*)
			_mr_fail "unknown data at offset $_is_off (${_is_fmt#unknown:}): not a cpio archive, nor a compressed one"
			return 1
			;;
		*)
			# A compressed archive runs to the end of the file (the
			# decompressor reads concatenated streams of its format).
			_is_n=$((_is_n + 1))
			_is_cmd=$(_mr_decompressor "$_is_fmt")
			_is_first=${_is_cmd%% *}
			if ! command -v "$_is_first" >/dev/null 2>&1; then
				_mr_fail "the main archive is $_is_fmt-compressed and $_is_first is missing"
				return 1
			fi
			_is_stream=$_is_dir/stream-$_is_n
			# shellcheck disable=SC2086 # the command and its options
			dd if="$_is_file" iflag=skip_bytes skip="$_is_off" bs=1048576 2>/dev/null | $_is_cmd >"$_is_stream" 2>"$_is_stream.err"
			_is_rc=$?
			printf '%s %s %s\n' "$_is_off" $((_is_size - _is_off)) "$_is_fmt" >>"$_is_dir/layers"
			if [ ! -s "$_is_stream" ]; then
				_mr_fail "$_is_fmt data at offset $_is_off does not decompress: $(head -n 1 "$_is_stream.err")"
				return 1
			fi
			_is_end=$(_mr_walk_cpio "$_is_stream" 0 "$_is_dir" "$_is_root") || {
				MR_ERR=$(cat "$MR_ERRFILE")
				return 1
			}
			if [ "$_is_end" -lt "$(mr_size "$_is_stream")" ]; then
				_mr_fail "the $_is_fmt stream at offset $_is_off holds data that is not a cpio archive (at $_is_end)"
				return 1
			fi
			if [ "$_is_rc" -ne 0 ]; then
				# Complete archives came out; what the decompressor
				# stumbled over is padding or junk after them.
				mr_debug "$_is_fmt: $(head -n 1 "$_is_stream.err") (ignored: the archives are complete)"
			fi
			_is_off=$_is_size
			;;
		esac
	done
	if [ ! -s "$_is_dir/archives" ]; then
		_mr_fail "no cpio archive in it"
		return 1
	fi
	# Directories that cpio made without write permission for us.
	chmod -R u+rwX "$_is_root" 2>/dev/null
	# The decompressed streams are not needed any more.
	rm -f "$_is_dir"/stream-*
	return 0
}

mr_initrd_compression() {
	awk '$3 != "cpio" { c = $3 } END { print (c == "" ? "none" : c) }' "$1/layers"
}
