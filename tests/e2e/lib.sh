# lib.sh — shell functions the end-to-end cases share. Sourced by a case
# (. "$TOP/tests/e2e/lib.sh"), never run: run.sh runs cases/*.sh only.
# A case sets $casename to its name (the first word of its PASS/FAIL lines).

# $tmp: a temporary directory, removed when the case exits.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# result NAME STATUS MESSAGE: "PASS $casename NAME" when STATUS is 0, else
# "FAIL $casename NAME: MESSAGE" (use: CONDITION; result NAME $? "why").
result() {
	if [ "$2" -eq 0 ]; then echo "PASS $casename $1"; else echo "FAIL $casename $1: $3"; fi
}

# without PATTERN FILE...: the FILEs (one a line) that do not match the shell
# pattern PATTERN; a path without * ? [ in it matches only itself.
without() {
	pat=$1; shift
	for f in "$@"; do case $f in $pat) ;; *) echo "$f" ;; esac; done
}

# day_hour YYYYMMDDHH: "YYYY-MM-DD HH:00:00" (date -u -d takes it).
day_hour() {
	echo "$1" | sed 's/^\(....\)\(..\)\(..\)\(..\)$/\1-\2-\3 \4:00:00/'
}

# update_hour FILE: day_hour of the hour of update file .../updates.YYYYMMDD.HHMM.*
update_hour() {
	day_hour "$(echo "${1##*updates.}" | sed 's/^\([0-9]\{8\}\)\.\([0-9][0-9]\).*/\1\2/')"
}

# usage_error NAME NEEDLE COMMAND...: COMMAND must exit 2 with exactly one
# line on stderr that holds NEEDLE, and nothing on stdout.
usage_error() {
	name=$1; needle=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"; got=$?
	lines=$(wc -l <"$tmp/err")
	if [ "$got" -ne 2 ]; then echo "FAIL $casename $name: exit $got, want 2"; return; fi
	if [ "$lines" -ne 1 ]; then echo "FAIL $casename $name: $lines lines on stderr, want 1"; return; fi
	if [ -s "$tmp/out" ]; then echo "FAIL $casename $name: wrote to stdout"; return; fi
	if ! grep -qF -- "$needle" "$tmp/err"; then
		echo "FAIL $casename $name: stderr lacks '$needle': $(head -c 200 "$tmp/err")"
		return
	fi
	echo "PASS $casename $name"
}

# same NAME EXPECTED COMMAND...: COMMAND must exit 0, write nothing on
# stderr, and print exactly the file EXPECTED.
same() {
	name=$1; want=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	if [ $rc -ne 0 ]; then echo "FAIL $casename $name: exit $rc: $(head -c 200 "$tmp/err")"; return; fi
	# stderr must be empty, or exactly $want_err when the caller sets it.
	if [ "$(cat "$tmp/err")" != "${want_err:-}" ]; then
		echo "FAIL $casename $name: stderr: $(head -c 200 "$tmp/err")"; return
	fi
	if ! cmp -s "$want" "$tmp/out"; then
		echo "FAIL $casename $name: differs from $(basename "$want"): $(diff "$want" "$tmp/out" | head -4 | tr '\n' ' ')"
		return
	fi
	echo "PASS $casename $name"
}

# have_corpus: sets $corpus to the real archives' folder (the shared
# ../shared/mrt-corpus/test_data); when it is absent, prints a SKIP line
# and is false.
have_corpus() {
	corpus=$TOP/../shared/mrt-corpus/test_data
	[ -d "$corpus" ] && return 0
	echo "SKIP $casename corpus: $corpus is absent (real archives)"
	return 1
}

# nk2014 NEEDED: N is the nk2014 reconstruction (fixtures/nk2014), NK2014 the
# words naming its RIB and update files of both collectors (use:
# eval "set -- $NK2014"), T its targets; the case is skipped when N/NEEDED
# does not exist.
nk2014() {
	N=$TOP/fixtures/nk2014
	if [ ! -e "$N/$1" ]; then echo "SKIP $casename: no fixtures/nk2014"; exit 0; fi
	NK2014='"$N"/route-views2/rib.20141221.0000.bz2 "$N"/route-views2/updates.*.bz2'
	NK2014="$NK2014"' "$N"/rrc00/bview.20141221.0000.gz "$N"/rrc00/updates.*.gz'
	T="--prefix 175.45.176.0/22 --more-specific"
}

# corpus [WHAT]: corpus is the real-archive corpus next to the repository;
# the case is skipped (saying WHAT it holds) when it is absent.
corpus() {
	corpus=$TOP/../shared/mrt-corpus
	if [ ! -d "$corpus/test_data" ]; then
		echo "SKIP $casename: $corpus is absent${1:+ ($1)}"
		exit 0
	fi
}

# incidents: E and S are the egypt2011 and syria2012 reconstructions, ED and
# SD their delegation files; the case is skipped when they are absent.
incidents() {
	E=$TOP/fixtures/egypt2011
	S=$TOP/fixtures/syria2012
	ED=$E/delegated-afrinic-extended-20110126
	SD=$S/delegated-ripencc-extended-20121128
	if [ ! -e "$E/groups.tsv" ] || [ ! -e "$S/groups.tsv" ]; then echo "SKIP $casename: no fixtures"; exit 0; fi
}

# shard_list FILE CHUNK FILE...: a shard list in archives --shards' layout
# (ID, collector, from, to, files; tab-separated) in FILE: each collector's
# files (named COLLECTOR/NAME, in the order given) in stretches of CHUNK
# files (0: all of a collector's files in one shard).
shard_list() {
	list=$1 chunk=$2
	shift 2
	printf '%s\n' "$@" | awk -v chunk="$chunk" -F/ '
	{ c = $(NF - 1) }
	c != prev || (chunk > 0 && n == chunk) { if (line != "") print line; id++; n = 0;
	                                       line = (id - 1) "\t" c "\t-\t-"; prev = c }
	{ line = line "\t" $0; n++ }
	END { if (line != "") print line }' >"$list"
}

# save_shards LIST CMD ARGS...: every shard of $tmp/LIST (lines of
# `archives --shards` or shard_list: ID, COLLECTOR, FROM, TO, FILE...) run as
# its own process with CMD ARGS --save-partial; the partials' names, in
# shard order, go to $tmp/LIST.parts, each shard's stderr to
# $tmp/LIST.ID.err. A shard that fails fails the case (returns 1).
save_shards() {
	list=$1 cmd=$2
	shift 2
	: >"$tmp/$list.parts"
	while IFS= read -r line; do
		id=${line%%	*}
		if ! printf '%s\n' "$line" | cut -f5- | tr '\t' '\n' |
		     xargs "$M" "$cmd" "$@" --save-partial "$tmp/$list.$id.part" 2>"$tmp/$list.$id.err"; then
			echo "FAIL $casename $list: shard $id: $(head -c 200 "$tmp/$list.$id.err")"
			return 1
		fi
		echo "$tmp/$list.$id.part" >>"$tmp/$list.parts"
	done <"$tmp/$list"
}

# same_report NAME FILES PARTS ARGS...: mrtreach ARGS over the files listed
# in FILES (the single run) and over the partials listed in PARTS must print
# the same bytes on standard output and error and exit alike; the single
# run must print something.
same_report() {
	name=$1 files=$2 parts=$3
	shift 3
	# shellcheck disable=SC2046
	"$M" "$@" $(cat "$files") >"$tmp/single" 2>"$tmp/single.err"; rs=$?
	# shellcheck disable=SC2046
	"$M" "$@" $(cat "$parts") >"$tmp/comb" 2>"$tmp/comb.err"; rc=$?
	if [ $rs -ne $rc ]; then echo "FAIL $casename $name: exit $rc, the single run $rs: $(head -c 200 "$tmp/comb.err")"
	elif [ ! -s "$tmp/single" ]; then echo "FAIL $casename $name: the single run printed nothing"
	elif ! cmp -s "$tmp/single" "$tmp/comb"; then
		echo "FAIL $casename $name: differs: $(diff "$tmp/single" "$tmp/comb" | head -4 | tr '\n' ' ')"
	elif ! cmp -s "$tmp/single.err" "$tmp/comb.err"; then
		echo "FAIL $casename $name: stderr differs: $(diff "$tmp/single.err" "$tmp/comb.err" | head -4 | tr '\n' ' ')"
	else echo "PASS $casename $name"; fi
}

# threads_alike NAME RUN ARGS...: RUN N ARGS (mrtreach ARGS on N worker
# threads) with N 1, 2 and 3 gives the same stdout, stderr and exit status.
threads_alike() {
	name=$1 run=$2
	shift 2
	$run 1 "$@" >"$tmp/o1" 2>"$tmp/e1"; r1=$?
	for n in 2 3; do
		$run $n "$@" >"$tmp/on" 2>"$tmp/en"; rn=$?
		if [ $r1 -ne $rn ]; then echo "FAIL $casename $name: exit $rn with $n threads, $r1 with one"; return; fi
		if ! cmp -s "$tmp/o1" "$tmp/on"; then
			echo "FAIL $casename $name: stdout with $n threads differs: $(cmp "$tmp/o1" "$tmp/on" 2>&1 | head -c 200)"; return
		fi
		if ! cmp -s "$tmp/e1" "$tmp/en"; then
			echo "FAIL $casename $name: stderr with $n threads differs: $(diff "$tmp/e1" "$tmp/en" | head -4 | tr '\n' ' ')"; return
		fi
	done
	echo "PASS $casename $name"
}
