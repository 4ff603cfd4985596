#!/bin/bash
# An arrow key whose bytes come apart (a slow SSH link) is still an arrow
# key when the user's ESCDELAY allows the wait: Esc O D (Left in keypad
# mode, as tmux sends it for TERM=screen) sent 300 ms apart
# under ESCDELAY=5000 moves the cursor in a note (it used to ask "Discard?"
# and type "OD"), and in the list Esc O A is Up (it used to open a new
# agreement with A). A margin of seconds: nothing here hangs on timing.

. "$(dirname "$0")/lib.sh"

pd add "Amgueddfa Cymru" --kind museum >/dev/null || fail "add failed"
pd add "Brynmawr Youth Club" --kind nonprofit >/dev/null || fail "add failed"

PD_WRAP="env ESCDELAY=5000 $PD_WRAP"
start pd
wait_for "Amgueddfa Cymru"
keys pd c
wait_for "Log a contact with Amgueddfa Cymru"
type_text pd "Talked about dates"
wait_for "Talked about dates"
keys pd Left
keys pd Escape
sleep 0.3
type_text pd "OD"
type_text pd "X"
wait_for "Note     : Talked about datXes"
screen pd | grep -q "Discard" && fail "the split Left arrow was taken as Esc"
pass "a Left arrow split by 300 ms moves the cursor under ESCDELAY=5000"
keys pd C-s
wait_gone "Log a contact with"

# The list: a split Up arrow selects the row above; A would open a form.
keys pd j
keys pd Escape
sleep 0.3
type_text pd "OA"
keys pd c
wait_for "Log a contact with Amgueddfa Cymru"
screen pd | grep -q "agreement" && fail "the split Up arrow opened the agreement form"
pass "an Up arrow split by 300 ms in the list is Up"
keys pd Escape
wait_gone "Log a contact with"
keys pd q
assert_exit pd 0
check_memory
