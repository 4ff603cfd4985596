#!/bin/bash
# The move form and review dates: Review by shows only for a target stage
# that keeps a review date (an engagement, reviewed after 90 days), and
# follows the target as it is changed: it goes for Glance and Dissolved,
# and comes back with its offer for Engagement. A move to a stage with no
# review period keeps no review date, and the form never showed one.

. "$(dirname "$0")/lib.sh"

pd add "Lincoln Elementary" --kind school --stage date >/dev/null || fail "add failed"
pd add "Oak Hill Garden Club" --kind "civic group" --stage date >/dev/null || fail "add failed"

start pd
wait_for "Lincoln Elementary"

keys pd m
wait_for "Move Lincoln Elementary from Date"
wait_for "To stage : < Glance >"
screen | grep -q "Review by" && fail "Review by shows for Glance, which keeps no review date"
keys pd Space
wait_for "To stage : < Engagement >"
wait_for_re "Review by: \+90d +="
keys pd Space
wait_for "To stage : < Dissolved >"
wait_gone "Review by"
pass "Review by shows for Engagement alone, following the target as it changes"

# A date typed for Engagement stays with it; hidden for Dissolved, it is
# not the move's.
keys pd Left
wait_for "To stage : < Engagement >"
keys pd Tab
type_text pd "Funding ended"
keys pd Tab C-u
type_text pd "2030-01-01"
keys pd BTab BTab Right
wait_for "To stage : < Dissolved >"
wait_gone "Review by"
keys pd Left
wait_for "Review by: 2030-01-01"
keys pd Right
wait_gone "Review by"
keys pd C-s
wait_gone "Move Lincoln Elementary"
got=$(pd show Lincoln --format json | json_get 'j["stage"], j["review_date"]')
[ "$got" = "('dissolved', None)" ] || fail "Lincoln moved to $got"
pass "a date typed for Engagement is kept while it is the target, and not the move's to Dissolved"

keys pd Down
keys pd m
wait_for "Move Oak Hill Garden Club from Date"
wait_for "To stage : < Glance >"
keys pd Space
wait_for_re "Review by: \+90d +="
keys pd C-s
wait_for "needs a reason"
type_text pd "A year of shared events"
keys pd C-s
wait_gone "Move Oak Hill Garden Club"
got=$(pd show "Oak Hill" --format json | json_get 'j["stage"], j["review_date"]')
want=$(date -d '+90 days' +%F)
[ "$got" = "('engagement', '$want')" ] || fail "Oak Hill moved to $got, want engagement reviewed $want"
pass "the review date offered goes with a move to Engagement"

keys pd q
assert_exit pd 0
check_memory
