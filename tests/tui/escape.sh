#!/bin/bash
# A partner name holding escape sequences (an OSC that would set the window
# title, a colour change) is drawn harmlessly: visible placeholders (^[ ^G),
# the pane title unchanged, and no raw sequence from the data on screen.

. "$(dirname "$0")/lib.sh"

EVIL=$'Evil\e]0;pwned\a\e[31mName'
SHOWN='Evil^[]0;pwned^G^[[31mName'
pd add "$EVIL" >/dev/null || fail "add failed"

start pd
t set-option -t pd set-titles off >/dev/null 2>&1
t select-pane -t pd -T "before"
wait_for "$SHOWN"
pass "the list shows placeholders"

title=$(t display-message -p -t pd '#{pane_title}')
[ "$title" = before ] || fail "the pane title changed to '$title'"
pass "the title was not changed"

# With attributes: the placeholder text runs straight into "Name" with no
# escape between, so the data's [31m did not turn it red.
t capture-pane -e -p -t pd > "$TEST_DIR/attrs" || fail "capture-pane -e failed"
grep -F -q -- "$SHOWN" "$TEST_DIR/attrs" || fail "capture-pane -e: the placeholders are broken up by attributes"
if grep -q $'\e\\]' "$TEST_DIR/attrs"; then
	fail "an OSC reached the screen"
fi
if grep -a "pwned" "$TEST_DIR/attrs" | grep -q $'pwned\a'; then
	fail "a raw BEL reached the screen"
fi
pass "no raw OSC or CSI from the data"

# The edit form draws the name through the same routine.
keys pd e
wait_for "Edit Evil^[]0;pwned"
wait_for "$SHOWN"
keys pd Escape
wait_gone "Edit Evil"
title=$(t display-message -p -t pd '#{pane_title}')
[ "$title" = before ] || fail "the pane title changed to '$title' in the form"
pass "the edit form shows placeholders too"
keys pd q
assert_exit pd 0
check_memory
