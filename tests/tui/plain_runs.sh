#!/bin/bash
# Bytes on a slow link, counted through tmux pipe-pane under
# xterm-256color: going back from a colour to the normal look between two
# other looks costs the colour reset alone (a cell in the plain pair), not
# that and a full attribute reset (\E[39m\E(B\E[m, 11 bytes). An agenda j
# (the gap after '12d late'), twelve detail tab switches (the > mark under
# the tabs' rule), and the list and detail side by side at 200x50 (the
# detail's margin beside the rule) each cost less, and the gap still shows
# in the terminal's own look. Bold without a colour, in the pair as well,
# is not preceded by a colour reset: the kanban's l and h cost less.

. "$(dirname "$0")/lib.sh"

# The colour reset and then the full reset, as xterm-256color has them.
FULL='\x1b\[(?:39|49|39;49)m\x1b\(B\x1b\[m'
# The colour reset that a change of attributes (sgr) makes again.
BEFORE='\x1b\[(?:39|49|39;49)m\x1b\(B\x1b\[0;'

demo_piped a 80 24 xterm-256color
wait_for "Harbor Science Center" a
keys a 3
wait_for "Overdue (10)" a
read -r from to < <(counted a j j j j j j j j)
wait_for_re "^   12d late   Southside" a
n=$(raw_count a "$from" "$to" "$FULL")
[ "$n" = 0 ] || fail "8 j in the agenda: $n full resets after a colour (none wanted)"
bytes=$((to - from))
# 8 j cost 1952 bytes before b398b7f, 1920 after (the gap after each
# '12d late'); fewer since the cursor stays put (cursor_left). The hint
# line now changes with the row (d and r on a follow-up's, e on a
# review's: hint_acts), which costs more: with it, 2436 before b398b7f,
# 2347 after.
[ "$bytes" -le 2380 ] || fail "8 j in the agenda cost $bytes bytes (at most 2380)"
pass "8 j in the agenda: $bytes bytes, no full reset after a colour"
# The gap between '45d late' and the name looks as the terminal's own.
look=$(t capture-pane -p -e -t a | python3 "$(dirname "$0")/sgr.py" " Harbor Science" "45d late")
[ "$look" = "fg=None bg=None" ] || fail "the gap after '45d late' is drawn as '$look'"
pass "the gap after '45d late' keeps the normal look"

keys a 1
wait_for "1/30" a
keys a Enter
wait_for "Overview" a
read -r from to < <(counted a l l l l l l h h h h h h)
wait_for_re "^ *Overview +Contacts" a
n=$(raw_count a "$from" "$to" "$FULL")
[ "$n" = 0 ] || fail "12 detail tab switches: $n full resets after a colour (none wanted)"
pass "12 detail tab switches: $((to - from)) bytes, no full reset after a colour"
keys a q
wait_for "1/30" a

# Bold without a colour in the pair too: from the rule's colour to a
# card's bold, ncurses sent the colour reset before the attribute change.
keys a 3
wait_for "Overdue (10)" a
read -r from to < <(counted a 2)
wait_for "Engagement (5)" a
n=$(raw_count a "$from" "$to" "$BEFORE")
[ "$n" = 0 ] || fail "2 from the agenda (the kanban): $n colour resets before an attribute change (none wanted)"
pass "2 from the agenda opens the kanban with no colour reset before an attribute change (the title's tabs)"
read -r from to < <(counted a l l l l h h h h)
n=$(raw_count a "$from" "$to" "$BEFORE")
[ "$n" = 0 ] || fail "4 l and 4 h in the kanban: $n colour resets before an attribute change (none wanted)"
bytes=$((to - from))
# 2000 bytes and 12 such resets before, 1940 and none after.
[ "$bytes" -le 1970 ] || fail "4 l and 4 h in the kanban cost $bytes bytes (at most 1970)"
pass "4 l and 4 h in the kanban: $bytes bytes, no colour reset before an attribute change"
keys a q
assert_exit a 0

demo_piped w 200 50 xterm-256color
wait_for "Harbor Science Center" w
keys w 3
wait_for "Overdue (10)" w
read -r from to < <(counted w 1)
wait_for "1/30" w
bytes=$((to - from))
n=$(raw_count w "$from" "$to" "$FULL")
# 5778 bytes and 23 full resets before; 5700 and 10 after (the rows
# whose detail is blank to the end keep theirs: see draw.h). The list's
# follow-ups to come then named their weekday ("Fri 2026-11-27"), four
# bytes each: 5779.
[ "$bytes" -le 5820 ] || fail "the list and detail side by side from the agenda cost $bytes bytes (at most 5820)"
[ "$n" -le 16 ] || fail "the list and detail side by side from the agenda: $n full resets after a colour (at most 16)"
pass "the list and detail side by side from the agenda at 200x50: $bytes bytes, $n full resets"
keys w q
assert_exit w 0
check_memory
