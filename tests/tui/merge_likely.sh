#!/bin/bash
# Merging a duplicate: M on "Café Lumière Books" offers first, marked, the
# partners likely the same (the same name without its accents, the same
# website's host), before the alphabetical list; Enter on the first merges
# into it after the usual question. Typing a filter shows the list alone.

. "$(dirname "$0")/lib.sh"

pd add "Aardvark Society" >/dev/null || fail "add"
pd add "Café Lumière Books" --website https://www.cafelumiere.example/ >/dev/null || fail "add"
pd add "Bookmobile Friends" >/dev/null || fail "add"
pd add "Cafe Lumiere Books" >/dev/null 2>&1 || fail "add the same name"
pd add "Lumiere Reading Room" --website cafelumiere.example/reading >/dev/null || fail "add"
pd add "Chess Club" >/dev/null || fail "add"
pd log 2 "Called about the poetry night" >/dev/null || fail "log"

start pd
wait_for "Chess Club"
keys pd 1
keys pd /
type_text pd "Café"
keys pd Enter
wait_for "1/2"
keys pd Escape
wait_gone "1/2"
keys pd M
wait_for "Put Café Lumière Books into which partner?"
# The picker's rows, in order: the likely ones first, each saying why.
rows() {
	screen | grep -E '│ +[A-Z][A-Za-z ]+' | grep -v 'Find:' | sed -E 's/^.*│ +//; s/ +│.*$//; s/  +/  /g'
}
first_rows_are() {
	[ "$(rows | head -3 | tr '\n' '|')" = "$1" ]
}
poll 5 first_rows_are "Cafe Lumiere Books  likely: same name|Lumiere Reading Room  likely: same website|Aardvark Society  Glance|" ||
	fail "the likely ones are not first: $(rows | tr '\n' '|')"
pass "M offers the same-named partner first, then the same website, then the list"
wait_for "1 of 7"
pass "the list follows whole (5 partners, the two likely ones again among them)"

# A filter: the list alone, as before.
type_text pd "Aard"
wait_for "1 of 1  Enter choose"
keys pd BSpace BSpace BSpace BSpace
wait_for "1 of 7"
poll 5 first_rows_are "Cafe Lumiere Books  likely: same name|Lumiere Reading Room  likely: same website|Aardvark Society  Glance|" ||
	fail "with the filter emptied the likely ones are not back first: $(rows | tr '\n' '|')"
pass "a filter shows the list alone; emptied, the likely ones are first again"

keys pd Enter
wait_for "Put Café Lumière Books (#2) into Cafe Lumiere Books (#4), then delete"
wait_for "would move: 1 log entry"
keys pd y
wait_for "merged Café Lumière Books into Cafe Lumiere Books: moved 1 log entry; filled"
pd show 2 >/dev/null 2>&1 && fail "Café Lumière Books is still there"
got=$(pd show 4 --format json | json_get '(len(j["interactions"]), j["website"])')
[ "$got" = "(1, 'https://www.cafelumiere.example/')" ] || fail "Cafe Lumiere Books after the merge: $got"
pass "Enter on the first merges into it: the log and the website moved, and the status line says both"
