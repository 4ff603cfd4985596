#!/bin/bash
# Keys in a form: F1 opens the keys of forms over it (? is typed text
# there), Esc closes that and the form is as it was. Ctrl-E's messages name
# the editor it runs: $VISUAL, else $EDITOR, else vi.

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
