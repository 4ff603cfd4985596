#!/bin/bash
# The hint line and the help overlay tell the truth about keys: each view's
# hints name what its keys do there (h/l move between columns in the kanban,
# between tabs in the detail), no view's hints show under a dialog, / finds
# a partner from any view (in the list), the help overlay of a view where
# stages cannot be moved says where they can, and the quick log's status
# line says whom the contact was logged with, and where a contact person
# was added.

. "$(dirname "$0")/lib.sh"

hint_line() {
	screen | tail -1
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
wait_for "logged phone with $logged; follow up 20"
pass "the status line says whom the call was logged with"

# / from the kanban: the list, filtering.
keys pd /
type_text pd "riverside"
wait_for "/riverside"
wait_for "Riverside Art Museum"
wait_gone "Harbor Science Center"
pass "/ from the kanban filters the list"
keys pd Enter C
wait_for "New contact person at Riverside Art Museum"
type_text pd "Ana Ruiz"
keys pd C-s
wait_for "added Ana Ruiz at Riverside Art Museum"
pass "the status line says where a contact person was added"
keys pd Escape

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
