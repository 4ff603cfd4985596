#!/bin/bash
# A partner added twice by two colleagues, each with their copy of the
# person they spoke to: M from the copy into the one kept says it would
# join that person with the one of the same name there, and after y the
# kept partner has one Priya Raman, holding the copy's log entry and the
# address only the copy had; filtered by her number, c starts With at her.
# Before, the merge left two Priya Ramans, and the filter by her number
# named both: With stayed "(none)". Two people of one name whose addresses
# differ stay two.

. "$(dirname "$0")/lib.sh"

K="Harbor Science Center" C="The Harbor Science Center"
pd add "$K" --kind "science center" >/dev/null && pd add "$C" >/dev/null || fail "add failed"
pd contact add "$K" "Priya Raman" --title "Youth Outreach Coordinator" --phone "(804) 555-0151" >/dev/null &&
	pd contact add "$C" "priya raman" --phone "804 555 0151" --email "praman@harborscience.org" >/dev/null &&
	pd contact add "$K" "Sam Lee" --email "sam@harborscience.org" >/dev/null &&
	pd contact add "$C" "Sam Lee" --email "sam.lee@volunteers.org" >/dev/null || fail "contact add failed"
pd log "$C" --contact priya "Called about STEM Saturdays" >/dev/null || fail "log failed"

start pd
wait_for "2 partners"
keys pd /
type_text pd "the harbor"
wait_for "/the harbor"
keys pd Enter
wait_for "1/1"
keys pd M
wait_for "Put $C into which partner?"
keys pd Enter
wait_for "would join $C's Priya Raman with the one of the same"
wait_for "would move: 1 person, 1 log entry"
pass "the dry run says Priya Raman joins the one there; the other Sam Lee moves"
keys pd y
wait_for "joined Priya Raman with the one of the same name"
got=$(sql "SELECT count(*) FROM contacts WHERE name_fold = 'priya raman'")
[ "$got" = "[(1,)]" ] || fail "$got Priya Ramans after the merge"
got=$(sql "SELECT c.email FROM interactions i JOIN contacts c ON c.id = i.contact_id")
[ "$got" = "[('praman@harborscience.org',)]" ] || fail "the log entry names '$got'"
got=$(sql "SELECT count(*) FROM contacts WHERE name_fold = 'sam lee'")
[ "$got" = "[(2,)]" ] || fail "$got Sam Lees, want 2"
pass "one Priya Raman, with the copy's address and log entry; two Sam Lees"

keys pd Escape /
type_text pd "804 555 0151"
wait_for "/804 555 0151"
wait_for "1/1"
keys pd Enter c
wait_for "Log a contact with $K"
screen | grep -q "With     : Priya Raman " || fail "filtered by her number, With: $(screen | grep -o 'With     : [^│]*')"
pass "filtered by her number, c starts With at her"
keys pd Escape
wait_gone "Log a contact with"
keys pd q
assert_exit pd 0
check_memory
