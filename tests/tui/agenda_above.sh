#!/bin/bash
# A colleague's overdue follow-up lands above the one selected in an
# agenda that fits on the screen: it is shown, heading and all, not
# scrolled off the top to keep the selected row on its line (nothing on
# the screen said it was there). The selection stays on its item: d marks
# that one done.

. "$(dirname "$0")/lib.sh"

pd add "Seoul Friends" --kind nonprofit >/dev/null || fail "add 1 failed"
pd add "Hillcrest Senior Center" --kind nonprofit >/dev/null || fail "add 2 failed"
pd log "Seoul Friends" --follow-up +2d "Confirm the tables" >/dev/null || fail "log 1 failed"

start pd
wait_for "Seoul Friends"
keys pd 3
wait_for "[3 Agenda]"
wait_for "Confirm the tables"
pd log "Hillcrest Senior Center" --follow-up -2d "Send the flyer" >/dev/null 2>&1 || fail "log 2 failed"
wait_for "Overdue (1)"
wait_for "Send the flyer"
pass "a colleague's overdue follow-up above the selection is shown with its heading"
keys pd d
wait_for "done (u undoes): follow-up with Seoul Friends"
[ "$(sql "SELECT text FROM interactions WHERE done = 1")" = "[('Confirm the tables',)]" ] ||
	fail "d did not mark the selected follow-up done"
pass "the selection stayed on its item: d marks it"

keys pd q
assert_exit pd 0
check_memory
echo "1..2"
