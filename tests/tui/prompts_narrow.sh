#!/bin/bash
# At 60x20 every question and hint line of a dialog is read whole: Esc's
# "Discard what you typed?" in a form and "Discard this draft for good?"
# in the unsaved-work dialog keep "any other key: keep ..." (the question
# on its row, the keys under it), and the fit form's hints keep "Esc
# cancel" on a second row rather than cut at "C-s save…".

. "$(dirname "$0")/lib.sh"

pd add "Harbor Science Center" --kind museum >/dev/null || fail "add failed"

narrow() {
	t resize-window -t "$1" -x 60 -y 20 >/dev/null 2>&1
}

start pd
narrow pd
wait_for "Harbor Science Center"
keys pd c
wait_for "Log a contact with Harbor Science Center"
type_text pd "Spoke with Ana about the pier"
wait_for "about the pier"
keys pd Escape
wait_for "Discard what you typed?"
wait_for "any other key: keep typing"
screen pd | grep "│" | grep -F -q "…" && fail "a prompt is cut at 60 columns"
pass "the form's discard question is whole at 60 columns"

# Back to typing; the fit form's hints.
keys pd Tab
wait_gone "Discard what you typed?"
kill -HUP "$(pane_pid pd)" || fail "cannot signal partnerdesk"
assert_exit pd 0 1

start again
narrow again
wait_for "Unsaved work from an earlier session" again
wait_for "later" again
keys again d
wait_for "Discard this draft for good?" again
wait_for "any other key: keep it" again
screen again | grep "│" | grep -F -q "…" && fail "the draft's discard question is cut at 60 columns"
pass "the unsaved-work dialog's question is whole at 60 columns"
keys again Tab
wait_gone "Discard this draft for good?" again
keys again l
wait_gone "Unsaved work" again
wait_for "Harbor Science Center" again
keys again F
wait_for "Space/Left/Right choose" again
wait_for "Esc cancel" again
pass "the fit form's hints wrap at 60 columns, Esc cancel kept"
keys again Escape
wait_gone "Space/Left/Right choose" again
keys again q
assert_exit again 0
