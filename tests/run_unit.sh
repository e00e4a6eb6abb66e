#!/bin/sh
# Runs every Check unit-test binary given; shows each suite's summary and
# failures, then one closing "unit: N passed, N failed" line over all.
pass=0; fail=0; status=0
for t in "$@"; do
	out=$("$t" 2>&1); rc=$?
	printf '%s\n' "$out" | grep -E '^[0-9]+%: Checks|:[EF]:'
	counts=$(printf '%s\n' "$out" |
		sed -n 's/.*Checks: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\).*/\1 \2 \3/p')
	if [ -n "$counts" ]; then
		read -r n f e <<EOT
$counts
EOT
		pass=$((pass + n - f - e)); fail=$((fail + f + e))
	else
		fail=$((fail + 1))
	fi
	if [ "$rc" -ne 0 ]; then status=1; echo "FAILED: $t (exit $rc)"; fi
done
echo "unit: $pass passed, $fail failed"
exit $status
