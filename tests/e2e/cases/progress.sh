#!/bin/sh
# Progress on stderr: drawn on a terminal (run under util-linux script(1)
# for a pseudo terminal; SKIP without it), absent when stderr is a file,
# silenced by --quiet, forced by --progress, and never on stdout.
M=$MRTREACH
N=$TOP/fixtures/nk2014
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if [ ! -f "$N/README.md" ]; then echo "SKIP progress: no fixtures/nk2014"; exit 0; fi
# The nk2014 inputs five times over: a run long enough (over a second) for
# the line to be drawn (it waits a quarter of a second before the first).
files=""
for i in 1 2 3 4 5; do files="$files $(echo "$N"/*/*.bz2 "$N"/*/*.gz)"; done

# Without a terminal, --progress forces it; stdout stays as it was.
"$M" stats $files >"$tmp/plain" 2>"$tmp/plain.err"
"$M" stats --progress $files >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc -eq 0 ] && grep -q 'files ' "$tmp/err" && grep -q ' MB' "$tmp/err" && grep -q 'left' "$tmp/err" &&
   cmp -s "$tmp/plain" "$tmp/out"; then
	echo "PASS progress forced"
else
	echo "FAIL progress forced: exit $rc, stderr '$(tr '\r' '|' <"$tmp/err" | head -c 200)'"
fi
if [ -s "$tmp/plain.err" ]; then
	echo "FAIL progress off-without-terminal: $(tr '\r' '|' <"$tmp/plain.err" | head -c 200)"
else
	echo "PASS progress off-without-terminal"
fi
# The last thing drawn is the line cleared: spaces after the last \r.
if [ "$(tr '\r' '\n' <"$tmp/err" | tail -n 1 | tr -d ' ')" = "" ]; then
	echo "PASS progress cleared-at-end"
else
	echo "FAIL progress cleared-at-end"
fi

if ! command -v script >/dev/null 2>&1 || ! script -qfec true /dev/null >/dev/null 2>&1; then
	echo "SKIP progress terminal: no util-linux script"
	exit 0
fi
# On a terminal: shown by default.
script -qfec "'$M' peers $files >/dev/null" /dev/null >"$tmp/tty" 2>&1 </dev/null
if grep -q 'mrtreach: [0-9]*/[0-9]* files' "$tmp/tty"; then
	echo "PASS progress terminal"
else
	echo "FAIL progress terminal: '$(tr '\r' '|' <"$tmp/tty" | head -c 200)'"
fi
# stderr into a file while stdout is the terminal: nothing anywhere.
script -qfec "'$M' stats $files >/dev/null 2>'$tmp/tty.err'" /dev/null >"$tmp/tty2" 2>&1 </dev/null
if [ -s "$tmp/tty.err" ] || grep -q 'files' "$tmp/tty2"; then
	echo "FAIL progress stderr-file: '$(tr '\r' '|' <"$tmp/tty.err" | head -c 200)'"
else
	echo "PASS progress stderr-file"
fi
# --quiet, on every command.
for cmd in dump stats peers "blackout --prefix 175.45.176.0/22 --more-specific" timeline; do
	script -qfec "'$M' $cmd --quiet $files >/dev/null" /dev/null >"$tmp/q" 2>&1 </dev/null
	if grep -q 'files' "$tmp/q"; then
		echo "FAIL progress quiet-${cmd%% *}: '$(tr '\r' '|' <"$tmp/q" | head -c 200)'"
	else
		echo "PASS progress quiet-${cmd%% *}"
	fi
done
