#!/bin/bash
# The first call with a partner that has no contact people yet: the
# newcomer goes up to With and types who called ("Mary"). The form said
# "With is chosen, not typed, and has no other choice here", which said
# neither where the name goes nor how Mary is added. Now it says both, with
# the add-contact key as bound, and that key does add her.

. "$(dirname "$0")/lib.sh"

P="Oakdale Grange Hall"
pd add "$P" >/dev/null || fail "add failed"

start pd
wait_for "$P"
keys pd c
wait_for "Log a contact with $P"
keys pd BTab
wait_for "< (none) >"
type_text pd "Mary"
wait_for "With: $P has no contact people yet: say who in the Note;"
wait_for "adds one to the partner after saving"
screen pd | grep -E -q "Note; C( |$)" || fail "the key to add a person is not named"
screen pd | grep -F -q "has no other choice here" && fail "the old message is still shown"
pass "With on a partner with no people says where the name goes and how to add them"

keys pd Tab
type_text pd "Mary Cole: story hour in the hall"
keys pd C-s
wait_gone "Log a contact with"
keys pd C
wait_for "New contact person at $P"
pass "C, as the message says, adds a person to the partner"
keys pd Escape
wait_gone "New contact person at"
keys pd q
assert_exit pd 0
pd show "$P" | grep -F -q "Mary Cole: story hour in the hall" || fail "the call was not logged"
