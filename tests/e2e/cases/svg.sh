#!/bin/sh
# --svg: the chart of the nk2014 demo is exactly as expected (tests/e2e/
# expected/svg), well-formed XML, self-contained,
# labels the 9h31m outage, renders to a non-blank picture in headless
# Chromium (SKIP without it), and leaves the normal output as it was.
# Also the sparkline: only on a terminal or with --sparkline.
M=$MRTREACH
casename=svg
. "$TOP/tests/e2e/lib.sh"
nk2014 README.md
eval "set -- $NK2014"

"$M" blackout $T "$@" >"$tmp/plain" 2>&1
"$M" blackout $T --svg "$tmp/bo.svg" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -ne 0 ] || [ -s "$tmp/err" ]; then
	echo "FAIL svg blackout-writes: exit $rc: $(head -c 200 "$tmp/err")"
elif ! cmp -s "$tmp/plain" "$tmp/out"; then
	echo "FAIL svg stdout-unchanged: $(diff "$tmp/plain" "$tmp/out" | head -3 | tr '\n' ' ')"
else
	echo "PASS svg stdout-unchanged"
fi

if grep -q '>9h31m blackout<' "$tmp/bo.svg" && grep -q '>Dec 22 16:15 ' "$tmp/bo.svg" &&
   grep -q '>Dec 23 01:46 UTC<' "$tmp/bo.svg"; then
	echo "PASS svg outage-label"
else
	echo "FAIL svg outage-label: no '9h31m blackout' label with its start and end"
fi
if grep -q 'viewBox="0 0 1200 ' "$tmp/bo.svg" && grep -q '<title>Visibility of 175.45.176.0/22' "$tmp/bo.svg" &&
   grep -q 'route-views2, rrc00' "$tmp/bo.svg" && grep -q 'at least half of the full-feed' "$tmp/bo.svg"; then
	echo "PASS svg title"
else
	echo "FAIL svg title: viewBox, targets, collectors or rule missing"
fi
# Self-contained: no scripts, no links, no external resources (url() only
# names the chart's own hatch patterns).
if grep -qiE '<script|href=|url\([^#]|@import|<image|<foreignObject' "$tmp/bo.svg"; then
	echo "FAIL svg self-contained: $(grep -ioE '<script|href=|url\([^#]|@import|<image|<foreignObject' "$tmp/bo.svg" | head -1)"
else
	echo "PASS svg self-contained"
fi

# The whole chart of the nk2014 demo, exactly (run from the top with
# relative paths, so the source line's command is the same everywhere).
# --svg - writes it to standard output, and the report is not written.
nk_rel() {
	( cd "$TOP" && eval "set -- $(printf '%s' "$NK2014" | sed 's|"\$N"|fixtures/nk2014|g')" &&
	  "$M" blackout $T "$@" --svg - )
}
same nk2014-chart "$TOP/tests/e2e/expected/svg/nk2014.svg" nk_rel
nk_rel >"$tmp/dash.svg" 2>/dev/null
if cmp -s "$tmp/dash.svg" "$TOP/tests/e2e/expected/svg/nk2014.svg" && ! grep -q 'windows of total blackout (no target' "$tmp/dash.svg"; then
	echo "PASS svg dash-is-stdout-without-report"
else
	echo "FAIL svg dash-is-stdout-without-report"
fi
# A reader that stops early (| head) ends the chart quietly, as the report.
"$M" blackout $T --svg - "$@" 2>"$tmp/err" | head -c 10 >/dev/null
if grep -q 'cannot write' "$tmp/err"; then echo "FAIL svg dash-into-head: $(head -c 200 "$tmp/err")"
else echo "PASS svg dash-into-head"; fi
if [ ! -e ./- ] && [ ! -e "$TOP/-" ]; then echo "PASS svg dash-writes-no-file"; else echo "FAIL svg dash-writes-no-file"; fi

# A chart that cannot be written says why (exit 1, as for a damaged run).
"$M" blackout $T --svg /dev/full "$@" >/dev/null 2>"$tmp/err"; rc=$?
if [ $rc -eq 1 ] && grep -q '/dev/full: cannot write the chart: No space left on device' "$tmp/err"; then
	echo "PASS svg dev-full-says-why"
else
	echo "FAIL svg dev-full-says-why: exit $rc: $(head -c 200 "$tmp/err")"
fi

# A target absent from the data: the chart says so, no flat zero line
# captioned "no total blackout".
"$M" blackout --prefix 175.45.176.0/22 --svg "$tmp/absent.svg" "$@" >"$tmp/out" 2>/dev/null
if grep -q '175.45.176.0/22: absent from the data<' "$tmp/absent.svg" &&
   ! grep -q 'no window of total blackout' "$tmp/absent.svg" && ! grep -q 'stroke-linejoin="round"' "$tmp/absent.svg" &&
   grep -q 'nothing to report' "$tmp/out"; then
	echo "PASS svg absent-target"
else
	echo "FAIL svg absent-target: $(grep -o 'Data [^<]*' "$tmp/absent.svg")"
