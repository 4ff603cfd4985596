#!/bin/bash
# A near-miss name typed twice: M on "The Museum of Cardiff" offers first
# "Museum of Cardiff", marked "likely: similar name" (an article, a plural
# and a legal form aside), after the same-named and before the list;
# "Cardiff Museum" (the same words in another order) is not offered.

. "$(dirname "$0")/lib.sh"

pd add "Aardvark Society" >/dev/null || fail "add"
pd add "The Museum of Cardiff" >/dev/null || fail "add"
pd add "Cardiff Museum" >/dev/null || fail "add"
pd add "Museums of Cardiff Ltd" >/dev/null || fail "add"
pd add "THE MUSEUM OF CARDIFF" >/dev/null 2>&1 || fail "add the same name"

start pd
wait_for "Aardvark Society"
keys pd 1
keys pd /
type_text pd "The Museum"
keys pd Enter
wait_for "1/2"
keys pd Escape
wait_gone "1/2"
keys pd M
wait_for "Put The Museum of Cardiff into which partner?"
rows() {
	screen | grep -E '│ +[A-Z][A-Za-z ]+' | grep -v 'Find:' | sed -E 's/^.*│ +//; s/ +│.*$//; s/  +/  /g'
}
first_rows_are() {
	[ "$(rows | head -3 | tr '\n' '|')" = "$1" ]
}
poll 5 first_rows_are "THE MUSEUM OF CARDIFF  likely: same name|Museums of Cardiff Ltd  likely: similar name|Aardvark Society  Glance|" ||
	fail "the likely ones are not first: $(rows | tr '\n' '|')"
pass "M offers the same name, then the similar name, marked, then the list"
wait_for "1 of 2 likely, 4 partners"
pass "Cardiff Museum is not offered"
