#!/bin/sh
# The layers of src/ (README, "Hacking"), lowest first. An #include in
# src/LAYER/ may name only its own layer or a lower one, and must name it
# ("io/mrt.h", never a bare "mrt.h"), so a backwards include cannot hide.
casename=layers
order="decode io state report cli"
rank() { n=0; for l in $order; do [ "$l" = "$1" ] && { echo $n; return; }; n=$((n + 1)); done; echo 99; }
bad=0
for f in "$TOP"/src/*/*.[ch]; do
	layer=$(basename "$(dirname "$f")"); mine=$(rank "$layer")
	grep -n '#include "' "$f" | while IFS= read -r line; do
		inc=$(printf '%s\n' "$line" | sed 's/.*#include "\([^"]*\)".*/\1/')
		case $inc in
		*/*) to=${inc%%/*}
		     if [ "$(rank "$to")" -gt "$mine" ]; then
		         echo "FAIL layers: src/$layer/$(basename "$f"):${line%%:*} includes \"$inc\", a higher layer"
		     fi ;;
		*)   echo "FAIL layers: src/$layer/$(basename "$f"):${line%%:*} includes \"$inc\" without its layer" ;;
		esac
	done
done >"${TMPDIR:-/tmp}/layers.$$"
if [ -s "${TMPDIR:-/tmp}/layers.$$" ]; then cat "${TMPDIR:-/tmp}/layers.$$"; bad=1; fi
rm -f "${TMPDIR:-/tmp}/layers.$$"
[ $bad = 0 ] && echo "PASS layers: every include names its layer and points down"
exit 0
