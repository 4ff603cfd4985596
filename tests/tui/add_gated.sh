#!/bin/bash
# The add form at a stage that a move into needs an approval for (a
# marriage) is refused with the model's words, as `add --stage marriage`
# without --approved-by is; nothing is added, and the form stays open.

. "$(dirname "$0")/lib.sh"

pd add "Seed Library" >/dev/null || fail "add failed"
count() {
	pd list --format json | json_get "sum(1 for p in j if p['name'] == '$1')"
}

start pd
wait_for "Seed Library"
keys pd a
wait_for "Add a partner"
type_text pd "Gated Society"
# Fields: Name, Kind, Scale, Stage; the stage cycles Glance, Date, Engagement, Marriage.
keys pd Tab Tab Tab
keys pd Right Right Right
wait_for "< Marriage >"
keys pd C-s
wait_for "adding a partner at marriage needs an approval"
screen | grep -q "Add a partner" || fail "the form closed on the refusal"
[ "$(count 'Gated Society')" = 0 ] || fail "a partner was added at marriage with no approval"
pass "the add form at marriage is refused with the model's message, nothing added"
keys pd Escape
wait_for "Discard what you typed?"
keys pd C-x
wait_gone "Add a partner"
keys pd q
assert_exit pd 0
check_memory
