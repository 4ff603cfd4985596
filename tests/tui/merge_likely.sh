#!/bin/bash
# Merging a duplicate: M on "Café Lumière Books" offers first, marked, the
# partners likely the same (the same name without its accents, the same
# website's host), before the alphabetical list, each partner counted once;
# Enter on the first merges into it after the usual question, and the
# status line says what it did. Typing a filter shows the list alone. A
# colleague's merge while it is open: the likely ones are read again.

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
# Both Cafés, and the reading room by its website (cafelumiere.example).
wait_for "1/3"
keys pd Escape
wait_gone "1/3"
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
wait_for "1 of 2 likely, 5 partners"
keys pd Down Down
wait_for "1 of 5  "
pass "each partner counted once: 2 likely of 5 partners, then the list of 5 (the likely again among them)"
keys pd Up Up

# A filter: the list alone, as before.
type_text pd "Aard"
wait_for "1 of 1  Enter choose"
keys pd BSpace BSpace BSpace BSpace
wait_for "1 of 2 likely, 5 partners"
poll 5 first_rows_are "Cafe Lumiere Books  likely: same name|Lumiere Reading Room  likely: same website|Aardvark Society  Glance|" ||
	fail "with the filter emptied the likely ones are not back first: $(rows | tr '\n' '|')"
pass "a filter shows the list alone; emptied, the likely ones are first again"

# A colleague merges Lumiere Reading Room into Aardvark Society, which
# takes its website: the gone one is offered no more, Aardvark Society is.
pd merge "Lumiere Reading Room" "Aardvark Society" >/dev/null || fail "merge"
wait_for "1 of 2 likely, 4 partners"
poll 5 first_rows_are "Cafe Lumiere Books  likely: same name|Aardvark Society  likely: same website|Aardvark Society  Glance|" ||
	fail "after a colleague's merge the likely ones are not read again: $(rows | tr '\n' '|')"
pass "a colleague's merge while the picker is open: the likely ones read again"
# A colleague's new duplicate comes among the likely ones; the selection,
# on the list's first row, stays there.
keys pd Down Down
wait_for "1 of 4  "
pd add "CAFE LUMIERE BOOKS" >/dev/null 2>&1 || fail "add the same name again"
wait_for "1 of 5  "
rows | grep -q "CAFE LUMIERE BOOKS  likely: same name" || fail "the new duplicate is not offered: $(rows | tr '\n' '|')"
pass "a colleague's new duplicate is offered, the selection stays on the list's Aardvark Society"
keys pd PPage
wait_for "1 of 3 likely, 5 partners"

keys pd Enter
wait_for "Put Café Lumière Books (#2) into Cafe Lumiere Books (#4), then delete"
wait_for "would move: 1 log entry"
keys pd y
wait_for "merged Café Lumière Books into Cafe Lumiere Books: moved 1 log entry; filled"
pd show 2 >/dev/null 2>&1 && fail "Café Lumière Books is still there"
got=$(pd show 4 --format json | json_get '(len(j["interactions"]), j["website"])')
[ "$got" = "(1, 'https://www.cafelumiere.example/')" ] || fail "Cafe Lumiere Books after the merge: $got"
pass "Enter on the first merges into it: the log and the website moved, and the status line says both"
