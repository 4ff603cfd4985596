#!/bin/bash
# The keys that open a form or dialog on the selected partner: each opens
# its own (e the edit form, C a new contact person, m the move form, F the
# fit, A the agreement, M the merge's picker, D the delete's question), for
# the partner selected, from the list and from the kanban; with none
# selected (a filter that matches nobody) each says to select one and
# opens nothing.

. "$(dirname "$0")/lib.sh"

pd add "Harbor Books" --kind museum >/dev/null || fail "add"
pd add "Zeta Club" >/dev/null || fail "add"

# opens KEY TITLE: KEY opens the pane titled TITLE; Esc closes it again.
opens() {
	keys pd "$1"
	wait_for "$2"
	keys pd Escape
	wait_gone "$2"
}

each_key() {
	opens e "Edit $1"
	opens C "New contact person at $1"
	opens m "Move $1 from"
	opens F "Fit and goals of $1"
	opens A "agreement with $1"
	opens M "Put $1 into which partner?"
	opens D "Delete $1 (#"
}

start pd
wait_for "Zeta Club"
keys pd j
each_key "Zeta Club"
pass "from the list, each key opens its own pane on the partner selected"

keys pd 2
wait_for "Glance ("
keys pd j
each_key "Harbor Books"
pass "from the kanban too"

keys pd 1
keys pd /
type_text pd "nobody by this name"
keys pd Enter
wait_gone "Zeta Club"
for k in e C m F A M D; do
	keys pd "$k"
	wait_for "select a partner first"
	screen | grep -q -E "Edit |New contact|Move |Fit and goals|agreement with|Put |Delete " &&
		fail "$k opened a pane with no partner selected"
	# any key clears the status line (k: up a list with nothing in it)
	keys pd k
	wait_gone "select a partner first"
done
pass "with no partner selected, each says to select one and opens nothing"

keys pd q
assert_exit pd 0
