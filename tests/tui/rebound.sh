#!/bin/bash
# Keys rebound in the config (`keys:`) replace the defaults everywhere: the
# form's hint names the keys in force and the form obeys only them (C-s no
# longer saves once save is C-w, and C-w saves); the help overlay's footer
# and its filter entry name the rebound keys, and the old ones do nothing.

. "$(dirname "$0")/lib.sh"

cat > "$TEST_DIR/keys.yaml" <<'Y'
keys:
  quit: [x, C-q]
  down: [n, Down]
  save: [C-w]
  cancel: [C-g]
  help: [F2]
Y
pd add "Riverside Art Museum" >/dev/null || fail "could not add a partner"
"$PD" --config "$TEST_DIR/keys.yaml" --db "$DB" check >/dev/null || fail "the keys config is refused"

start pd --config "$TEST_DIR/keys.yaml"
wait_for "Riverside Art Museum"
keys pd c
wait_for "Log a contact with"
screen | grep -q "C-w save" || fail "the form's hint does not name C-w for save"
screen | grep -q "C-s save" && fail "the form's hint still says C-s save"
screen | grep -q "C-g cancel" || fail "the form's hint does not name C-g for cancel"
screen | grep -q "Esc cancel" && fail "the form's hint still says Esc cancel"
pass "the form's hint names the keys in force"
type_text pd "Asked about the kickoff"
keys pd C-s
sleep 0.5
screen | grep -q "Log a contact with" || fail "C-s saved although save is bound to C-w"
pass "C-s no longer saves"
keys pd C-w
wait_gone "Log a contact with"
wait_for "logged phone with Riverside Art Museum"
[ "$(pd show Riverside --format json | json_get 'len(j["interactions"])')" = 1 ] ||
	fail "C-w did not save the note"
pass "C-w saves"

keys pd F2
wait_for "Keys: list"
screen | grep -q "n/k scroll, x or C-g closes" || fail "the help footer does not name the keys in force"
screen | grep -q "j/k scroll" && fail "the help footer still says j/k scroll"
screen | grep -q "C-g clears" || fail "the filter entry does not name C-g"
pass "the help overlay names the rebound keys"
keys pd q
sleep 0.3
screen | grep -q "Keys: list" || fail "q closed the help although quit is x"
keys pd Escape
sleep 0.3
screen | grep -q "Keys: list" || fail "Esc closed the help although cancel is C-g"
keys pd C-g
wait_gone "Keys: list"
pass "the old keys do not close the help; the new one does"
keys pd x
assert_exit pd 0
check_memory
