#!/bin/bash
# The hint line and the help overlay tell the truth about keys: each view's
# hints name what its keys do there (h/l move between columns in the kanban,
# between tabs in the detail), no view's hints show under a dialog, / finds
# a partner from any view (in the list), the help overlay of a view where
# stages cannot be moved says where they can, and the quick log's status
# line says whom the contact was logged with, and where a contact person
# was added. While the filter is typed the hints are the filter's keys;
# the help overlay says what Enter does there, wraps long entries (80 and
# 200 columns), and a long status message goes on to the hint line.

. "$(dirname "$0")/lib.sh"

hint_line() {
	screen | tail -1
}
hint_has() {
	hint_line | grep -q -- "$1"
}

start pd --demo
wait_for "Harbor Science Center"
keys pd 2
wait_for "Engagement ("
hint_line | grep -q "h/l column" || fail "the kanban hints do not say h/l column: $(hint_line)"
hint_line | grep -q "</> stage" || fail "the kanban hints do not say </> stage: $(hint_line)"
pass "kanban hints"

keys pd Enter
wait_for "Overview"
hint_line | grep -q "h/l tab" || fail "the detail hints do not say h/l tab: $(hint_line)"
hint_line | grep -q "q back" || fail "the detail hints do not say q back: $(hint_line)"
pass "detail hints"
keys pd q
wait_for "Engagement ("

# Under a dialog the view's hints would lie: the form has its own.
keys pd c
wait_for "Log a contact with"
logged=$(screen | grep -o 'Log a contact with .*' | head -1 |
	sed -E 's/^Log a contact with //; s/[[:space:]]*[─q+-]{3,}.*$//; s/[[:space:]]*$//')
hint_line | grep -q "column" && fail "the kanban's hints show under the form: $(hint_line)"
pass "no view hints under a dialog"
type_text pd "Asked about the summer reading kickoff"
keys pd Tab
type_text pd "fri"
keys pd C-s
wait_gone "Log a contact with"
wait_for "logged phone with $logged; follow up Fri"
pass "the status line says whom the call was logged with, and the follow-up with its weekday"

# / from the kanban: the list, filtering.
keys pd /
type_text pd "riverside"
wait_for "/riverside"
wait_for "Riverside Art Museum"
wait_gone "Harbor Science Center"
pass "/ from the kanban filters the list"
# While the filter is typed, letters go into it: the hints offer only the
# keys that work there.
for word in quit sort add edit; do
	hint_line | grep -q " $word" && fail "the hints offer '$word' while the filter is typed: $(hint_line)"
done
hint_line | grep -q "Enter keep filter" || fail "no Enter keep filter hint: $(hint_line)"
hint_line | grep -q "Esc clear" || fail "no Esc clear hint: $(hint_line)"
hint_line | grep -q "Down/Up move" || fail "no Down/Up move hint (arrows, not j/k): $(hint_line)"
pass "while filtering, the hints are the filter's keys"
keys pd Enter
# "/riverside" is on screen before the Enter too: wait for the hints the
# Enter brings back, not only for the filter.
wait_for "/riverside"
poll "$TIMEOUT" hint_has "a add" || fail "after Enter the list's hints are not back: $(hint_line)"
screen | grep -q "Overview" && fail "the first Enter opened the partner (it keeps the filter)"
pass "Enter keeps the filter, and the list's hints come back"
keys pd Enter C
wait_for "New contact person at Riverside Art Museum"
type_text pd "Ana Ruiz"
keys pd C-s
wait_for "added Ana Ruiz at Riverside Art Museum"
pass "the status line says where a contact person was added"
keys pd Escape

# The help overlay says of / what Enter does: keeps the filter.
keys pd 1 '?'
wait_for "Keys: list"
wait_for "Enter keeps the"
screen | grep -q "Enter opens it" && fail "the help overlay says Enter opens the filtered partner"
pass "the help overlay says what Enter does in the filter"
# Long entries wrap instead of ending in "…", at 80 columns and at 200 (the
# top line, whose desk name may be shortened so, aside).
screen | grep -q "c logs a call), Esc clears" || fail "the filter's entry is cut"
keys pd G
wait_for "with a note)"
screen | tail -n +2 | grep -q '…' && fail "a help entry is cut with …"
pass "long help entries wrap at 80 columns"
keys pd q
wait_gone "Keys: list"
t resize-window -t pd -x 200 -y 50
keys pd '?'
wait_for "Keys: list"
keys pd G
wait_for "(or record one)"
screen | grep -q '…' && fail "a help entry is cut with … at 200x50"
screen | grep -q "log a contact (call, email, visit) for the selected partner, or pick one" ||
	fail "at 200 columns the log entry does not fit on one line"
pass "at 200x50 the overlay uses the width"
keys pd q
wait_gone "Keys: list"
t resize-window -t pd -x 80 -y 24

# A status message longer than the line goes on to the hint line: its end
# (what is allowed) is the part that says what to do.
keys pd 2
wait_for "Engagement ("
keys pd l l l l l l
keys pd '<'
wait_for "cannot move from"
screen | grep -q "allowed:…" && fail "the status message is cut before what is allowed"
screen | tail -2 | tr -d '\n' | grep -Eq "allowed: *[A-Z]" || fail "the allowed stages are not shown: $(screen | tail -2)"
pass "a long status message wraps onto the hint line at 80 columns"

keys pd 4
wait_for "Pipeline"
keys pd '?'
wait_for "Keys: reports"
wait_for "move a stage (in the list, kanban, detail or agenda)"
pass "the reports' help does not claim stage moves there"
keys pd q
wait_gone "Keys: reports"
keys pd q
assert_exit pd 0
check_memory
