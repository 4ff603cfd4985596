#!/bin/bash
# Places with nothing to act on say what to do, whole: the empty agenda's
# sentence wraps at 80 columns instead of ending in "appea…", and d in a
# Log tab where no entry has a follow-up says how to set one (r) rather
# than to move the mark > to one that is not there.

. "$(dirname "$0")/lib.sh"

P="Riverside Café"
pd add "$P" --kind business >/dev/null || fail "add failed"
pd log "$P" "Talked to the manager about a reading corner" >/dev/null || fail "log failed"

start pd
wait_for "$P"
keys pd 3
wait_for "[3 Agenda]"
wait_for "Nothing due in the next two weeks"
# the sentence's last word on the next row, not cut at the edge
wait_for_re '^  here\.$'
screen | grep -F -q "appea…" && fail "the empty agenda's sentence is cut"
pass "the empty agenda's sentence is drawn whole at 80 columns"

keys pd 1
wait_for "[1 List]"
keys pd Enter
wait_for "Overview"
keys pd l l
wait_for "Talked to the manager"
keys pd d
wait_for "no entry here has a follow-up: r on an entry sets one"
screen | grep -F -q "move the mark" && fail "d points to a follow-up that is not there"
pass "d in a Log tab with no follow-up says r sets one"
keys pd u
wait_for "no entry here has a follow-up: r on an entry sets one"
pass "u says the same"

# With a follow-up on another entry, moving the mark is the way.
pd log "$P" --follow-up +3d "Call back about the poster" >/dev/null || fail "log 2 failed"
# a colleague's entry shows at once
wait_for "Call back about the poster"
wait_for_re '^>.*r: correct'
keys pd j
# the entry under the mark's line
marked() { screen | grep -A1 '^>' | grep -q -F -- "$1"; }
poll 5 marked "Talked to the manager" || fail "j did not mark the entry with no follow-up"
keys pd d
wait_for "has no follow-up: j/k move the mark to one"
pass "with a follow-up elsewhere, d still says to move the mark"

keys pd q
wait_for "[1 List]"
keys pd q
assert_exit pd 0
check_memory
echo "1..4"
