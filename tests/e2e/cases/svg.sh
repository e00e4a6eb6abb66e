#!/bin/sh
# --svg: the chart of the nk2014 demo is well-formed XML, self-contained,
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
if grep -q 'viewBox="0 0 1200 500"' "$tmp/bo.svg" && grep -q '<title>Visibility of 175.45.176.0/22' "$tmp/bo.svg" &&
   grep -q 'route-views2, rrc00' "$tmp/bo.svg" && grep -q 'at least half of the full-feed' "$tmp/bo.svg"; then
	echo "PASS svg title"
else
	echo "FAIL svg title: viewBox, targets, collectors or rule missing"
fi
# Self-contained: no scripts, no links, no external resources.
if grep -qiE '<script|href=|url\(|@import|<image|<foreignObject' "$tmp/bo.svg"; then
	echo "FAIL svg self-contained: $(grep -ioE '<script|href=|url\(|@import|<image|<foreignObject' "$tmp/bo.svg" | head -1)"
else
	echo "PASS svg self-contained"
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
	colours=$(python3 - "$tmp/out.png" <<'EOF' 2>&1
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, hdr = 8, b'', None
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        hdr = struct.unpack('>IIBBBBB', body)
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
w, h, depth, ctype = hdr[0], hdr[1], hdr[2], hdr[3]
assert depth == 8 and ctype in (2, 6), 'unexpected PNG type'
bpp = 3 if ctype == 2 else 4
raw, stride = zlib.decompress(idat), w * bpp
prev, colours, i = bytearray(stride), set(), 0
for y in range(h):
    f, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
    i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b, c = prev[x], (prev[x - bpp] if x >= bpp else 0)
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp * 2):
        colours.add(bytes(line[x:x + 3]))
    prev = line
print(len(colours))
EOF
)
	case $colours in
	''|*[!0-9]*) echo "FAIL svg renders: $(printf '%s' "$colours" | tail -n 1)" ;;
	*) if [ "$colours" -gt 50 ]; then echo "PASS svg renders ($colours colours)"
	   else echo "FAIL svg renders: only $colours colours (blank?)"; fi ;;
	esac
fi

# --below: the chart draws the visible share and the threshold line, and
# names the windows by the threshold.
"$M" blackout $T --below 0.6 --svg "$tmp/below.svg" "$@" >/dev/null 2>"$tmp/err"
if grep -q 'stroke="#7b3fa0" stroke-width="1" stroke-dasharray="6 4"' "$tmp/below.svg" &&
   grep -q '>60%<' "$tmp/below.svg" && grep -q 'windows\{0,1\} of share below 60% (shaded)' "$tmp/below.svg" &&
   grep -q '>visible share (0 to 100%, dashed: threshold)<' "$tmp/below.svg"; then
	echo "PASS svg below-share-and-threshold"
else
	echo "FAIL svg below-share-and-threshold: $(grep -o 'Data [^<]*' "$tmp/below.svg")"
fi
if ! grep -q '#7b3fa0' "$tmp/bo.svg"; then echo "PASS svg no-share-without-below"
else echo "FAIL svg no-share-without-below"; fi
