#!/bin/sh
# bash completion (contrib/bash-completion/mrtreach): subcommands, each
# command's long options exactly as its --help lists them, fixed option
# values (also in --opt=value form), files elsewhere.
M=$MRTREACH
C=$TOP/contrib/bash-completion/mrtreach
if ! command -v bash >/dev/null 2>&1; then echo "SKIP completion: no bash"; exit 0; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# complete WORD... : the completions of the last word, sorted, one line.
complete_words() {
	bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _mrtreach
	         printf "%s\n" "${COMPREPLY[@]}" | sort | tr "\n" " "' _ "$C" mrtreach "$@" | sed 's/ $//'
}

expect() {  # name, expected (sorted, space-separated), words...
	name=$1; want=$2; shift 2
	got=$(cd "$tmp" && complete_words "$@")
	if [ "$got" = "$want" ]; then echo "PASS completion $name"; else echo "FAIL completion $name: got '$got', want '$want'"; fi
}

expect command-prefix "dump" du
expect top-options "--help --version" --
expect command-all "archives blackout dump help origins peers scan stats timeline" ""
expect help-commands "archives blackout dump origins peers scan stats timeline" help ""
expect help-prefix "peers" help pe
expect unknown-command "" frobnicate --
expect scan-sort-values "severity time" scan --sort ""
expect peers-options "--addpath-guess --collector --format --full-feed --help --progress --quiet --version" peers --
expect stats-options "--addpath-guess --collector --format --help --progress --quiet --version" stats --
expect dump-option-prefix "--peer --peer-as --prefix --progress" dump --p
expect format-values "json text tsv" peers --format ""
expect format-prefix "text tsv" stats --format t
expect format-equals-split "json" blackout --format = j
expect format-equals-empty "json text tsv" timeline --format =
expect dump-format-values "bgpdump json" dump --format ""
expect type-values "announce rib state withdraw" dump --type ""
expect dump-t-values "change dump" dump -t ""
expect dump-as-path-free "" dump --as-path ""
expect type-equals-whole "--type=withdraw" dump --type=w
expect sort-values "duration time" blackout --sort ""
expect visibility-values "any majority" timeline --visibility ""
expect free-value-nothing "" dump --prefix ""
expect archives-format-values "bgpstream curl json urls" archives --format ""
expect archives-project-values "ris routeviews" archives --project ""
expect archives-shards-values "collector rib" archives --shards ""
expect archives-collector-prefix "rrc20 rrc21 rrc22 rrc23 rrc24 rrc25 rrc26" archives --collector rrc2
# The collectors offered are exactly the catalogue's.
want=$( { echo all; "$M" archives --list | awk 'NR > 1 { print $1 }'; } | sort | tr '\n' ' ' | sed 's/ $//')
expect archives-collectors-match-catalogue "$want" archives --collector ""

# Each command's long options are exactly those its --help names.
for cmd in dump blackout timeline origins scan peers stats archives; do
	want=$( { "$M" "$cmd" --help | grep -oE -- '--[a-z][a-z-]*'; echo --help; } | sort -u | tr '\n' ' ' | sed 's/ $//')
	expect "options-match-help-$cmd" "$want" "$cmd" --
	# A single dash: the short options too, exactly those --help names.
	short=$("$M" "$cmd" --help | grep -oE -- '^  -[a-zA-Z]\b' | tr -d ' ')
	want=$(printf '%s\n' $want $short | sort -u | tr '\n' ' ' | sed 's/ $//')
	expect "short-options-match-help-$cmd" "$want" "$cmd" -
done
expect dump-short-prefix "-m" dump -m

# Files: inputs, the value of --prefixes, and everything after "--".
mkdir "$tmp/d" && : >"$tmp/rib.20141221.bz2" && : >"$tmp/updates.1.bz2" && : >"$tmp/-odd.mrt"
expect files "rib.20141221.bz2" stats ri
expect files-after-options "updates.1.bz2" peers --format json up
expect prefixes-file "rib.20141221.bz2" blackout --prefixes ri
expect files-after-dashdash "-odd.mrt" dump -- -o
