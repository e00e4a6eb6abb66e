#!/bin/sh
# The documented shard workflow end to end (issue 17.3): `mrtreach archives
# --shards` prints the shard lines for the files at hand (a --listing of
# each collector's folder, --into the folder that holds them), each shard
# runs as its own process (contrib/shards/mrtreach-shard: --save-partial),
# mrtreach-combine combines the partials: byte for byte the single run over
# the same files. For fixtures/nk2014 as it lies (COLLECTOR/NAME), the same
# files linked into the archives' own layout (bgpdata/YYYY.MM/RIBS, ...), and
# fixtures/syria2012 (two collectors too, other targets).
M=$MRTREACH
casename=shards
. "$TOP/tests/e2e/lib.sh"
nk2014 windows.tsv
S=$TOP/contrib/shards

# listings DIR: plain listings of DIR's two collectors' folders, as
# --listing options in $LISTINGS.
listings() {
	LISTINGS=
	for c in route-views2 rrc00; do
		ls "$1/$c" >"$tmp/$c.list"
		LISTINGS="$LISTINGS --listing $c=$tmp/$c.list"
	done
}

# workflow NAME LIST COMMAND TARGETS...: every shard of LIST run with
# mrtreach-shard, combined with mrtreach-combine, compared with the single
# run over LIST's files in LIST's order.
workflow() {
	name=$1 list=$2 cmd=$3
	shift 3
	n=$(awk 'END { print NR }' "$list")
	cut -f5- "$list" | tr '\t' '\n' >"$tmp/$name.files"
	nf=$(wc -l <"$tmp/$name.files")
	if [ "$n" -lt 2 ] || [ "$nf" -ne "$want_files" ]; then
		echo "FAIL $casename $name: $n shards, $nf files (want 2 or more, $want_files)"; return
	fi
	missing=$(while IFS= read -r f; do [ -f "$f" ] || echo "$f"; done <"$tmp/$name.files" | head -2)
	if [ -n "$missing" ]; then echo "FAIL $casename $name: no such file: $missing"; return; fi
	k=0
	while [ "$k" -lt "$n" ]; do
		if ! MRTREACH=$M "$S/mrtreach-shard" "$list" "$k" "$tmp/$name.out" "$cmd" "$@" 2>"$tmp/err"; then
			echo "FAIL $casename $name: shard $k: $(head -c 200 "$tmp/err")"; return
		fi
		k=$((k + 1))
	done
	# shellcheck disable=SC2046
	"$M" "$cmd" "$@" $(cat "$tmp/$name.files") >"$tmp/single" 2>/dev/null; rs=$?
	MRTREACH=$M "$S/mrtreach-combine" "$list" "$tmp/$name.out" "$cmd" "$@" >"$tmp/comb" 2>"$tmp/err"; rc=$?
	if [ $rs -ne $rc ]; then echo "FAIL $casename $name: exit $rc, the single run $rs: $(head -c 200 "$tmp/err")"
	elif [ ! -s "$tmp/single" ]; then echo "FAIL $casename $name: the single run printed nothing"
	elif ! cmp -s "$tmp/single" "$tmp/comb"; then
		echo "FAIL $casename $name: differs: $(diff "$tmp/single" "$tmp/comb" | head -4 | tr '\n' ' ')"
	else echo "PASS $casename $name ($n shards)"; fi
}

W="--collector route-views2,rrc00 --start 2014-12-21 --end 2014-12-23T06:00"
want_files=110
listings "$N"
# shellcheck disable=SC2086
"$M" archives $W $LISTINGS --shards rib --into "$N" >"$tmp/nk-rib" 2>/dev/null
# shellcheck disable=SC2086
"$M" archives $W $LISTINGS --shards collector --into "$N" >"$tmp/nk-col" 2>/dev/null
workflow nk2014-rib "$tmp/nk-rib" blackout $T
workflow nk2014-collector "$tmp/nk-col" timeline $T

# The archives' own layout: where `--format curl --into DIR` puts the files
# (the shard lines name them there before they exist), linked to the
# fixture's; the shard lines then name them there.
# shellcheck disable=SC2086
"$M" archives $W $LISTINGS --shards rib --into "$tmp/arch" 2>/dev/null | cut -f2,5- |
while IFS= read -r line; do
	c=${line%%	*}
	printf '%s\n' "$line" | cut -f2- | tr '\t' '\n' | while IFS= read -r f; do
		mkdir -p "$(dirname "$f")" && ln -s "$N/$c/$(basename "$f")" "$f"
	done
done
# shellcheck disable=SC2086
"$M" archives $W $LISTINGS --shards rib --into "$tmp/arch" >"$tmp/arch-rib" 2>/dev/null
workflow archive-layout "$tmp/arch-rib" origins $T

Y=$TOP/fixtures/syria2012
if [ -d "$Y/rrc00" ]; then
	want_files=$(ls "$Y/route-views2" "$Y/rrc00" | grep -c '\.\(bz2\|gz\)$')
	listings "$Y"
	# shellcheck disable=SC2086
	"$M" archives --collector route-views2,rrc00 --start 2012-11-28 --end 2012-12-02 $LISTINGS \
		--shards rib --into "$Y" >"$tmp/sy-rib" 2>/dev/null
	workflow syria2012-rib "$tmp/sy-rib" blackout --country SY --delegations "$Y/delegated-ripencc-extended-20121128"
fi
