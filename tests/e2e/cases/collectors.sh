#!/bin/sh
# collectors: files given twice and collector identity (issue 11.2).
#  - the same file given twice (same path, another path to it, a renamed
#    copy) is read once with one warning each, and the report is exactly
#    that of the files given once;
#  - collector names never depend on how the path was typed (relative
#    path, RIS latest/ folder);
#  - two collectors' files in one folder are reported, never silently
#    merged, and --collector NAME=GLOB names them apart: the report is then
#    exactly that of the archive layout.
M=${MRTREACH:?}
casename=collectors
. "$TOP/tests/e2e/lib.sh"
nk2014 rrc00
eval "set -- $NK2014"

"$M" blackout $T --format tsv "$@" >"$tmp/want" 2>"$tmp/want.err"

# The same path twice, another path to the same file, a renamed copy.
rv=$N/route-views2
cp "$rv/updates.20141222.1600.bz2" "$tmp/renamed.bz2"
"$M" blackout $T --format tsv "$@" "$rv/updates.20141222.1600.bz2" \
	"$rv/../route-views2/updates.20141222.1700.bz2" "$tmp/renamed.bz2" >"$tmp/got" 2>"$tmp/err"
rc=$?
cmp -s "$tmp/want" "$tmp/got"
result twice-same-report $? "report differs from the files given once"
[ $rc -eq 0 ] && [ "$(grep -c 'warning: .*read once' "$tmp/err")" -eq 3 ] &&
	grep -q "renamed.bz2: a copy (same size and bytes) of .*updates.20141222.1600.bz2: read once" "$tmp/err" &&
	grep -q "route-views2/updates.20141222.1700.bz2: the same file as .*: read once" "$tmp/err"
result twice-one-warning-each $? "exit $rc, stderr: $(head -c 300 "$tmp/err")"

# A relative path names the collector by its folder, as a full path does.
(cd "$rv" && "$M" peers --format tsv rib.20141221.0000.bz2 updates.20141221.0000.bz2) >"$tmp/rel"
"$M" peers --format tsv "$rv/rib.20141221.0000.bz2" "$rv/updates.20141221.0000.bz2" >"$tmp/abs"
cmp -s "$tmp/rel" "$tmp/abs" && [ "$(grep -v '^#' "$tmp/rel" | cut -f1 | sort -u)" = route-views2 ]
result relative-path-same-collector $? "$(grep -v '^#' "$tmp/rel" | cut -f1 | sort -u | tr '\n' ' ')"

# The RIS latest/ folder is a layout folder, not a collector.
mkdir -p "$tmp/ris/rrc00/latest"
cp "$N/rrc00/bview.20141221.0000.gz" "$N/rrc00/updates.20141221.0000.gz" "$tmp/ris/rrc00/latest/"
[ "$("$M" peers --format tsv "$tmp"/ris/rrc00/latest/* | grep -v '^#' | cut -f1 | sort -u)" = rrc00 ]
result ris-latest-is-rrc00 $? "collector named otherwise"

# Both collectors in one flat folder: reported (two collector BGP IDs in one
# collector's RIB dumps), never a silent merge.
mkdir -p "$tmp/mixed"
cp "$N"/route-views2/* "$N"/rrc00/* "$tmp/mixed/"
"$M" blackout $T --format tsv "$tmp"/mixed/* >"$tmp/got" 2>"$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
	grep -q "warning: collector 'mixed': its RIB dumps come from 2 collectors (BGP ID 193.0.4.28 in .*bview.20141221.0000.gz, BGP ID 128.223.51.102 in .*rib.20141221.0000.bz2).*--collector" "$tmp/err"
result mixed-folder-reported $? "exit $rc, stderr: $(head -c 300 "$tmp/err")"

# Update files of one collector next to the other's RIB: peers absent from
# the RIB's peer table are reported.
mkdir -p "$tmp/half"
cp "$N"/rrc00/bview.20141221.0000.gz "$N"/route-views2/updates.20141221.0*.bz2 "$tmp/half/"
"$M" stats "$tmp"/half/* >/dev/null 2>"$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] &&
	grep -q "warning: collector 'half': 10 of the 10 peers in its update files are in none of its RIB dumps' peer tables (first: .* in .*updates.20141221.0000.bz2)" "$tmp/err"
result update-peers-absent-from-rib-reported $? "exit $rc, stderr: $(head -c 300 "$tmp/err")"

# --collector names them apart: the report of the archive layout, no warning.
"$M" blackout $T --format tsv --collector rrc00='*.gz' --collector route-views2='mixed/*.bz2' \
	"$tmp"/mixed/* >"$tmp/got" 2>"$tmp/err"; rc=$?
[ $rc -eq 0 ] && [ ! -s "$tmp/err" ] && cmp -s "$tmp/want" "$tmp/got"
result collector-option-separates $? "exit $rc, stderr: $(head -c 300 "$tmp/err")"
"$M" peers --format tsv --collector rrc00='*.gz' --collector route-views2='*.bz2' "$tmp"/mixed/* >"$tmp/got"
"$M" peers --format tsv "$@" >"$tmp/want.peers"
cmp -s "$tmp/want.peers" "$tmp/got"
result collector-option-peers $? "peers differ from the archive layout"

usage_error collector-matches-nothing "--collector rrc00=*.mrt: matches no input file" \
	"$M" stats --collector 'rrc00=*.mrt' "$N"/rrc00/updates.20141221.0000.gz
usage_error collector-bad-spec "want NAME=GLOB" \
	"$M" dump --collector rrc00 "$N"/rrc00/updates.20141221.0000.gz
usage_error collector-needs-value "needs a value" "$M" blackout $T --collector
