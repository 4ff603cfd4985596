#!/bin/bash
# On a vt100 (a phone's SSH client often says it is one) the terminal type
# lists no Home, End, Delete or Shift-Tab, yet the keys send xterm's
# sequences: in a form they move and delete as the hint says, and never
# come as an Esc and letters typed into the note ("abc[Z").

. "$(dirname "$0")/lib.sh"

pd add "Amgueddfa Cymru" --kind museum >/dev/null || fail "add failed"

PD_WRAP="env TERM=vt100 NO_COLOR=1"
start pd
wait_for "Amgueddfa Cymru"
keys pd c
wait_for "Log a contact with Amgueddfa Cymru"
type_text pd "abc"
wait_for "Note     : abc"
keys pd BTab
wait_for "With     : < (none) >"
screen | grep -q 'abc\[Z' && fail "Shift-Tab typed [Z into the note"
pass "Shift-Tab goes to the field before, as the hint says"
keys pd Tab
type_text pd "def"
keys pd Home
keys pd DC
keys pd End
type_text pd "!"
wait_for "Note     : bcdef!"
pass "Home, Delete and End move and delete; nothing typed"
keys pd C-s
wait_gone "Log a contact with"
texts=$(pd show "Amgueddfa Cymru" --format json | json_get '[i["text"] for i in j["interactions"]]')
[ "$texts" = "['bcdef!']" ] || fail "the saved note is $texts, want ['bcdef!']"
pass "the note is saved as typed"
keys pd q
assert_exit pd 0
check_memory
