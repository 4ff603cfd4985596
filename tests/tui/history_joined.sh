#!/bin/bash
# The History tab after a merge that joined two people of one name: the
# person taken off reads "contact joined" and "Ana Ruiz joined into Ana
# Ruiz by merge", not "contact deleted" with "renamed from Ana Ruiz" (a
# person deleted says "deleted NAME" before the fields that went).

. "$(dirname "$0")/lib.sh"

pd add "Harbor Science Center" >/dev/null || fail "add 1 failed"
pd add "Harbor Science Ctr" >/dev/null || fail "add 2 failed"
pd contact add 1 "Ana Ruiz" --email ana@harbor.example.org >/dev/null || fail "contact 1 failed"
pd contact add 2 "Ana Ruiz" --phone "555 0101" >/dev/null || fail "contact 2 failed"
pd contact add 1 "Sam Lee" >/dev/null || fail "contact 3 failed"
pd merge 2 1 >/dev/null || fail "merge failed"
pd contact delete 1 "Sam Lee" --force >/dev/null || fail "contact delete failed"

start pd
wait_for "Harbor Science Center"
keys pd Enter
wait_for "History"
keys pd l l l
wait_for "Changes, newest first"
wait_for "contact joined  by"
wait_for "Ana Ruiz joined into Ana Ruiz by merge"
wait_for "deleted Sam Lee"
screen pd | grep -F -q "renamed from" && fail "a person taken off reads as renamed"
pass "the History tab says the person joined by the merge, and the one deleted"
keys pd q q
assert_exit pd 0
