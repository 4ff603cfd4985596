#!/bin/bash
# A letter no action has says so on the status line, so that a key sent
# on a slow link is seen to have arrived: 'z does nothing here; ? lists
# the keys'. A key the config moved says where its action went: with log
# on L, 'c' did nothing and said nothing; it now says 'your config gives
# log the key L'.

. "$(dirname "$0")/lib.sh"

pd add "Riverside Art Museum" --kind museum >/dev/null || fail "add failed"

start pd
wait_for "Riverside Art Museum"
keys pd z
wait_for "z does nothing here; ? lists the keys"
pass "a letter bound to nothing says so"
keys pd j
wait_gone "does nothing here"
pass "and the next key that does something clears it"
keys pd q
assert_exit pd 0
t kill-session -t pd

cat > "$TEST_DIR/keys.yaml" <<'Y'
keys:
  log: [L]
  help: [F1]
Y
"$PD" --config "$TEST_DIR/keys.yaml" --db "$DB" check >/dev/null || fail "the keys config is refused"
start pd --config "$TEST_DIR/keys.yaml"
wait_for "Riverside Art Museum"
keys pd c
wait_for "c does nothing here: your config gives log the key L; F1 lists the keys"
pass "a key the config moved says where its action went, and help's key as bound"
keys pd 2
wait_for "Glance"
keys pd c
wait_for "your config gives log the key L"
pass "in the kanban too"
keys pd L
wait_for "Log a contact with"
pass "and the key named does it"
keys pd Escape
wait_gone "Log a contact with"
keys pd q
assert_exit pd 0
check_memory
