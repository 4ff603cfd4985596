#!/bin/bash
# The detail view's History tab: each stage move with its time (not the
# date alone, so that several moves on one day can be told apart), and the
# partner's edits from the audit trail: "renamed from Harbor Science
# Center" by whom and when, an edited note's old text.

. "$(dirname "$0")/lib.sh"
export TZ=UTC

pd add "Harbor Science Center" --kind "science center" >/dev/null || fail "add"
pd edit harbor --name "Harbour Science Centre" --notes "secret old note" >/dev/null || fail "rename"
pd edit harbour --notes "new note" >/dev/null || fail "edit notes"
pd move harbour date --reason "camp agreed" >/dev/null || fail "move"
user=$(pd show harbour --format json | json_get 'j["history"][-1]["by"]')
moved=$(pd show harbour --format json | json_get 'j["history"][-1]["at"][:16].replace("T", " ")')

start pd
wait_for "Harbour Science Centre"
keys pd Enter
# To the History tab: l moves right through the tabs.
for _ in 1 2 3; do keys pd l; done
wait_for "Glance -> Date"
screen | grep -F -q -- "$moved  Glance -> Date  by $user" ||
	fail "the move does not show its time: want '$moved  Glance -> Date  by $user'"
pass "a move shows the time: $moved"
wait_for "Changes, newest first"
screen | grep -F -q "renamed from Harbor Science Center" || fail "the rename is not shown with the old name"
pass "the rename shows the old name"
screen | grep -q "edited  by $user" || fail "no 'edited by $user' line"
screen | grep -F -q "notes: secret old note -> new note" || fail "the notes edit does not show the old text"
pass "an edit of notes shows what they were"
keys pd q
keys pd q
assert_exit pd 0
check_memory
