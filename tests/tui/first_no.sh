#!/bin/bash
# The first start asks "Start with sample partners to look around, or with
# an empty desk?" and a newcomer answers it as a yes or no: n made nothing
# happen, and so did any other key (? included), a silence that reads as a
# hung terminal over a slow link. Now a stray key says which keys answer,
# and n is the empty desk, as Enter is.

. "$(dirname "$0")/lib.sh"

start pd
wait_for "Welcome to partnerdesk"
wait_for "an empty database (n too: no samples)"
keys pd x
wait_for "That key does nothing here: press y, Enter (or n) or q."
[ -e "$DB" ] && fail "a stray key created the database"
pass "a key that answers nothing says which keys do"

keys pd n
wait_for "press a to add a partner"
wait_gone "Welcome to partnerdesk"
[ -e "$DB" ] || fail "n made no database at $DB"
screen pd | grep -q "Harbor Science Center" && fail "n filled the desk with samples"
pass "n answers the question: an empty desk"
keys pd q
assert_exit pd 0
