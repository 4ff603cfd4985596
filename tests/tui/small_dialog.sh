#!/bin/bash
# Below the smallest size (60x16) the screen says it is too small, and
# typing goes on into the open form; the form's keys, what it says of a
# refused save and the question Esc asks ("Discard what you typed?") were
# drawn where no one saw them, so a librarian on a phone call, a window
# squeezed to 40x12 or 30x10, answered a question unseen. Now the
# too-small screen shows the open dialog's keys or question, wrapped whole
# at its width: the way out stays readable, and taken, the note is saved.

. "$(dirname "$0")/lib.sh"

pd add "Harbor Science Center" --kind museum >/dev/null || fail "add failed"

start pd
wait_for "Harbor Science Center"
keys pd c
wait_for "Log a contact with Harbor Science Center"
t resize-window -t pd -x 40 -y 12
wait_for "have 40x12"
wait_for "C-s save"
wait_for "Esc cancel"
pass "at 40x12 the too-small screen shows the form's keys"
keys pd C-s
wait_for "the note is empty"
pass "and what the form says of a refused save"
type_text pd "Squeezed window call"
keys pd Escape
wait_for "Discard what you typed?"
wait_for "any other key: keep typing"
t resize-window -t pd -x 30 -y 10
wait_for "have 30x10"
wait_for "Discard what you typed?"
wait_for "C-x: discard"
wait_for "any other key: keep typing"
pass "at 40x12 and 30x10 Esc's question and its keys are shown whole"
keys pd Right
wait_gone "Discard what you typed?"
wait_for "C-s save"
keys pd C-s
wait_gone "C-s save"
t resize-window -t pd -x 80 -y 24
wait_gone "too small"
screen pd | grep -F -q "Log a contact with" && fail "the log form is still open"
texts=$(pd show "Harbor Science Center" --format json | json_get '[i["text"] for i in j["interactions"]]')
[ "$texts" = "['Squeezed window call']" ] || fail "logged: $texts"
pass "kept typing, then C-s, seen on the too-small screen, saves the note"
keys pd q
assert_exit pd 0
