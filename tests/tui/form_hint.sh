#!/bin/bash
# A form's own hint line (above its bottom border) offers only keys that act
# on the field focused: the editor key on a long text field alone (on a
# short one it only says the field is short), and on a choice of several
# the keys that go through it, since typing there picks, not types.

. "$(dirname "$0")/lib.sh"

pd add "Café Olé Roasters" --kind business >/dev/null || fail "add failed"

# The form's hint: the box's row holding "S-Tab prev".
form_hint() {
	screen | grep "S-Tab prev"
}
# hint_is WANT [NOT]: polls until the form's hint holds WANT and not NOT.
hint_is() {
	local line
	line=$(form_hint) || return 1
	case $line in *"$1"*) ;; *) return 1 ;; esac
	[ -z "${2:-}" ] && return 0
	case $line in *"$2"*) return 1 ;; esac
}
expect_hint() {
	poll "$TIMEOUT" hint_is "$2" "${3:-}" >/dev/null ||
		fail "$1: the form's hint is '$(form_hint)'; want '$2'${3:+, not '$3'}"
}

start pd
wait_for "Café Olé Roasters"
keys pd C
wait_for "New contact person at Café Olé Roasters"
expect_hint "on the Name" "Esc cancel" "C-e"
pass "a short text field: no editor key offered"
keys pd Tab Tab Tab Tab
wait_for_re "Prefers: < \(no preference\) >"
expect_hint "on Prefers" "Space/Left/Right choose" "C-e"
pass "a choice: Space/Left/Right offered, no editor key"
keys pd Tab
expect_hint "on the Notes" "C-e editor" "choose"
pass "a long text field: the editor key offered"
keys pd Escape
wait_gone "New contact person"

# The log form: Note (long), then a With of one choice (nothing to go
# through) and When (short text).
keys pd c
wait_for "Log a contact with Café Olé Roasters"
expect_hint "on the Note" "C-e editor"
keys pd BTab
wait_for_re "With +: < \(none\) >"
expect_hint "on a With of one choice" "Esc cancel" "choose"
screen | grep "S-Tab prev" | grep -q "C-e" && fail "C-e offered on a With of one choice"
keys pd BTab
expect_hint "on When" "Esc cancel" "C-e"
pass "the log form: the editor key on the Note alone; no choosing in a With of one"
keys pd Escape
wait_gone "Log a contact with"
keys pd q
assert_exit pd 0
