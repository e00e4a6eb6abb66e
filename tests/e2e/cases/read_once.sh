#!/bin/sh
# Inputs that can be read only once: a named FIFO, as a shell's process
# substitution (<(gzip -dc f.gz), /dev/fd/N) or mkfifo gives. The merge
# peeks at each file's first record before it reads the file; a pipe
# must not be peeked (the peek would consume bytes the stream then misses,
# or block on a FIFO whose writer has gone): it is read once, from the start,
# and the answer is the file's, exactly.
#  - dump -m of the RIB and of an update file, bzip2 and gzip, through FIFOs;
#  - blackout over FIFOs named like the files (the collector and hour come
#    from the names): the same report as the files;
#  - a FIFO mixed with regular files: the same dump as the files alone.
M=${MRTREACH:?}
N=$TOP/fixtures/nk2014
casename=read_once
. "$TOP/tests/e2e/lib.sh"

if ! command -v mkfifo >/dev/null 2>&1 || ! command -v timeout >/dev/null 2>&1; then
	echo "SKIP read_once: no mkfifo or timeout"
	exit 0
fi
if [ ! -d "$N/rrc00" ] || [ ! -d "$N/route-views2" ]; then
	echo "SKIP read_once: fixtures/nk2014 is absent"
	exit 0
fi

rib=$N/route-views2/rib.20141221.0000.bz2
upd=$N/rrc00/updates.20141222.1600.gz

# fifo DIR FILE: a FIFO DIR/basename(FILE) fed with FILE's bytes by a
# background writer (which a failed run leaves blocked; timeout ends it).
# The writer's stdout is not the command substitution's pipe, which would
# otherwise wait for it.
fifo() {
	f=$1/${2##*/}
	mkfifo "$f" || return 1
	timeout 60 sh -c 'cat "$1" >"$2"' sh "$2" "$f" </dev/null >/dev/null 2>&1 &
	echo "$f"
}

# run NAME COMMAND...: runs COMMAND (at most 60 s) into $tmp/NAME.out/.err.
run() {
	n=$1; shift
	timeout 60 "$@" >"$tmp/$n.out" 2>"$tmp/$n.err"
	echo $? >"$tmp/$n.rc"
}

# same NAME A B: A's and B's stdout, stderr and exit status are equal.
same() {
	cmp -s "$tmp/$2.out" "$tmp/$3.out" && cmp -s "$tmp/$2.err" "$tmp/$3.err" &&
		cmp -s "$tmp/$2.rc" "$tmp/$3.rc"
	result "$1" $? "output differs from the regular file's ($2 vs $3)"
}

mkdir -p "$tmp/p1" "$tmp/p2" "$tmp/p3/route-views2" "$tmp/p3/rrc00"

run rib-file "$M" dump -m "$rib"
run rib-fifo "$M" dump -m "$(fifo "$tmp/p1" "$rib")"
same dump-bzip2-fifo rib-file rib-fifo
[ -s "$tmp/rib-file.out" ]
result dump-bzip2-nonempty $? "the regular file's dump is empty"

run upd-file "$M" dump -m "$upd"
run upd-fifo "$M" dump -m "$(fifo "$tmp/p2" "$upd")"
same dump-gzip-fifo upd-file upd-fifo

# Blackout over FIFOs in folders named like the collectors: stderr names
# the inputs' paths, so only stdout and the exit status are compared.
set -- "$N"/route-views2/rib.20141221.0000.bz2 "$N"/route-views2/updates.20141222.1[5-9]*.bz2
files=$*
fifos=
for f in "$@"; do fifos="$fifos $(fifo "$tmp/p3/route-views2" "$f")"; done
# shellcheck disable=SC2086
run bo-file "$M" blackout --prefix 175.45.176.0/22 --more-specific $files
# shellcheck disable=SC2086
run bo-fifo "$M" blackout --prefix 175.45.176.0/22 --more-specific $fifos
cmp -s "$tmp/bo-file.out" "$tmp/bo-fifo.out" && cmp -s "$tmp/bo-file.rc" "$tmp/bo-fifo.rc"
result blackout-fifos $? "blackout over FIFOs differs from over the files"

# One FIFO among regular files (the others are peeked as usual).
mkdir -p "$tmp/p4"
run mix-file "$M" dump -m "$rib" "$upd"
run mix-fifo "$M" dump -m "$rib" "$(fifo "$tmp/p4" "$upd")"
same dump-fifo-among-files mix-file mix-fifo

wait
