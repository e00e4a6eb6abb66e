#!/bin/sh
# End-to-end tests: runs the binary given as $1 over every case script in
# tests/e2e/cases/*.sh and over the real-archive corpus (tests/e2e/corpus.sh,
# skipped when ../shared/mrt-corpus is absent). Each case prints
# "PASS name" / "FAIL name" / "SKIP name: why" lines. E2E_CASES="a b" runs
# only cases/a.sh and cases/b.sh.
# Closing line: "e2e: N passed, N failed".
here=$(cd "$(dirname "$0")" && pwd)
MRTREACH=${1:?usage: run.sh /path/to/mrtreach}
export MRTREACH
top=$(cd "$here/../.." && pwd)
export TOP="$top"
out=$(mktemp); trap 'rm -f "$out"' EXIT
if [ -n "${E2E_CASES:-}" ]; then
	set --
	for n in $E2E_CASES; do set -- "$@" "$here/cases/$n.sh"; done
else
	set -- "$here"/cases/*.sh
fi
for c in "$@"; do
	[ -f "$c" ] || { echo "FAIL e2e: no case $c" | tee -a "$out"; continue; }
	sh "$c" 2>&1 | tee -a "$out" | grep -E '^(FAIL|SKIP)' || true
done
pass=$(grep -c '^PASS' "$out"); fail=$(grep -c '^FAIL' "$out"); skip=$(grep -c '^SKIP' "$out")
echo "e2e: $pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
