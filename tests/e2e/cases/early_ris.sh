#!/bin/sh
# The earliest RIS archives (fixtures/early-ris/README.md): Zebra's 8-byte
# BGP4MP STATE_CHANGE is read as bgpdump reads it (peer 0.0.0.0, the peer AS,
# the two states), exactly, and is not damage: exit 0, nothing on stderr.
# (The early TABLE_DUMP quirks are damaged/ cases: table-dump-*.mrt.)
M=${MRTREACH:?}
casename=early_ris
. "$TOP/tests/e2e/lib.sh"
f=$TOP/fixtures/early-ris/zebra-state-change.mrt
if [ ! -f "$f" ]; then echo "SKIP early_ris: no $f"; exit 0; fi
cat >"$tmp/want" <<'END'
BGP4MP|947923200|A|193.0.0.56|3333|193.0.0.0/21|3333 1299 3320|IGP|193.0.0.56|0|0||NAG||
BGP4MP|947923201|STATE|0.0.0.0|3333|6|1
BGP4MP|947923202|STATE|0.0.0.0|3333|1|2
BGP4MP|947923203|STATE|0.0.0.0|3333|2|3
BGP4MP|947923204|STATE|0.0.0.0|3333|3|6
BGP4MP|947923205|A|193.0.0.56|3333|193.0.4.0/24|3333 1299 3320|IGP|193.0.0.56|0|0||NAG||
END
"$M" dump -m "$f" >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ "$rc" -eq 0 ] && [ ! -s "$tmp/err" ] && cmp -s "$tmp/want" "$tmp/out"; then
	echo "PASS early_ris zebra-state-change"
else
	echo "FAIL early_ris zebra-state-change: exit $rc: $(head -c 200 "$tmp/err") $(diff "$tmp/want" "$tmp/out" | head -3 | tr '\n' ' ')"
fi
if command -v bgpdump >/dev/null 2>&1; then
	bgpdump -m "$f" >"$tmp/ref" 2>/dev/null
	if cmp -s "$tmp/ref" "$tmp/out"; then
		echo "PASS early_ris zebra-state-change same-as-bgpdump"
	else
		echo "FAIL early_ris zebra-state-change same-as-bgpdump: $(diff "$tmp/ref" "$tmp/out" | head -3 | tr '\n' ' ')"
	fi
else
	echo "SKIP early_ris same-as-bgpdump: bgpdump is not installed"
fi
