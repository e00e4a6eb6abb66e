#!/bin/sh
# make install / make uninstall into a DESTDIR: the binary (which runs), the
# manual page and the bash completion land under PREFIX, and uninstall takes
# all three away. The binary under test is installed as it is (make -o: not
# rebuilt), so this also works for the sanitizer build.
casename=install
. "$TOP/tests/e2e/lib.sh"
M=${MRTREACH:?}
if ! command -v make >/dev/null 2>&1; then echo "SKIP install: no make"; exit 0; fi
D=$tmp/dest
P=/opt/mrt
files="bin/mrtreach share/man/man1/mrtreach.1 share/bash-completion/completions/mrtreach"

if make -s -C "$TOP" -o "$M" install BIN="$M" DESTDIR="$D" PREFIX="$P" >"$tmp/log" 2>&1; then
	echo "PASS install make-install"
else
	echo "FAIL install make-install: $(head -3 "$tmp/log" | tr '\n' ' ')"
fi
missing=
for f in $files; do [ -f "$D$P/$f" ] || missing="$missing $f"; done
if [ -z "$missing" ]; then echo "PASS install files"; else echo "FAIL install files: missing$missing"; fi
if [ -x "$D$P/bin/mrtreach" ] && "$D$P/bin/mrtreach" --version | grep -q '^mrtreach [0-9]'; then
	echo "PASS install binary-runs"
else
	echo "FAIL install binary-runs"
fi
if cmp -s "$TOP/man/mrtreach.1" "$D$P/share/man/man1/mrtreach.1"; then
	echo "PASS install manual"
else
	echo "FAIL install manual: differs from man/mrtreach.1"
fi

make -s -C "$TOP" -o "$M" uninstall BIN="$M" DESTDIR="$D" PREFIX="$P" >"$tmp/log" 2>&1
left=
for f in $files; do [ -e "$D$P/$f" ] && left="$left $f"; done
if [ -z "$left" ]; then echo "PASS install uninstall"; else echo "FAIL install uninstall: left$left"; fi

# make install makes no bgpdump; make install-bgpdump-link does, and the
# link runs mrtreach with bgpdump's command line; uninstall removes it.
make -s -C "$TOP" -o "$M" install BIN="$M" DESTDIR="$D" PREFIX="$P" >"$tmp/log" 2>&1
if [ -e "$D$P/bin/bgpdump" ]; then echo "FAIL install no-bgpdump-by-default"; else echo "PASS install no-bgpdump-by-default"; fi
make -s -C "$TOP" -o "$M" install-bgpdump-link BIN="$M" DESTDIR="$D" PREFIX="$P" >"$tmp/log" 2>&1
if [ -L "$D$P/bin/bgpdump" ] && "$D$P/bin/bgpdump" -m "$TOP/fixtures/dump/bgp4mp.mrt" 2>/dev/null | head -1 | grep -q '^BGP4MP|1419206400|A|'; then
	echo "PASS install bgpdump-link"
else
	echo "FAIL install bgpdump-link: $(head -3 "$tmp/log" | tr '\n' ' ')"
fi
make -s -C "$TOP" -o "$M" uninstall BIN="$M" DESTDIR="$D" PREFIX="$P" >"$tmp/log" 2>&1
if [ -e "$D$P/bin/bgpdump" ] || [ -L "$D$P/bin/bgpdump" ]; then echo "FAIL install uninstall-bgpdump-link"; else echo "PASS install uninstall-bgpdump-link"; fi
