#!/bin/sh
# archives: the recipes of docs/incidents.md give exactly the files in
# tests/e2e/expected/archives/ (checked by hand against the archives'
# documented layouts: RouteViews 2-hourly RIBs and 15-minute updates under
# bgpdata/, RIS 8-hourly bviews and 5-minute updates); every output format;
# shards; --check on trees built from fixtures/nk2014 copies with files
# removed, cut and not MRT, in three layouts; the command-line contract.
M=$MRTREACH
casename=archives
. "$TOP/tests/e2e/lib.sh"
X=$TOP/tests/e2e/expected/archives

check() {  # name, condition (shell), message
	if eval "$2"; then echo "PASS archives $1"; else echo "FAIL archives $1: $3"; fi
}

# ---- the recipes of docs/incidents.md --------------------------------------
# Each 'mrtreach archives ... --format curl --into DIR | curl -K -' line, run
# as '--format urls' (the same files, shorter to compare), in a directory
# holding the saved listings the YouTube recipe names.
cp "$X"/rv2-2008.02-*.html "$tmp/"
grep '^mrtreach archives .* --format curl --into [^ ]* | curl -K -$' "$TOP/docs/incidents.md" >"$tmp/recipes"
n=$(wc -l <"$tmp/recipes")
check recipes-found '[ "$n" -eq 9 ]' "found $n archives lines in docs/incidents.md, want 9"
while read -r line; do
	into=$(printf '%s\n' "$line" | sed 's/.*--into \([^ ]*\) .*/\1/')
	args=$(printf '%s\n' "$line" | sed 's/^mrtreach archives //; s/ --format curl --into [^ ]* | curl -K -$//')
	# shellcheck disable=SC2086
	(cd "$tmp" && "$M" archives $args --format urls >"$tmp/out" 2>"$tmp/err"); rc=$?
	if [ $rc -ne 0 ] || [ -s "$tmp/err" ]; then
		echo "FAIL archives recipe-$into: exit $rc: $(head -c 300 "$tmp/err")"
	elif ! cmp -s "$X/$into.urls" "$tmp/out"; then
		echo "FAIL archives recipe-$into: differs from $into.urls: $(diff "$X/$into.urls" "$tmp/out" | head -4 | tr '\n' ' ')"
	else
		echo "PASS archives recipe-$into"
	fi
done <"$tmp/recipes"

# The YouTube recipe without its listings: nominal names, and a warning
# that says so (route-views2's drifting minutes of Feb 2008).
"$M" archives --collector route-views2 --start 2008-02-24T16:00 --end 2008-02-24T17:00 >"$tmp/out" 2>"$tmp/err"; rc=$?
check nominal-names-warn '[ $rc -eq 0 ] && grep -q "irregular minutes.*--listing" "$tmp/err" && grep -q "updates.20080224.1645.bz2" "$tmp/out"' \
	"exit $rc, stderr $(head -c 200 "$tmp/err")"

# ---- formats ----------------------------------------------------------------
W="--collector route-views2,rrc00 --start 2014-12-22T16:00 --end 2014-12-22T16:30"
# shellcheck disable=SC2086
same format-urls "$X/nk-1600.urls" "$M" archives $W
# shellcheck disable=SC2086
same format-curl "$X/nk-1600.curl" "$M" archives $W --format curl --into nk
# shellcheck disable=SC2086
same format-bgpstream "$X/nk-1600.csv" "$M" archives $W --format bgpstream --into nk
# shellcheck disable=SC2086
same format-json "$X/nk-1600.json" "$M" archives $W --format json
# shellcheck disable=SC2086
same ribs-only "$X/nk-1600.ribs" "$M" archives $W --ribs-only
# shellcheck disable=SC2086
same shards-rib "$X/nk-shards-rib.tsv" "$M" archives --collector route-views2,rrc00 \
	--start 2014-12-22T16:00 --end 2014-12-22T20:00 --shards rib --into nk
# shellcheck disable=SC2086
same shards-collector "$X/nk-shards-collector.tsv" "$M" archives --collector route-views2,rrc00 \
	--start 2014-12-22T16:00 --end 2014-12-22T17:00 --shards collector
same list "$X/catalogue.tsv" "$M" archives --list

