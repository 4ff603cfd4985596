#!/bin/bash
# A follow-up and a time as said on a call or read off an email: Follow up
# takes "sat 5 dec 2037" (a weekday and the day it is), "in 2 weeks'
# time" and "this fri"; "fri 5 dec 2037" shows which weekday 2037-12-05
# is and the save says both, saving nothing; When takes "yesterday at
# 3pm". Each was "not a date" or "not a time".

. "$(dirname "$0")/lib.sh"

P="Canolfan Gymraeg"
pd add "$P" >/dev/null || fail "add failed"

start pd
wait_for "$P"
keys pd c
wait_for "Log a contact with $P"
type_text pd "Elin: the reading group can move to the Saturday"
keys pd Tab
type_text pd "sat 5 dec 2037"
wait_for "= Sat 2037-12-05"
pass "sat 5 dec 2037 is read as Saturday the 5th"
keys pd C-u
type_text pd "in 2 weeks' time"
wait_for "= $(date -d '+14 days' +'%a %F')"
keys pd C-u
type_text pd "this fri"
fri=$(date -d 'fri' +'%a %F')
wait_for "= $fri"
pass "in 2 weeks' time and this fri are read"

keys pd C-u
type_text pd "fri 5 dec 2037"
wait_for "? 2037-12-05 is Sat"
keys pd C-s
wait_for "2037-12-05 is a Saturday, not a Friday"
pass "fri 5 dec 2037 shows the 5th is a Saturday; the save says so"
keys pd C-u
type_text pd "sat 5 dec 2037"

# Back to When: the channel, When, With and Note come before Follow up.
keys pd BTab BTab BTab
keys pd C-u
type_text pd "yesterday at 3pm"
wait_for "= $(date -d yesterday +'%a %F') 15:00"
pass "yesterday at 3pm is read"
keys pd C-s
wait_gone "Log a contact with"
got=$(sql "SELECT follow_up, substr(at, 1, 10) FROM interactions")
want="[('2037-12-05', '$(TZ=UTC date -d "$(date -d yesterday +%F) 15:00" +%F)')]"
[ "$got" = "$want" ] || fail "saved: $got, want $want"
pass "saved: the follow-up on 2037-12-05, the call yesterday"

keys pd q
assert_exit pd 0
check_memory
