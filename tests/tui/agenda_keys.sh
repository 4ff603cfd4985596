#!/bin/bash
# The agenda's advice names keys as the config binds them: with reopen on
# U, done on z, agreement on Z, edit on E, stage-move on w and edit-log on
# R, "nothing to reopen", d on an agreement's or a review's row and r on
# one say those keys, never the defaults (u, d, A, e, m), which do nothing;
# z on a follow-up names one key of reopen's two (U, F7) to take it back.
# With agreement and stage-move left without keys, the advice says what to
# do in words, naming no key.

. "$(dirname "$0")/lib.sh"

cat > "$TEST_DIR/keys.yaml" <<'Y'
keys:
  reopen: [U, F7]
  done: [z]
  agreement: [Z]
  edit: [E]
  stage-move: [w]
  edit-log: [R]
Y
start pd --config "$TEST_DIR/keys.yaml" --demo
wait_for "Harbor Science Center"
keys pd 3
wait_for "Overdue ("
index_of() {
	pd agenda --days 14 --format json | json_get "[i['kind'] for i in j].index('$1')"
}
# to_row N: the agenda's N-th item (from 0) selected.
to_row() {
	local n
	keys pd g
	for n in $(seq 1 "$1"); do keys pd j; done
}

keys pd U
wait_for "nothing to reopen here: U undoes the last z (older"
pass "U with nothing to reopen names U and z"

to_row "$(index_of agreement_end)"
keys pd z
wait_for "to settle an agreement's date: Z and a later date (or none), or w to move"
keys pd R
wait_for "only a follow-up is a log entry to correct here; an agreement's date is"
wait_for "settled with Z"
pass "an agreement's row names Z and w"

to_row "$(index_of review)"
keys pd z
wait_for "to settle a review: E and a new Review by date (or none), or w to move"
keys pd R
wait_for "a review with E"
pass "a review's row names E and w"

to_row "$(index_of follow_up)"
keys pd z
wait_for "done (U undoes): follow-up with"
keys pd U
wait_for "reopened: follow-up with"
pass "z on a follow-up says U undoes it (one key of two), and U does"
keys pd q
assert_exit pd 0
t kill-session -t pd

DB="$TEST_DIR/none.db"
printf 'keys:\n  agreement: []\n  stage-move: []\n' > "$TEST_DIR/none.yaml"
start pd --config "$TEST_DIR/none.yaml" --demo
wait_for "Harbor Science Center"
keys pd 3
wait_for "Overdue ("
to_row "$(index_of agreement_end)"
keys pd d
wait_for "to settle an agreement's date: a later date (or none) in its agreement (bind"
wait_for "'agreement' in keys:), or \`partnerdesk move\` to move the stage"
screen | grep -q "A and a later" && fail "the advice names A, which is bound to nothing"
pass "unbound, the advice says what to do without a key"
keys pd q
assert_exit pd 0