# A date alone for --end is that whole day: 288 five-minute files.
n=$("$M" archives --collector rrc00 --updates-only --start 2014-12-22 --end 2014-12-22 | wc -l)
check end-date-is-whole-day '[ "$n" -eq 288 ]' "got $n files, want 288"
n=$("$M" archives --collector route-views2 --project routeviews --start 2014-12-22 --end 2014-12-23 | wc -l)
check end-date-includes-its-day '[ "$n" -eq 193 ]' "got $n files, want 193 (1 RIB + 2 days of 96 updates)"
n=$("$M" archives --collector route-views2 --start 2014-12-22 --end 2014-12-23T00:00 | wc -l)
check end-time-excluded '[ "$n" -eq 97 ]' "got $n files, want 97 (1 RIB + 96 updates)"
# --project alone: every collector of it active then, RIS only (rrc00, 01,
# 03-07, 10-16 in December 2014).
"$M" archives --project ris --start 2014-12-22T16:00 --end 2014-12-22T16:05 --ribs-only >"$tmp/out" 2>"$tmp/err"
check project-alone '[ "$(wc -l <"$tmp/out")" -eq 14 ] && ! grep -q -e routeviews -e rrc02 -e rrc17 "$tmp/out"' \
	"$(wc -l <"$tmp/out") RIBs: $(head -c 200 "$tmp/out")"

# ---- --check ------------------------------------------------------------------
# The files of [2014-12-21 00:00, 00:30) for both collectors, made from the
# hourly nk2014 fixtures (their names match the catalogue's; 15- and 5-minute
# update names get copies of the hour's file).
nk2014 rrc00
C="--collector route-views2,rrc00 --start 2014-12-21T00:00 --end 2014-12-21T00:30"
build_tree() {  # DIR, layout: archive | flat | loose
	rm -rf "$1"
	# shellcheck disable=SC2086
	"$M" archives $C --format json | sed 's/.*"collector":"\([^"]*\)".*"name":"\([^"]*\)".*"path":"\([^"]*\)".*/\1 \2 \3/' |
	while read -r col name path; do
		case $name in
		rib.*|bview.*) src=$N/$col/$name ;;
		*.bz2) src=$N/$col/updates.20141221.0000.bz2 ;;
		*) src=$N/$col/updates.20141221.0000.gz ;;
		esac
		case $2 in
		archive) dst=$1/$path ;;
		flat) dst=$1/$col/$name ;;
		loose) dst=$1/$name ;;
		esac
		mkdir -p "$(dirname "$dst")" && cp "$src" "$dst"
	done
}
for layout in archive flat loose; do
	build_tree "$tmp/$layout" $layout
	# shellcheck disable=SC2086
	"$M" archives $C --check "$tmp/$layout" >"$tmp/out" 2>"$tmp/err"; rc=$?
	check "check-whole-$layout" '[ $rc -eq 0 ] && [ ! -s "$tmp/out" ] && [ ! -s "$tmp/err" ]' \
		"exit $rc, stdout $(head -c 200 "$tmp/out"), stderr $(head -c 200 "$tmp/err")"
done
T=$tmp/flat
rm "$T/rrc00/updates.20141221.0010.gz"
head -c 2000 "$N/rrc00/updates.20141221.0000.gz" >"$T/rrc00/updates.20141221.0015.gz"
head -c 3000 "$N/route-views2/updates.20141221.0000.bz2" >"$T/route-views2/updates.20141221.0015.bz2"
printf 'not an MRT file, but compressed\n' | gzip -c >"$T/rrc00/bview.20141221.0000.gz"
# shellcheck disable=SC2086
"$M" archives $C --check "$T" >"$tmp/out" 2>"$tmp/err"; rc=$?
check check-exit-1 '[ $rc -eq 1 ]' "exit $rc"
check check-one-line-per-file '[ "$(grep -c "archives: missing: " "$tmp/err")" -eq 1 ] && [ "$(grep -c "archives: cut: " "$tmp/err")" -eq 3 ]' \
	"stderr: $(cat "$tmp/err")"
check check-says-why 'grep -q "cut: .*rrc00/updates.20141221.0015.gz: cut or damaged" "$tmp/err" && grep -q "bview.20141221.0000.gz: the first MRT header" "$tmp/err" && grep -q "missing: rrc00 updates.20141221.0010.gz" "$tmp/err"' \
	"stderr: $(cat "$tmp/err")"
check check-summary 'grep -q "10 files needed: 6 present, 1 missing, 3 cut" "$tmp/err"' "stderr: $(tail -1 "$tmp/err")"
sed "s|$T|TREE|" "$tmp/out" >"$tmp/out2"
check check-lists-what-to-fetch 'printf "%s\n" https://archive.routeviews.org/bgpdata/2014.12/UPDATES/updates.20141221.0015.bz2 https://data.ris.ripe.net/rrc00/2014.12/bview.20141221.0000.gz https://data.ris.ripe.net/rrc00/2014.12/updates.20141221.0010.gz https://data.ris.ripe.net/rrc00/2014.12/updates.20141221.0015.gz | cmp -s - "$tmp/out2"' \
	"stdout: $(cat "$tmp/out2")"
