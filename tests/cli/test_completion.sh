#!/bin/bash
# The bash completion (completion/partnerdesk.bash) sourced into a bash,
# asked for a few command lines, its COMPREPLY checked: commands, options
# read from --help, option values, stages, partner names (with spaces,
# quoted) and a partner's contact persons read from the database through
# `partnerdesk complete`. TAP.
# usage: test_completion.sh PARTNERDESK REPORT_FIXTURE COMPLETION_SCRIPT
set -u
exe=$1 fixture=$2 script=$3
dir=$(mktemp -d "${TMPDIR:-/tmp}/pd-complete-XXXXXX")
trap 'rm -rf "$dir"' EXIT
export HOME="$dir" XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data" LC_ALL=C.UTF-8 TZ=UTC
export PARTNERDESK_DB="$dir/t.db"
PATH="$(cd "$(dirname "$exe")" && pwd):$PATH"
n=0 failed=0

check() {
	local want=$1
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_partnerdesk
	local got="${COMPREPLY[*]}"
	n=$((n + 1))
	if [[ $got == "$want" ]]; then
		echo "ok $n - '$*' completes to '$want'"
	else
		echo "not ok $n - '$*' completes to '$want'"
		echo "#   got: '$got'"
		failed=$((failed + 1))
	fi
}

"$fixture" "$PARTNERDESK_DB" >/dev/null || { echo "Bail out! the fixture failed"; exit 1; }
for person in "Mair Jones" "Marc Evans" "Tom Price"; do
	partnerdesk contact add "Beta School" "$person" >/dev/null 2>&1 || { echo "Bail out! contact add failed"; exit 1; }
done
# shellcheck source=/dev/null
source "$script"

check "report" partnerdesk rep
check "--db --demo" partnerdesk --d
check "Alpha\\ Museum" partnerdesk show al
check "Alpha\\ Museum Beta\\ School Delta\\ Arts Epsilon\\ Library Foxtrot\\ College Gamma\\ Zoo" partnerdesk show ""
check "engagement" partnerdesk move Alpha\ Museum e
check "glance date engagement marriage dissolved" partnerdesk move --reason "why not" Alpha ""
check "marriage" partnerdesk list --stage ma
check "arts\\ organisation" partnerdesk add X --kind arts
check "phone" partnerdesk log --channel ph
check "Beta\\ School" partnerdesk log Be
check "" partnerdesk log --edit 3 Be
check "email" partnerdesk log --edit 3 --channel em
check "table csv json yaml" partnerdesk list --format ""
check "pipeline activity audiences attention" partnerdesk report ""
check "month quarter year all" partnerdesk report --period ""
check "--format" partnerdesk report --f
check "Beta\\ School" partnerdesk --db "$PARTNERDESK_DB" show Be
check "" partnerdesk --db "$dir/none.db" show ""
check "add" partnerdesk contact a
check "add edit delete list" partnerdesk contact ""
check "edit" partnerdesk contact e
# contact edit|delete PARTNER PERSON: the partner's people, however the
# partner's name was quoted on the line.
check "Mair\\ Jones Marc\\ Evans" partnerdesk contact edit "Beta School" ma
check "Mair\\ Jones Marc\\ Evans Tom\\ Price" partnerdesk contact delete 'Beta\ School' ""
check "Tom\\ Price" partnerdesk contact edit "'Beta School'" t
check "Mair\\ Jones" partnerdesk contact edit '"Beta School"' mai
check "" partnerdesk contact edit Alpha\ Museum ""
check "" partnerdesk contact list Beta\ School ""
check "" partnerdesk contact edit "No Such Place" ""
check "done undone" partnerdesk agenda ""
check "undone" partnerdesk agenda u
check "auto utf-8 windows-1252" partnerdesk import x.csv --encoding ""
check "windows-1252" partnerdesk import x.csv --encoding w
check "skip merge new" partnerdesk import x.csv --on-duplicate ""
check "families" partnerdesk add X --audience fam
check "families" partnerdesk edit X --add-audience fam
check "audit" partnerdesk au
check "delete" partnerdesk del
check "Beta\\ School" partnerdesk delete Be
check "Beta\\ School" partnerdesk merge Alpha\ Museum Be
check "Gamma\\ Zoo" partnerdesk merge --dry-run Ga
check "" partnerdesk merge Alpha\ Museum Beta\ School Ga
check "Alpha\\ Museum" partnerdesk audit --partner al
check "table json" partnerdesk audit --format ""
check "today" partnerdesk audit --since to
check "--audit" partnerdesk show X --au
check "--help" partnerdesk list --h
# Every command's options: each offered once, and each one the command
# takes (its help text names other commands' options too).
for cmd in $(partnerdesk complete commands); do
	COMP_WORDS=(partnerdesk "$cmd" --)
	COMP_CWORD=2
	COMPREPLY=()
	_partnerdesk
	n=$((n + 1))
	dups="$(printf '%s\n' "${COMPREPLY[@]}" | sort | uniq -d | tr '\n' ' ')"
	unknown=""
	for opt in "${COMPREPLY[@]}"; do
		partnerdesk "$cmd" "$opt" </dev/null 2>&1 | grep -q "unknown option" && unknown+="$opt "
	done
	if [[ -z $dups && -z $unknown && ${#COMPREPLY[@]} -gt 0 ]]; then
		echo "ok $n - '$cmd --' offers each of its options once, and only its own"
	else
		echo "not ok $n - '$cmd --' offers each of its options once, and only its own"
		echo "#   twice: '$dups' not its own: '$unknown'"
		failed=$((failed + 1))
	fi
done

echo "1..$n"
[[ $failed -eq 0 ]]
