#!/bin/bash
# A date typed as said on the phone, a day and a month's name either way
# round ("Dec 3, 2030", "3 rhagfyr 2030"; "1 Jan", the next one), is read
# in the log form's Follow up, the form showing the date it took, and
# saves; When takes one with a time ("20 nov 2025 15:00"). Both were "not
# a date".

. "$(dirname "$0")/lib.sh"

P="Amgueddfa Genedlaethol Caerdydd"
pd add "$P" >/dev/null || fail "add failed"

start pd
wait_for "$P"
keys pd c
wait_for "Log a contact with $P"
type_text pd "Elin: the family Saturday is on"
keys pd Tab
type_text pd "Dec 3, 2030"
wait_for "= Tue 2030-12-03"
keys pd C-u
type_text pd "3 rhagfyr 2030"
wait_for "= Tue 2030-12-03"
pass "Dec 3, 2030 and 3 rhagfyr 2030 are read as the 3rd of December"
# With no year, the next such day, today included, as a weekday is read.
if [ "$(date +%m-%d)" = 01-01 ]; then jan1=$(date +%Y)-01-01; else jan1=$(($(date +%Y) + 1))-01-01; fi
keys pd C-u
type_text pd "1 Jan"
wait_for "= $(date -d "$jan1" +%a) $jan1"
pass "1 Jan with no year is the next 1st of January"
keys pd C-u
type_text pd "3 rhagfyr 2030"
wait_for "= Tue 2030-12-03"

# Back to When: the channel, When, With and Note come before Follow up.
keys pd BTab BTab BTab
keys pd C-u
type_text pd "20 nov 2025 15:00"
wait_for "20 nov 2025 15:00"
keys pd C-s
wait_gone "Log a contact with"
got=$(sql "SELECT follow_up, substr(at, 1, 10) FROM interactions")
[ "$got" = "[('2030-12-03', '2025-11-20')]" ] || fail "saved: $got, want the 3rd of December, logged on 20 November"
pass "saved: the follow-up on 2030-12-03, the call on 2025-11-20"

keys pd q
assert_exit pd 0
check_memory