# The curl config refetches cut files in place and missing ones into the
# archive layout under the checked tree.
# shellcheck disable=SC2086
"$M" archives $C --check "$T" --format curl 2>/dev/null | sed "s|$T|TREE|" >"$tmp/out"
check check-curl-paths 'grep -qx "output = \"TREE/rrc00/updates.20141221.0015.gz\"" "$tmp/out" && grep -qx "output = \"TREE/rrc00/2014.12/updates.20141221.0010.gz\"" "$tmp/out" && [ "$(grep -c "^url = " "$tmp/out")" -eq 4 ]' \
	"$(cat "$tmp/out")"
# A loose file of a name two collectors need belongs to neither.
mkdir -p "$tmp/two" && cp "$N/route-views2/rib.20141221.0000.bz2" "$tmp/two/"
"$M" archives --collector route-views2,route-views.linx --start 2014-12-21T00:00 --end 2014-12-21T00:10 \
	--ribs-only --check "$tmp/two" >"$tmp/out" 2>"$tmp/err"; rc=$?
check check-loose-ambiguous '[ $rc -eq 1 ] && [ "$(wc -l <"$tmp/out")" -eq 2 ]' "exit $rc: $(cat "$tmp/out")"

# ---- the command line ---------------------------------------------------------
usage_error unknown-collector "'route-views99': not in the catalogue" "$M" archives --collector route-views99 --start 2014-12-22 --end 2014-12-23
usage_error no-rrc17 "RIS never had an rrc17" "$M" archives --collector rrc17 --start 2014-12-22 --end 2014-12-23
usage_error bad-start "--start 'yesterday': not a time" "$M" archives --collector rrc00 --start yesterday --end 2014-12-23
usage_error bad-end "--end '2014-13-01': not a time" "$M" archives --collector rrc00 --start 2014-12-22 --end 2014-13-01
usage_error no-end "--end is missing" "$M" archives --collector rrc00 --start 2014-12-22
usage_error no-collector "no collector given" "$M" archives --start 2014-12-22 --end 2014-12-23
usage_error empty-window "--end must be after --start" "$M" archives --collector rrc00 --start 2014-12-22T16:00 --end 2014-12-22T16:00
usage_error bad-format "--format 'text': expected urls, curl, bgpstream or json" "$M" archives --collector rrc00 --start 2014-12-22 --end 2014-12-23 --format text
usage_error bad-project "--project 'pch': expected routeviews or ris" "$M" archives --project pch --start 2014-12-22 --end 2014-12-23
usage_error wrong-project "'rrc00' is not a routeviews collector" "$M" archives --collector rrc00 --project routeviews --start 2014-12-22 --end 2014-12-23
usage_error only-both "--ribs-only and --updates-only exclude each other" "$M" archives --collector rrc00 --start 2014-12-22 --end 2014-12-23 --ribs-only --updates-only
usage_error bad-shards "--shards 'day': expected collector or rib" "$M" archives --collector rrc00 --start 2014-12-22 --end 2014-12-23 --shards day
usage_error check-not-dir "--check '$tmp/none': cannot open it" "$M" archives --collector rrc00 --start 2014-12-22 --end 2014-12-23 --check "$tmp/none"
usage_error listing-unreadable "--listing '$tmp/none': cannot read it" "$M" archives --collector rrc00 --start 2014-12-22 --end 2014-12-23 --listing "$tmp/none"
: >"$tmp/empty.html"
usage_error listing-no-names "no RouteViews or RIS file names in it" "$M" archives --collector rrc00 --start 2014-12-22 --end 2014-12-23 --listing "$tmp/empty.html"
usage_error unknown-option "unknown option '--frobnicate'" "$M" archives --frobnicate
# A decommissioned collector after its end: said, and nothing to list is an error.
"$M" archives --collector rrc02 --start 2014-12-22 --end 2014-12-23 >"$tmp/out" 2>"$tmp/err"; rc=$?
check decommissioned '[ $rc -eq 2 ] && grep -q "rrc02: no files after 2008-11-01 00:00 (collector decommissioned)" "$tmp/err" && [ ! -s "$tmp/out" ]' \
	"exit $rc: $(cat "$tmp/err")"
"$M" archives --help >"$tmp/out"; rc=$?
check help '[ $rc -eq 0 ] && grep -q "usage: mrtreach archives" "$tmp/out"' "exit $rc"