fi

# Missing data (both collectors' 01:00 update files left out): one
# cross-hatched band naming both, as the warning does.
rest=$(for f in "$@"; do case $f in *20141223.0100*) ;; *) echo "$f" ;; esac; done)
# shellcheck disable=SC2086
"$M" blackout $T --svg "$tmp/gap.svg" $rest >/dev/null 2>&1
if [ "$(grep -c 'fill="url(#mrtreach-gap)"><title>' "$tmp/gap.svg")" -eq 1 ] &&
   grep -q '<title>missing data: route-views2, rrc00, Dec 23 01:00 to Dec 23 02:00 UTC (update files missing)</title>' "$tmp/gap.svg" &&
   grep -q '>no data: route-views2, rrc00</text>' "$tmp/gap.svg"; then
	echo "PASS svg missing-data-band"
else
	echo "FAIL svg missing-data-band: $(grep -o '<title>missing[^<]*' "$tmp/gap.svg" | head -2 | tr '\n' ' ')"
fi

# A long target list: every prefix in the title, wrapped, none cut to
# "and 8 more" (the text report still names four).
for i in 0 1 2 3 4 5 6 7 8 9 10 11; do echo "10.$i.0.0/16"; done >"$tmp/list"
echo 175.45.176.0/22 >>"$tmp/list"
"$M" blackout --prefixes "$tmp/list" --more-specific --svg "$tmp/list.svg" "$@" >"$tmp/out" 2>/dev/null
if grep -q 'font-size="20" font-weight="bold" fill="#222222">[^<]*175.45.176.0/22' "$tmp/list.svg" && ! grep -q '/[0-9]* and [0-9]* more' "$tmp/list.svg" &&
   [ "$(grep -c 'font-size="20" font-weight="bold"' "$tmp/list.svg")" -ge 2 ] && grep -q 'and 9 more' "$tmp/out"; then
	echo "PASS svg long-target-list-wrapped"
else
	echo "FAIL svg long-target-list-wrapped: $(grep 'font-size="20"' "$tmp/list.svg" | head -3 | tr '\n' ' ')"
fi

# Size options: validated (exit 2), and they shape the canvas.
usage_error svg-width-range "--svg-width '100': want a width in pixels, 480 to 20000" "$M" blackout $T --svg "$tmp/x.svg" --svg-width 100 "$@"
usage_error svg-height-number "--svg-height 'tall'" "$M" blackout $T --svg "$tmp/x.svg" --svg-height tall "$@"
usage_error font-scale-range "--font-scale '9': want a factor from 0.5 to 4" "$M" blackout $T --svg "$tmp/x.svg" --font-scale 9 "$@"
usage_error size-needs-svg "give --svg FILE" "$M" blackout $T --font-scale 2 "$@"
usage_error dash-and-sparkline "--svg - and --sparkline exclude each other" "$M" blackout $T --svg - --sparkline "$@"
"$M" blackout $T --svg "$tmp/big.svg" --svg-width 1600 --svg-height 1000 --font-scale 1.25 "$@" >/dev/null 2>&1
if grep -q 'viewBox="0 0 1600 1000"' "$tmp/big.svg" && grep -q 'font-size="25" font-weight="bold"' "$tmp/big.svg"; then
	echo "PASS svg size-options"
else
	echo "FAIL svg size-options: $(grep -o 'viewBox="[^"]*"' "$tmp/big.svg")"
fi

# timeline --svg: the same outage from the changes.
"$M" timeline $T --format tsv --svg "$tmp/tl.svg" "$@" >"$tmp/tl.tsv" 2>"$tmp/err"; rc=$?
"$M" timeline $T --format tsv "$@" >"$tmp/tl-plain.tsv" 2>/dev/null
if [ $rc -eq 0 ] && grep -q '>9h31m blackout<' "$tmp/tl.svg" && cmp -s "$tmp/tl.tsv" "$tmp/tl-plain.tsv"; then
	echo "PASS svg timeline"
else
	echo "FAIL svg timeline: exit $rc, label or unchanged tsv missing"
fi

# Collector names come from paths: markup in them is escaped.
mkdir -p "$tmp/a<b&c"
cp "$N"/rrc00/bview.20141221.0000.gz "$N"/rrc00/updates.20141222.1*.gz "$tmp/a<b&c/"
"$M" blackout $T --svg "$tmp/esc.svg" "$tmp/a<b&c"/*.gz >/dev/null 2>&1
if grep -q 'a&lt;b&amp;c' "$tmp/esc.svg" && ! grep -q 'a<b&c' "$tmp/esc.svg"; then
	echo "PASS svg escapes-collector"
else
	echo "FAIL svg escapes-collector"
fi

# An unwritable chart path is a usage error before the run.
"$M" blackout $T --svg "$tmp/no/such/dir/x.svg" "$@" >/dev/null 2>"$tmp/err"; rc=$?
if [ $rc -eq 2 ] && grep -q -- '--svg' "$tmp/err"; then
	echo "PASS svg unwritable-path"
else
	echo "FAIL svg unwritable-path: exit $rc: $(head -c 200 "$tmp/err")"
fi

# Sparkline: not into a pipe; --sparkline forces it; --no-sparkline never
# (both together are a usage error since issue 15: no "last one wins").
"$M" blackout $T --sparkline "$@" >"$tmp/spark" 2>/dev/null
last=$(tail -n 1 "$tmp/spark")
case $last in
"Dec 21 00:00 "*" Dec 23 05:59 UTC")
	if grep -q '^Dec 21 00:00 ' "$tmp/plain"; then
		echo "FAIL svg sparkline: printed into a pipe without --sparkline"
	else
		echo "PASS svg sparkline"
	fi ;;
*) echo "FAIL svg sparkline: last line '$last'" ;;
esac
"$M" blackout $T --no-sparkline "$@" >"$tmp/nospark" 2>/dev/null
if cmp -s "$tmp/plain" "$tmp/nospark"; then echo "PASS svg no-sparkline"; else echo "FAIL svg no-sparkline"; fi

if command -v python3 >/dev/null 2>&1; then
	if python3 -c 'import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1]); xml.dom.minidom.parse(sys.argv[2]); xml.dom.minidom.parse(sys.argv[3])' \
	       "$tmp/bo.svg" "$tmp/tl.svg" "$tmp/esc.svg" 2>"$tmp/err"; then
		echo "PASS svg well-formed-xml"
	else
		echo "FAIL svg well-formed-xml: $(tail -n 1 "$tmp/err")"
	fi
else
	echo "SKIP svg well-formed-xml: no python3"
fi

# Rendering: Chromium draws it; the picture must have many colours (text,
# lines, shading), not one blank page.
chrome=""
for c in chromium chromium-browser google-chrome; do
	if command -v "$c" >/dev/null 2>&1; then chrome=$c; break; fi
done
if [ -z "$chrome" ]; then
	echo "SKIP svg renders: no chromium"
elif ! command -v python3 >/dev/null 2>&1; then
	echo "SKIP svg renders: no python3 to read the PNG"
else
	( cd "$tmp" && timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	    --disable-background-networking --disable-component-update --disable-sync \
	    --user-data-dir="$tmp/profile" --screenshot="$tmp/out.png" --window-size=1200,600 \
	    "file://$tmp/bo.svg" >/dev/null 2>&1 )
	colours=$(python3 "$TOP/tests/e2e/svg_panels.py" colours "$tmp/out.png" 2>&1)
	case $colours in
	''|*[!0-9]*) echo "FAIL svg renders: $(printf '%s' "$colours" | tail -n 1)" ;;
	*) if [ "$colours" -gt 50 ]; then echo "PASS svg renders ($colours colours)"
	   else echo "FAIL svg renders: only $colours colours (blank?)"; fi ;;
	esac
	# The new parts as drawn: the chart of the demo rendered at its own
	# size; where the SVG puts the vantage point panel, the strip of short
	# windows and the hatched 9h31m window, the picture must show them.
	exp="$TOP/tests/e2e/expected/svg/nk2014.svg"
	size=$(sed -n 's/.*viewBox="0 0 \([0-9]*\) \([0-9]*\)".*/\1,\2/p' "$exp" | head -n 1)
	cp "$exp" "$tmp/panels.svg"
	( cd "$tmp" && timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	    --disable-background-networking --disable-component-update --disable-sync \
	    --user-data-dir="$tmp/profile" --screenshot="$tmp/panels.png" --window-size="$size" \
	    --force-device-scale-factor=1 --hide-scrollbars "file://$tmp/panels.svg" >/dev/null 2>&1 )
	panels=$(python3 "$TOP/tests/e2e/svg_panels.py" panels "$tmp/panels.svg" "$tmp/panels.png" 2>&1)
	case $panels in
	ok*) echo "PASS svg renders-panels ($panels)" ;;
	*) echo "FAIL svg renders-panels: $(printf '%s' "$panels" | tail -n 1)" ;;
	esac
fi

# --below: the chart draws the visible share and the threshold line, and
# names the windows by the threshold.
"$M" blackout $T --below 0.6 --svg "$tmp/below.svg" "$@" >/dev/null 2>"$tmp/err"
if grep -q 'stroke="#7b3fa0" stroke-width="1" stroke-dasharray="6 4"' "$tmp/below.svg" &&
   grep -q '>60%<' "$tmp/below.svg" && grep -q 'windows\{0,1\} of share below 60% (hatched)' "$tmp/below.svg" &&
   grep -q '>visible share (0 to 100%, dashed: threshold)<' "$tmp/below.svg"; then
	echo "PASS svg below-share-and-threshold"
else
	echo "FAIL svg below-share-and-threshold: $(grep -o 'Data [^<]*' "$tmp/below.svg")"
fi
if ! grep -q '#7b3fa0' "$tmp/bo.svg"; then echo "PASS svg no-share-without-below"
else echo "FAIL svg no-share-without-below"; fi
