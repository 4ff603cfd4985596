#!/bin/bash
# The views as a user reads them: what a tab holds stays reachable after
# the window changes size.

. "$(dirname "$0")/lib.sh"

start pd --demo
wait_for "Harbor Science Center"

# A detail tab scrolled to its end at 80x24, then the window grows so that
# the whole tab fits: every line shows again, the first one included.
keys pd g Enter
wait_for "Overview"
wait_for "Kind "
keys pd G
wait_for "100% "
wait_gone "Kind "
t resize-window -t pd -x 100 -y 50
wait_gone "100% "
wait_for "Kind "
pass "a detail tab scrolled to its end shows its first lines once the window is tall enough"
t resize-window -t pd -x 80 -y 24
keys pd q q
assert_exit pd 0
check_memory
