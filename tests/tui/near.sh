#!/bin/bash
# A filter that finds nothing offers what was most likely meant: "/pria"
# (the contact person is Priya) says 'Did you mean "priya"?' under its "No
# partner matches" line, and next-pane's key (Tab) takes the guess, which
# then finds the partner. Several equally near are all named, Tab taking
# the first; nothing near, no guess; and the phone's "Logging a call?"
# hint still comes first when a c typed after a match left none.

. "$(dirname "$0")/lib.sh"

pd add "Harbor Science Center" --phone "(804) 555-0150" >/dev/null || fail "add 1 failed"
pd contact add "Harbor Science Center" "Priya Raman" >/dev/null || fail "contact failed"
pd add "Riverside Art Museum" --kind museum >/dev/null || fail "add 2 failed"
pd add "Mus$(printf '\303\251')e d'Orsay" --kind museum >/dev/null || fail "add 3 failed"

start pd
wait_for "Riverside Art Museum"
keys pd /
type_text pd "pria"
wait_for "/pria"
wait_for "No partner matches the filter (Esc clears it)."
wait_for 'Did you mean "priya"? Tab takes it.'
pass "/pria offers the contact person's name"
keys pd Tab
wait_for "/priya"
wait_for "Harbor Science Center"
wait_gone "Did you mean"
screen pd | grep -F -q "Riverside Art Museum" && fail "the guess taken still lists Riverside"
pass "Tab takes the guess, which finds the partner"

keys pd C-u
type_text pd "musem"
wait_for "/musem"
wait_for 'Did you mean "musee" or "museum"? Tab takes the first.'
pass "two words equally near: both named"
keys pd Enter
wait_for "musem"
keys pd Tab
wait_for "Mus"
wait_for "d'Orsay"
screen pd | grep -F -q "Riverside Art Museum" && fail "musee lists Riverside"
pass "with the filter kept, Tab takes the first guess too"

keys pd Escape
keys pd /
type_text pd "xylophone"
wait_for "/xylophone"
wait_for "No partner matches the filter (Esc clears it)."
screen pd | grep -F -q "Did you mean" && fail "xylophone: a wild guess"
pass "nothing near: no guess"

# The phone's hint is kept: a c after a match that found the partner.
keys pd C-u
type_text pd "555-0150c"
wait_for "/555-0150c"
wait_for "Logging a call? Backspace, then Enter, then c."
screen pd | grep -F -q "Did you mean" && fail "a c typed to log a call is met with a guess"
pass "the call's hint comes before any guess"
keys pd Escape
wait_gone "/555-0150c"
keys pd q
assert_exit pd 0
