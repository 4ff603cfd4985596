#!/bin/bash
# Typing in a locale that is not UTF-8 (LANG unset or C, common over SSH)
# loses nothing: the terminal's UTF-8 letters are kept (and saved as
# typed) with all that was typed after them, shown as ? on screen, and the
# status line says once why and what to do. A byte that is no UTF-8 (a
# Latin-1 terminal) is left out, said so, and the rest of the typing kept.

. "$(dirname "$0")/lib.sh"

pd add "Amgueddfa Cymru" --kind museum >/dev/null || fail "add failed"
pd add "Brynmawr Youth Club" --kind nonprofit >/dev/null || fail "add failed"

last_note() {
	pd show "$1" --format json | json_get 'j["interactions"][-1]["text"]'
}

PD_WRAP="env -u LANG -u LC_CTYPE LC_ALL=C $PD_WRAP"
start pd
wait_for "Amgueddfa Cymru"
keys pd c
wait_for "Log a contact with Amgueddfa Cymru"
type_text pd "Rosé from the Café said: bring 20 chairs"
wait_for "Note     : Ros? from the Caf? said: bring 20 chairs"
wait_for "locale C: non-ASCII text is kept but shows as ?; start with LANG=C.UTF-8"
pass "the typing after an accent is all there, and the status line says why it shows as ?"
type_text pd " Łódź"
wait_for "bring 20 chairs ??d?"
screen pd | grep -q "non-ASCII text is kept" && fail "the notice is said again"
pass "the notice is said once"
keys pd C-s
wait_gone "Log a contact with"
got=$(last_note "Amgueddfa Cymru")
[ "$got" = "Rosé from the Café said: bring 20 chairs Łódź" ] || fail "saved note: '$got'"
pass "the note is saved as typed, in UTF-8"

# A Latin-1 terminal: é is the byte 0xE9, which is no UTF-8.
keys pd j c
wait_for "Log a contact with Brynmawr Youth Club"
type_text pd "Ros"
t send-keys -t pd -H e9
type_text pd " said yes"
wait_for "Note     : Ros said yes"
wait_for "typed byte 0xe9 is not UTF-8, left out; set LANG to the terminal's encoding"
pass "a byte that is no UTF-8 is left out and named; the rest of the typing is kept"
keys pd C-s
wait_gone "Log a contact with"
got=$(last_note "Brynmawr Youth Club")
[ "$got" = "Ros said yes" ] || fail "saved note: '$got'"
pass "and saved"
keys pd q
assert_exit pd 0
check_memory
