#!/bin/sh
# Output that goes away or cannot be written. A reader that stops early
# (`| head -1`) ends mrtreach promptly, quietly, with exit 0, whether SIGPIPE
# kills it or is ignored (EPIPE); output that cannot be written (/dev/full,
# a closed stdout) gives one line on stderr and a non-zero exit, even when
# everything fits in the output buffer and the error only shows at the end.
M=${MRTREACH:?}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

big=$TOP/../shared/mrt-corpus/test_data/updates.et-header.2015.gz
[ -f "$big" ] || big=$TOP/fixtures/dump/day.updates.20141222.gz
small=$TOP/fixtures/dump/bgp4mp.mrt

# now_ms: wall clock in milliseconds (GNU date), or seconds * 1000.
now_ms() {
	t=$(date +%s%3N 2>/dev/null)
	case $t in *N|'') echo $(( $(date +%s) * 1000 )) ;; *) echo "$t" ;; esac
}

if ! command -v bash >/dev/null 2>&1; then
	echo "SKIP pipes: no bash for PIPESTATUS"
	exit 0
fi

# name, limit in ms, shell snippet run by bash with $M and the inputs as
# arguments; the snippet echoes mrtreach's exit status last. The time is the
# best of up to three runs: other work on the machine can stall any one run
# for seconds (seen at load 5 on 2 cores), while a mrtreach that waited for
# its input's end would miss the limit every time. Exit status and stderr
# must be right in every run.
prompt() {
	name=$1; limit=$2; snippet=$3; shift 3
	tries=0
	while :; do
		t0=$(now_ms)
		bash -c "$snippet" "$M" "$@" >"$tmp/rc" 2>"$tmp/err"
		el=$(( $(now_ms) - t0 ))
		rc=$(tail -1 "$tmp/rc")
		tries=$((tries + 1))
		[ "$rc" = 0 ] && [ ! -s "$tmp/err" ] && [ "$el" -ge "$limit" ] && [ $tries -lt 3 ] || break
	done
	if [ "$rc" = 0 ] && [ ! -s "$tmp/err" ] && [ "$el" -lt "$limit" ]; then
		echo "PASS pipes $name (${el} ms)"
	else
		echo "FAIL pipes $name: exit '$rc', ${el} ms (limit $limit), stderr: $(head -c 200 "$tmp/err")"
	fi
}

# One large archive, the reader takes one line.
prompt head-1 2000 '"$0" dump "$1" | head -1 >/dev/null; echo "${PIPESTATUS[0]}"' "$big"
prompt head-1-json 2000 '"$0" dump --json "$1" | head -1 >/dev/null; echo "${PIPESTATUS[0]}"' "$big"
# SIGPIPE ignored (as under some supervisors): write() fails with EPIPE.
prompt head-1-sigpipe-ignored 2000 'trap "" PIPE; "$0" dump -m "$1" | head -1 >/dev/null; echo "${PIPESTATUS[0]}"' "$big"
# Standard input from a writer that is itself cut off.
prompt head-1-stdin 2000 'gzip -dc "$1" | "$0" dump - | head -1 >/dev/null; echo "${PIPESTATUS[1]}"' "$big"
# Twenty inputs: dumping all takes seconds; a reader of one line must not wait for it.
# A file given twice is read once, so each is a different file of the same
# records: the archive with i empty gzip members after it.
set --
i=0
gzip -c </dev/null >"$tmp/empty.gz"
cp "$big" "$tmp/in.0.gz"
while [ $i -lt 20 ]; do
	set -- "$@" "$tmp/in.$i.gz"
	cat "$tmp/in.$i.gz" "$tmp/empty.gz" >"$tmp/in.$((i + 1)).gz"
	i=$((i + 1))
done
# The limit is half the time the whole dump takes now (at least 2 s), so a
# machine slowed by other work slows both sides of the comparison alike.
t0=$(now_ms); "$M" dump "$@" >/dev/null 2>&1; full=$(( $(now_ms) - t0 ))
twenty=$(( full / 2 > 2000 ? full / 2 : 2000 ))
prompt head-1-twenty-inputs $twenty '"$0" dump "$@" | head -1 >/dev/null; echo "${PIPESTATUS[0]}"' "$@"
prompt head-1-twenty-inputs-sigpipe-ignored $twenty 'trap "" PIPE; "$0" dump "$@" | head -1 >/dev/null; echo "${PIPESTATUS[0]}"' "$@"
# A reader that reads nothing at all.
prompt reader-reads-nothing 2000 '"$0" dump "$1" | true; echo "${PIPESTATUS[0]}"' "$big"
# A slow reader that stops after 100 kB: no partial-write trouble.
prompt slow-reader-stops 3000 '"$0" dump "$1" | (sleep 0.3; head -c 100000 >/dev/null); echo "${PIPESTATUS[0]}"' "$big"

# Write errors: one line on stderr naming the error, exit status not 0.
write_error() {  # name, redirection snippet
	name=$1; snippet=$2; shift 2
	bash -c "$snippet" "$M" "$@" >/dev/null 2>"$tmp/err"; rc=$?
	if [ "$rc" -ne 0 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -qi 'write' "$tmp/err"; then
		echo "PASS pipes $name (exit $rc: $(cat "$tmp/err"))"
	else
		echo "FAIL pipes $name: exit $rc, $(wc -l <"$tmp/err") lines on stderr: $(head -c 200 "$tmp/err")"
	fi
}
if [ -w /dev/full ]; then
	write_error dev-full-large '"$0" dump "$1" >/dev/full' "$big"
	write_error dev-full-small '"$0" dump -m "$1" >/dev/full' "$small"
	write_error dev-full-json '"$0" dump --json "$1" >/dev/full' "$small"
	write_error dev-full-blackout '"$0" blackout --prefix 175.45.176.0/22 --more-specific "$1" >/dev/full' \
		"$TOP/fixtures/nk2014/rrc00/bview.20141221.0000.gz"
else
	echo "SKIP pipes dev-full: /dev/full is not writable"
fi
write_error stdout-closed-small '"$0" dump -m "$1" >&-' "$small"
write_error stdout-closed-large '"$0" dump -m "$1" >&-' "$big"
