#!/bin/bash
# The selection follows the partner, not the place: after a stage move from
# the kanban (> and m) the card is selected in its new column, so the next
# c logs against the same partner; a logged contact re-sorts a column and
# the selection stays; in the list an edit that changes the sort order
# keeps the partner selected, and so does s (sort), and so does Esc
# clearing the filter that found it; a partner just added is the one
# selected.

. "$(dirname "$0")/lib.sh"

start pd --demo
wait_for "Harbor Science Center"
keys pd 2
wait_for "Engagement ("
# The second card of the first column, so that the index and the partner differ.
keys pd j
before=$(log_target)
[ -n "$before" ] || fail "no partner named by the log form"
keys pd '>'
wait_for "Move "
type_text pd "Met at the fair"
keys pd C-s
if screen | grep -q "whoever approved"; then
	type_text pd "Branch Manager Lee"
	keys pd C-s
fi
wait_for "moved from"
after=$(log_target)
[ "$after" = "$before" ] || fail "after > the selection is on '$after', want '$before'"
pass "> keeps the moved partner selected ($before)"
# The rule under the heads marks a column scrolled down (^): the new column
# scrolls only as far as it must to show the card, not to put it on top.
screen | sed -n 3p | grep -q '\^' && fail "a column scrolled needlessly after the move"
pass "the new column does not scroll needlessly"

# m to any stage: the card goes to another column and stays selected.
keys pd m
wait_for "Move "
type_text pd "Trying again"
keys pd C-s
if screen | grep -q "whoever approved"; then
	type_text pd "Branch Manager Lee"
	keys pd C-s
fi
wait_for "moved from"
after=$(log_target)
[ "$after" = "$before" ] || fail "after m the selection is on '$after', want '$before'"
pass "m keeps the moved partner selected"

# A contact logged moves the card to the top of its column (sorted by
# last contact); the selection goes with it.
keys pd l j
target=$(log_target)
keys pd c
wait_for "Log a contact with"
type_text pd "Quick call"
keys pd C-s
wait_gone "Log a contact with"
after=$(log_target)
[ "$after" = "$target" ] || fail "after logging, the selection is on '$after', want '$target'"
pass "a logged contact keeps the partner selected ($target)"

# The list: rename the selected partner so that it sorts elsewhere.
keys pd 1
wait_for "Name"
keys pd g j j
keys pd e
wait_for "Edit "
keys pd C-u
type_text pd "Aaa Renamed Partner"
keys pd C-s
wait_gone "Edit "
wait_for "Aaa Renamed Partner"
keys pd e
wait_for "Edit Aaa Renamed Partner"
pass "an edit that re-sorts the list keeps the partner selected"
keys pd Escape
wait_gone "Edit "

# s re-sorts the list: the same partner stays selected, so the next c, >
# or e acts on it and not on whoever now has its row number.
keys pd g j j j j j j j j j
before=$(log_target)
[ -n "$before" ] || fail "no partner named by the log form"
for sort in stage "last contact" "next follow-up" name; do
	keys pd s
	wait_for "sorted by $sort"
	after=$(log_target)
	[ "$after" = "$before" ] || fail "after sorting by $sort the selection is on '$after', want '$before'"
done
pass "s keeps the partner selected through every sort ($before)"

# A partner found with the filter stays selected when the filter is
# cleared (Esc), whether the filter was kept (Enter) or is being typed.
keys pd /
type_text pd "museum"
keys pd Down Enter
wait_gone "Harbor Science Center"
found=$(log_target)
[ -n "$found" ] || fail "no partner named by the log form"
keys pd Escape
wait_gone "/museum"
after=$(log_target)
[ "$after" = "$found" ] || fail "after Esc cleared the kept filter the selection is on '$after', want '$found'"
keys pd g /
type_text pd "museum"
keys pd Down
wait_gone "Harbor Science Center"
keys pd Escape
wait_gone "/museum"
after=$(log_target)
[ "$after" = "$found" ] || fail "after Esc cleared the filter being typed the selection is on '$after', want '$found'"
pass "clearing the filter keeps the partner found with it selected ($found)"

keys pd a
wait_for "Add a partner"
type_text pd "Zebra Crossing Society"
keys pd C-s
wait_gone "Add a partner"
keys pd e
wait_for "Edit Zebra Crossing Society"
pass "a partner just added is selected"
keys pd Escape
wait_gone "Edit "
keys pd q
assert_exit pd 0
check_memory
