#!/bin/bash
# A follow-up said as people say it: "tommorow" (a typo) asks for
# "tomorrow" as it is typed, "end of month" and "friday week" are read as
# meant, and "3/12" shows both readings as it is typed and the save names
# them and how to write each. All four were "? not a date", what to try
# said only on save.

. "$(dirname "$0")/lib.sh"

P="Harbor Science Center"
pd add "$P" --kind museum >/dev/null || fail "add failed"

start pd
wait_for "$P"
keys pd c
wait_for "Log a contact with $P"
type_text pd "Asked about the pier permit"
keys pd Tab
type_text pd "tommorow"
wait_for '"tomorrow"?'
pass "a typo of tomorrow asks for it as it is typed"
keys pd C-s
wait_for 'did you mean "tomorrow"'
pass "the save asks for it too"

keys pd C-u
type_text pd "end of month"
eom=$(date -d "$(date +%Y-%m-01) +1 month -1 day" +%F)
wait_for "$eom"
keys pd C-u
type_text pd "end of next month"
eonm=$(date -d "$(date +%Y-%m-01) +2 month -1 day" +%F)
wait_for "$eonm"
pass "end of month and end of next month are their last days"

keys pd C-u
# a week after the coming Friday, as GNU date reads it
fw=$(date -d "friday week" +%F)
type_text pd "friday week"
wait_for "= Fri $fw"
pass "friday week is $fw, as GNU date has it"

keys pd C-u
type_text pd "3/12"
wait_for "? 3 Dec or 12 Mar?"
pass "3/12 shows both readings as it is typed"
keys pd C-s
wait_for '"3/12" may be 3 December'
screen | grep -q "write Dec 3 or Mar 12" || fail "the save does not say how to write each: $(screen)"
[ "$(sql "SELECT count(*) FROM interactions")" = "[(0,)]" ] || fail "the note was saved with a date of two readings"
pass "the save names both readings and how to write each"

keys pd C-u
type_text pd "friday week"
wait_for "= Fri $fw"
keys pd C-s
wait_gone "Log a contact with"
[ "$(sql "SELECT follow_up FROM interactions")" = "[('$fw',)]" ] ||
	fail "the follow-up is not $fw: $(sql 'SELECT follow_up FROM interactions')"
pass "friday week saves"

keys pd q
assert_exit pd 0
