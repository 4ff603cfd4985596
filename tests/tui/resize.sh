#!/bin/bash
# Resizing while a form is open: the quick log's typed text survives the
# window growing to 100x30, shrinking back to 80x24, going below the minimum
# (60x15: a clear "too small"; 40x10: the same, wrapped) and coming back; then it still saves.

. "$(dirname "$0")/lib.sh"

pd add "Lakeside Arts Council" --kind arts >/dev/null || fail "add failed"
NOTE="Resize me: every word survives"

start pd
wait_for "Lakeside Arts Council"
keys pd c
wait_for "Log a contact with Lakeside Arts Council"
type_text pd "$NOTE"
wait_for "$NOTE"

t resize-window -t pd -x 100 -y 30
wait_for "$NOTE"
wait_for "Log a contact with Lakeside Arts Council"
pass "100x30 keeps the form and its text"

t resize-window -t pd -x 80 -y 24
wait_for "$NOTE"
pass "80x24 again"

t resize-window -t pd -x 60 -y 15
wait_for "too small"
pass "60x15 says the terminal is too small"

# Narrower than the message: it is wrapped, not cut to "have 40…".
t resize-window -t pd -x 40 -y 10
wait_for "have 40x10"
wait_for "to the open dialog"
pass "40x10 shows the size it needs and has, whole"

t resize-window -t pd -x 80 -y 24
wait_for "$NOTE"
wait_for "Log a contact with Lakeside Arts Council"
pass "back at 80x24 the form and its text are there"

type_text pd " (after resizing)"
keys pd C-s
wait_gone "Log a contact with"
keys pd q
assert_exit pd 0
texts=$(pd show "Lakeside Arts Council" --format json | json_get '[i["text"] for i in j["interactions"]]')
case $texts in
*"$NOTE (after resizing)"*) pass "the note was saved whole" ;;
*) fail "the saved note is wrong: $texts" ;;
esac
check_memory
