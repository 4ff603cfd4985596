#!/bin/bash
# The log form's When, typed as said on a call ("last fri 3pm"), shows
# beside it the time it reads as, weekday first, as a date field does,
# before it is saved; a time it cannot read says so there; "now" needs no
# saying. (When showed nothing: 'last fri 3pm' was refused only on C-s.)

. "$(dirname "$0")/lib.sh"

pd add "Harbor Science Center" --kind museum >/dev/null || fail "add failed"
read -r last_fri <<<"$(python3 -c '
import datetime
t = datetime.date.today()
print((t - datetime.timedelta(days=(t.weekday() - 4) % 7 or 7)).isoformat())
')"

start pd
wait_for "Harbor Science Center"
keys pd c
wait_for "Log a contact with Harbor Science Center"
type_text pd "Called back about the star party"
wait_for_re "When +: now +│"
pass "now is shown as it is, with nothing beside it"
keys pd BTab BTab
type_text pd "last fri 3pm"
wait_for "= Fri $last_fri 15:00"
pass "last fri 3pm reads as Fri $last_fri 15:00 beside it, before saving"
keys pd C-u
type_text pd "yesterday 25:00"
wait_for "? not a time"
pass "a time it cannot read says so beside it"
keys pd C-u
type_text pd "last fri 3pm"
wait_for "= Fri $last_fri 15:00"
keys pd C-s
wait_gone "Log a contact with"
got=$(pd show Harbor | grep -c "$last_fri 15:00  phone")
[ "$got" = 1 ] || fail "the call was not logged at $last_fri 15:00: $(pd show Harbor)"
pass "saved at the time it showed"
keys pd q
assert_exit pd 0
