#!/bin/bash
# The partner form of a partner at an end stage (dissolved) offers no
# "Review by": a review date there would be on no agenda, and the model
# refuses one (as `edit --review` does), nor does its Overview show one
# kept from before. At an active stage it is there.

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

# A review date kept from before the rule (an old desk, a backup) is
# not shown in the Overview as if it applied.
pd move "Closed Gallery" dissolved --reason "funding ended again" >/dev/null || fail "move failed"
python3 -c 'import sqlite3,sys; c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("UPDATE partners SET review_date = ? WHERE name = ?", ("2027-03-01", "Closed Gallery"))' "$DB" ||
	fail "could not set the kept review date"
[ "$(sql "SELECT review_date FROM partners")" = "[('2027-03-01',)]" ] || fail "the kept review date is not there"
start over
wait_for "Closed Gallery" over
keys over Enter
wait_for "No contact logged yet" over
wait_for "Dissolved" over
screen over | grep -q "Review by" && fail "the Overview at dissolved shows the kept Review by"
pass "the Overview at dissolved shows no Review by"
keys over q
wait_gone "No contact logged yet" over
keys over q
assert_exit over 0
check_memory
