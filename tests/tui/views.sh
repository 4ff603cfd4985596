#!/bin/bash
# The views as a user reads them: what a tab holds stays reachable after
# the window changes size, and stays in place when a colleague's change
# reloads it.

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
keys pd q

# Beside the list, the detail scrolled to the end of its Log tab stays
# there when a colleague's change (here a partner added) reloads the panes.
t resize-window -t pd -x 200 -y 30
wait_for "Bright Futures Tutoring  ["
keys pd Tab l l
wait_for "phone with Maya Goldberg"
keys pd G
wait_for "100% "
keys pd Tab
pd add "Colleague's New Partner" >/dev/null || fail "the colleague's add failed"
wait_for "31 partners"
screen | grep -q "100% " || fail "a colleague's change scrolled the detail beside the list back to the top"
pass "the detail beside the list keeps its place when a colleague's change reloads it"
t resize-window -t pd -x 80 -y 24
# tmux cuts the wide detail off at once; the top line's count, which sat
# past column 80, shows the program itself has drawn at 80 columns, so
# the Enter below reaches the list rather than the detail that had focus.
wait_gone "Bright Futures Tutoring  ["
wait_for " partners, "

# Keys typed ahead arrive together: G right after l goes to the end of the
# new tab, not as far as the old tab's length allowed (the Agreement's,
# one screen at 80x24 here: nothing). The program is stopped while they
# come.
keys pd Enter
wait_for "Bright Futures Tutoring  ["
keys pd l l
wait_for "The library offers"
screen | grep -q "% " && fail "the Agreement tab does not fit at 80x24; the check needs a shorter one"
pid=$(pane_pid pd)
kill -STOP "$pid"
keys pd h h G
sleep 0.3
kill -CONT "$pid"
wait_for "visit with Maya Goldberg"
wait_for "100% "
pass "G typed right after l goes to the end of the new tab"

# Scrolled down the Log tab (newest first), a colleague's entry for the
# same partner lands above: what shows stays put, the entry marked >
# (what d, u and r act on; j moves it from entry to entry) included.
keys pd g j j j j j j j j j j j j j j
wait_for_re '^>[0-9]{4}-'
body() { screen | sed -n '5,22p'; }   # below the rule and its %
# Every j read: the screen holds still.
settled() { local a; a=$(screen); sleep 0.2; [ "$a" = "$(screen)" ]; }
poll 5 settled || fail "the Log tab does not settle"
before=$(body)
pd log "Bright Futures Tutoring" "A colleague's call, three lines long when wrapped at eighty columns, so that everything below moves" \
	--follow-up "$(date -d '+3 days' +%F)" >/dev/null || fail "the colleague's log failed"
wait_for "Log 11"
[ "$(body)" = "$before" ] || fail "the Log tab moved under the reader when a colleague's entry came in above:
$before
---
$(body)"
pass "a colleague's log entry above leaves the scrolled Log tab, and its > mark, in place"
keys pd q q
assert_exit pd 0
check_memory
