#!/bin/bash
# The partner form of a partner at an end stage (dissolved) offers no
# "Review by": a review date there would be on no agenda, and the model
# refuses one (as `edit --review` does). At an active stage it is there.

. "$(dirname "$0")/lib.sh"

pd add "Closed Gallery" >/dev/null || fail "add failed"
pd move "Closed Gallery" dissolved --reason "funding ended" >/dev/null || fail "move failed"

start pd
wait_for "Closed Gallery"
keys pd e
wait_for "Edit Closed Gallery"
wait_for "Fiscal month"
screen | grep -q "Review by" && fail "the form at dissolved offers Review by"
pass "the edit form at dissolved has no Review by"
keys pd Escape
wait_gone "Edit Closed Gallery"

pd move "Closed Gallery" glance --reason "back in touch" >/dev/null || fail "move back failed"
wait_for_re "Glance"
keys pd e
wait_for "Edit Closed Gallery"
wait_for "Review by"
pass "back at an active stage, the form offers Review by"
keys pd Escape
wait_gone "Edit Closed Gallery"
keys pd q
assert_exit pd 0
check_memory
