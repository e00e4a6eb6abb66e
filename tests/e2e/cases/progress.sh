#!/bin/sh
# Progress on stderr: drawn on a terminal (run under util-linux script(1)
# for a pseudo terminal; SKIP without it), absent when stderr is a file,
# silenced by --quiet, forced by --progress, and never on stdout.
M=$MRTREACH
N=$TOP/fixtures/nk2014
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if [ ! -f "$N/README.md" ]; then echo "SKIP progress: no fixtures/nk2014"; exit 0; fi
# The line is drawn once as the run starts, before any input is opened, and
# then every quarter of a second: so every run that shows it draws it at
# least once however fast the machine is, and no case needs a run that lasts.
files=$(printf "%s " "$N"/*/*.bz2 "$N"/*/*.gz)

# Without a terminal, --progress forces it; stdout stays as it was.
"$M" dump -m $files >"$tmp/plain" 2>"$tmp/plain.err"
{ "$M" dump -m --progress $files 2>"$tmp/err"; echo $? >"$tmp/rc"; } >"$tmp/out"
rc=$(cat "$tmp/rc")
if [ $rc -eq 0 ] && grep -q 'files ' "$tmp/err" && grep -Eq '[0-9] [kMG]B of [0-9.]+ [kMG]B' "$tmp/err" && grep -q 'left' "$tmp/err" &&
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
script -qfec "'$M' dump -m $files 2>&1 >/dev/null" /dev/null >"$tmp/tty" 2>&1 </dev/null
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
# A 40-column terminal: every state of the line fits in 39 columns, so it
# never wraps and stacks.
script -qfec "stty cols 40; '$M' dump -m --progress $files 2>&1 >/dev/null" /dev/null >"$tmp/narrow" 2>&1 </dev/null
widest=$(tr '\r' '\n' <"$tmp/narrow" | awk '{ if (length($0) > w) w = length($0) } END { print w + 0 }')
if grep -q 'mrtreach: ' "$tmp/narrow" && [ "$widest" -le 39 ]; then
	echo "PASS progress fits-40-columns"
else
	echo "FAIL progress fits-40-columns: widest line $widest: '$(tr '\r' '|' <"$tmp/narrow" | head -c 200)'"
fi
# Ctrl-C (SIGINT) or SIGTERM while the line is up: it is wiped, and the run
# dies of the signal (status 130 / 143). env --default-signal undoes the
# shell's ignoring of SIGINT in background jobs. The input is a pipe that
# stays open (the RIB file a few times, slowly, and this shell holds a
# write end), so the run is still going when the signal comes however fast
# the machine is.
if env --default-signal=INT true 2>/dev/null && mkfifo "$tmp/fifo" 2>/dev/null; then
	rib=$(ls "$N"/*/rib.*.bz2 | head -n 1)
	for sig in INT TERM; do
		: >"$tmp/sig.err"
		exec 3<>"$tmp/fifo"
		{ for i in $(seq 20); do cat "$rib" || break; sleep 0.3; done; } 3>&- >"$tmp/fifo" &
		feeder=$!
		env --default-signal=INT "$M" stats --progress - <"$tmp/fifo" 3>&- >/dev/null 2>"$tmp/sig.err" &
		pid=$!
		i=0
		while [ $i -lt 300 ] && ! grep -q 'files' "$tmp/sig.err"; do sleep 0.1; i=$((i + 1)); done
		kill -s $sig $pid 2>/dev/null; { wait $pid; } 2>/dev/null; rc=$?
		exec 3>&-; wait $feeder 2>/dev/null
		want=130; [ $sig = TERM ] && want=143
		last=$(tr '\r' '\n' <"$tmp/sig.err" | tail -n 1 | tr -d ' ')
		if [ $rc -eq $want ] && grep -q 'files' "$tmp/sig.err" && [ -z "$last" ]; then
			echo "PASS progress wiped-on-SIG$sig"
		else
			echo "FAIL progress wiped-on-SIG$sig: exit $rc (want $want), last '$last'"
		fi
	done
else
	echo "SKIP progress signals: env --default-signal or mkfifo missing"
fi
