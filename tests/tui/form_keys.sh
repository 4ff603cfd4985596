#!/bin/bash
# Keys in a form: F1 opens the keys of forms over it (? is typed text
# there), Esc closes that and the form is as it was; rebound, help's key
# that types no text does, and the help line names it (or none). Ctrl-E's
# messages name the editor it runs: $VISUAL, else $EDITOR, else vi.

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

# Help rebound: a form's help is on help's key that types no text, and the
# help line names that key, or none when help has only ?.
printf 'keys:\n  help: ["?", F2]\n' > "$TEST_DIR/f2.yaml"
printf 'keys:\n  help: ["?"]\n' > "$TEST_DIR/q.yaml"
start f2 --config "$TEST_DIR/f2.yaml"
wait_for "Lincoln Elementary" f2
keys f2 "?"
wait_for "show the keys of this view; F2 those of a form" f2
keys f2 q
wait_gone "show the keys of this view" f2
keys f2 c
wait_for "Log a contact with Lincoln Elementary" f2
keys f2 F2
wait_for "Keys: form" f2
pass "help on ? and F2: the help line names F2, and F2 in a form shows the keys of forms"
keys f2 Escape Escape
wait_gone "Log a contact with" f2
keys f2 q
assert_exit f2 0
start qm --config "$TEST_DIR/q.yaml"
wait_for "Lincoln Elementary" qm
keys qm "?"
wait_for "show the keys of this view" qm
screen qm | grep -q "those of a form" && fail "with help on ? alone the help line names a form key"
pass "help on ? alone: the help line names no key for a form's keys"
keys qm q
wait_gone "show the keys of this view" qm
keys qm q
assert_exit qm 0

# short_field_message SESSION: Ctrl-E on the log form's When field.
short_field_message() {
	wait_for "Lincoln Elementary" "$1"
	keys "$1" c
	wait_for "Log a contact with Lincoln Elementary" "$1"
	keys "$1" BTab BTab
	keys "$1" C-e
	wait_for "this one is short" "$1"
	screen "$1" | grep -o "edits a long text field in [^;]*; this one is short"
}
for case in "VISUAL=my-visual EDITOR=my-editor|my-visual" "EDITOR=my-editor|my-editor" "|vi"; do
	envs=${case%%|*} want=${case#*|}
	PD_WRAP="env $envs" start ed
	got=$(short_field_message ed)
	[ "$got" = "edits a long text field in $want; this one is short" ] ||
		fail "with '$envs' the message says '$got', want the editor $want"
	keys ed Escape q
	assert_exit ed 0
	t kill-session -t ed
done
pass "Ctrl-E on a short field names the editor it would run (\$VISUAL, \$EDITOR, vi)"
check_memory
