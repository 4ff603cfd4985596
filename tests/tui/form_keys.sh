#!/bin/bash
# Keys in a form: F1 opens the keys of forms over it (? is typed text
# there), Esc closes that and the form is as it was.

. "$(dirname "$0")/lib.sh"

pd add "Lincoln Elementary" --kind school >/dev/null || fail "add failed"

start pd
wait_for "Lincoln Elementary"
keys pd c
wait_for "Log a contact with Lincoln Elementary"
type_text pd "Asked? Yes"
wait_for "Asked? Yes"
keys pd F1
wait_for "Keys: form"
wait_for "save the form"
screen | grep -q "The three things people do most" && fail "the form's help offers the views' keys"
pass "F1 in a form shows the keys of forms"
keys pd Escape
wait_gone "Keys: form"
wait_for "Log a contact with Lincoln Elementary"
wait_for "Asked? Yes"
pass "Esc closes it; the form is as it was, ? typed in its note"
keys pd Escape C-x
wait_gone "Log a contact with"
keys pd q
assert_exit pd 0

check_memory
