#!/bin/bash
# Notes `log` kept in the data directory when it could not save them reach
# the log only when someone runs them: the interface says at start, in its
# status line, how many wait and how to log them (sh FILE for one; check
# lists several), and says nothing when none wait.

. "$(dirname "$0")/lib.sh"

pd add "Riverside Museum" --kind museum >/dev/null || fail "add failed"

start pd
wait_for "Riverside Museum"
screen pd | grep -q "kept note" && fail "a kept note is mentioned though none waits"
keys pd q
assert_exit pd 0
t kill-session -t pd

# A note piped to log for a mistyped partner is kept (exit 1).
echo "Ann confirmed the fair booth" | pd log "Riversdie" - 2>/dev/null && fail "log of an unknown partner succeeded"
kept=$(ls "$XDG_DATA_HOME"/partnerdesk/kept/*.sh 2>/dev/null)
[ "$(echo "$kept" | wc -l)" = 1 ] && [ -n "$kept" ] || fail "no kept note: $kept"

start pd
wait_for "1 kept note waits to be logged"
# The message takes both bottom lines; its end, the command, must be there.
screen pd | tr -s ' \n' ' ' | grep -F -q "sh $kept" || fail "the status line does not say sh $kept"
pass "at start, the status line names the one kept note and the sh FILE that logs it"
keys pd j
wait_gone "kept note"
pass "and gives way at the first key"
keys pd q
assert_exit pd 0
t kill-session -t pd

echo "Second note" | pd log "Nowhere" - 2>/dev/null
start pd
wait_for "2 kept notes wait to be logged"
screen pd | tr -s ' \n' ' ' | grep -F -q "partnerdesk check lists them; sh FILE logs each" \
	|| fail "the status line does not say how to list and log them"
pass "two kept notes: counted, with where they are listed"
keys pd q
assert_exit pd 0
check_memory
echo "1..3"
