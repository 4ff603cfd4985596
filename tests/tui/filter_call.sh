#!/bin/bash
# On the phone: the caller's number typed into the filter finds their
# partner; c there is a letter of the filter (names hold c: "club"), so
# the hint line says how to log the call, "Enter keep filter, then c log
# call", and a c typed all the same, which leaves no partner, is met with
# "Logging a call? Backspace, then Enter, then c." rather than only "No
# partner matches". Those keys then open the log form for that partner.
# A filter that found nothing before its c ("Zzzc", "music") is no call
# to log: it gets the plain "No partner matches" and how to clear it.

. "$(dirname "$0")/lib.sh"

pd add "Riverside Art Museum" --kind museum --phone "(804) 555-0134" >/dev/null || fail "add 1 failed"
pd add "Chesterfield Rotary Club" >/dev/null || fail "add 2 failed"

start pd
wait_for "Riverside Art Museum"
keys pd /
type_text pd "555-0134"
wait_for "1/1"
wait_for "Enter keep filter, then c log call"
pass "the hint line says Enter, then c logs the call"
type_text pd "c"
wait_for "/555-0134c"
wait_for "Logging a call? Backspace, then Enter, then c."
pass "a c typed into the filter is met with the way to the log form"
keys pd BSpace
wait_for "1/1"
keys pd Enter
wait_gone "Enter keep filter"
keys pd c
wait_for "Log a contact with Riverside Art Museum"
pass "Backspace, Enter, c log the call with the partner found"
keys pd Escape
wait_gone "Log a contact with"

# A c after a filter that found nothing is a letter, not a call to log.
for word in Zzzc music; do
	keys pd Escape
	keys pd /
	type_text pd "$word"
	wait_for "/$word"
	wait_for "No partner matches the filter (Esc clears it)."
	screen pd | grep -F -q "Logging a call?" && fail "'$word' says: Logging a call?"
done
pass "a filter that matched nothing before its c does not say 'Logging a call?'"
keys pd Escape
wait_gone "/music"

# A c in a name is typed as ever.
keys pd Escape
keys pd /
type_text pd "club"
wait_for "/club"
wait_for "Chesterfield Rotary Club"
screen pd | grep -F -q "Riverside Art Museum" && fail "the filter 'club' still shows Riverside"
pass "a name with a c is typed into the filter"
keys pd Escape
wait_gone "/club"
keys pd q
assert_exit pd 0
