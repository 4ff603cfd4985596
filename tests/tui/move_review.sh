#!/bin/bash
# The move form and review dates: Review by holds the date the form offers
# for a target that is reviewed (an engagement). Typed for a stage with no
# review period it is refused, as `move --review` is; the form's own offer
# goes with a move to such a stage unsaid.

. "$(dirname "$0")/lib.sh"

pd add "Lincoln Elementary" --kind school --stage date >/dev/null || fail "add failed"
pd add "Oak Hill Garden Club" --kind "civic group" --stage date >/dev/null || fail "add failed"

start pd
wait_for "Lincoln Elementary"

keys pd m
wait_for "Move Lincoln Elementary from Date"
keys pd Space Space
wait_for "To stage : < Dissolved >"
keys pd Tab
type_text pd "Funding ended"
keys pd Tab C-u
type_text pd "2030-01-01"
keys pd C-s
wait_for "Dissolved has no review period, so a move there keeps no review date"
got=$(pd show Lincoln --format json | json_get 'j["stage"], j["review_date"]')
[ "$got" = "('date', None)" ] || fail "the refused move left Lincoln at $got"
keys pd C-u C-s
wait_gone "Move Lincoln Elementary"
got=$(pd show Lincoln --format json | json_get 'j["stage"], j["review_date"]')
[ "$got" = "('dissolved', None)" ] || fail "Lincoln moved to $got"
pass "a review date typed for a stage with no review period is refused; cleared, the move goes"

keys pd Down
keys pd m
wait_for "Move Oak Hill Garden Club from Date"
wait_for "To stage : < Glance >"
wait_for "Review by: +90d"
keys pd C-s
wait_gone "Move Oak Hill Garden Club"
got=$(pd show "Oak Hill" --format json | json_get 'j["stage"], j["review_date"]')
[ "$got" = "('glance', None)" ] || fail "Oak Hill moved to $got"
pass "the review date the form offered goes with a move to a stage without one"

keys pd q
assert_exit pd 0
check_memory
