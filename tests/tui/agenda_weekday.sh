#!/bin/bash
# The agenda's dated rows (This week, Next week, Later) name the weekday
# before the date, as a form's date field says it: a librarian plans the
# week by its days. At 80 columns without the year ("Fri 11-27"), the
# note keeping its room; from 100 whole ("Fri 2026-11-27"). Overdue rows
# keep "3d late".

. "$(dirname "$0")/lib.sh"

pd add "Seoul Friends" --kind nonprofit >/dev/null || fail "add 1 failed"
pd add "Hillcrest Senior Center" --kind nonprofit >/dev/null || fail "add 2 failed"
pd log "Seoul Friends" --follow-up +2d "Confirm the tables" >/dev/null || fail "log 1 failed"
pd log "Hillcrest Senior Center" --follow-up -3d "Send the flyer" >/dev/null || fail "log 2 failed"
due=$(pd show "Seoul Friends" --format json | json_get 'j["interactions"][0]["follow_up"]')
day=$(LC_ALL=C date -d "$due" +%a) || fail "cannot read the date $due"

start pd
wait_for "Seoul Friends"
keys pd 3
wait_for "[3 Agenda]"
wait_for "$day ${due#*-} "
wait_for "3d late"
pass "at 80 columns a follow-up to come shows its weekday: $day ${due#*-}"
t resize-window -t pd -x 120 -y 30 >/dev/null 2>&1
wait_for "$day $due"
pass "at 120 columns with its year: $day $due"
keys pd q
assert_exit pd 0
