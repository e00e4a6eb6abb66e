#!/bin/sh
# bgpdump's one-line options in mrtreach dump, compared byte for byte with
# Debian's bgpdump 1.6.2 on the real corpus (../shared/mrt-corpus), on the
# fixtures where plain -m agrees, and on random valid records of every
# subtype (difftest_gen.py): -M, -t dump|change, -p, -l, -u, -O, -q, -v. The only
# differences allowed are the manual's COMPATIBILITY ones: the corpus file
# whose NLRI breaks after its first prefix (mrtreach prints nothing of it),
# and -t change on TABLE_DUMP_V2, where bgpdump 1.6.2 prints 0 or an arbitrary
# number instead of the originated time (the time field is blanked in both
# before comparing; bgpdump_cli.sh checks mrtreach's value).
casename=bgpdump_options
. "$TOP/tests/e2e/lib.sh"
M=${MRTREACH:?}
if ! command -v bgpdump >/dev/null 2>&1; then
	echo "SKIP $casename: bgpdump is not installed (apt-get install bgpdump)"
	exit 0
fi
F=$TOP/fixtures/dump

# blank_change OPTS: on stdin, with -t change among OPTS, the time field of
# TABLE_DUMP2 lines becomes X (field 3 with -p, else 2).
blank_change() {
	case " $1 " in
	*" -t change "*) ;;
	*) cat; return ;;
	esac
	case " $1 " in
	*" -p "*) k=3 ;;
	*) k=2 ;;
	esac
	awk -F'|' -v k=$k 'BEGIN { OFS = "|" } $1 ~ /^TABLE_DUMP2/ { $k = "X" } { print }'
}

# compare NAME FILE OPTS...: bgpdump OPTS FILE and mrtreach dump OPTS FILE
# print the same bytes (mrtreach exits 0, or 1 on the known damaged file).
compare() {
	name=$1; f=$2; shift 2
	bgpdump "$@" "$f" 2>/dev/null | blank_change "$*" >"$tmp/want"
	"$M" dump "$@" "$f" 2>"$tmp/err" | blank_change "$*" >"$tmp/got"
	case $(basename "$f") in
	updates.nlri_mask_trailing_bits.gz) grep -v '|12\.0\.1\.63|7018|11\.' "$tmp/want" >"$tmp/w2"; mv "$tmp/w2" "$tmp/want" ;;
	esac
	if [ ! -s "$tmp/want" ] && [ -s "$tmp/got" ]; then
		echo "FAIL $casename $name: bgpdump printed nothing"
	elif cmp -s "$tmp/want" "$tmp/got"; then
		echo "PASS $casename $name"
	else
		echo "FAIL $casename $name: $(diff "$tmp/want" "$tmp/got" | grep '^[<>]' | head -2 | cut -c1-200 | tr '\n' ' ')"
	fi
}

single="-M|-m -t dump|-m -t change|-M -t change|-m -p|-M -p|-m -l|-m -u|-M -l -u|-mvq"
all="-m -p -l -u -t change|-M -p -t change"
IFS_OLD=$IFS
each() {  # FILE LIST: compare FILE under each option set of LIST
	IFS='|'
	for opts in $2; do
		IFS=$IFS_OLD
		# shellcheck disable=SC2086
		compare "$(basename "$1") $opts" "$1" $opts
		IFS='|'
	done
	IFS=$IFS_OLD
}

# The other fixtures hold the COMPATIBILITY cases on purpose (dump_compat.sh).
for f in "$F"/bgp4mp.mrt "$F"/bgp4mp_et.mrt "$F"/table_dump_v1.mrt; do
	each "$f" "$single|$all"
done
if command -v python3 >/dev/null 2>&1; then
	for seed in 1 2; do
		python3 "$TOP/tests/e2e/difftest_gen.py" $seed 1500 "$tmp/random$seed.mrt"
		each "$tmp/random$seed.mrt" "$single|$all"
	done
else
	echo "SKIP $casename random: python3 is needed to craft records"
fi

if have_corpus; then
	for f in "$corpus"/*; do
		# bgpdump takes seconds on the big files: all options at once,
		# and on the biggest in one of the two formats.
		if [ "$(wc -c <"$f")" -lt 1000000 ]; then
			each "$f" "$all"
		else
			each "$f" "-M -p -l -u -t change"
		fi
	done
fi

# -O FILE: the same bytes in the file, nothing on stdout.
"$M" dump -M -O "$tmp/o.txt" "$F/bgp4mp.mrt" >"$tmp/out" 2>"$tmp/err"
bgpdump -M "$F/bgp4mp.mrt" 2>/dev/null >"$tmp/want"
if [ -s "$tmp/out" ] || ! cmp -s "$tmp/want" "$tmp/o.txt"; then
	echo "FAIL $casename -O: file differs or stdout not empty"
else
	echo "PASS $casename -O"
fi
