#!/bin/bash
# Bytes on a slow link, counted through tmux pipe-pane: with no cursor to
# show (the kanban, the agenda, the detail), a key's changes are not
# followed by a cursor address that moves the hidden cursor back to the
# pane's own place. A kanban j or k, an agenda j and a detail tab switch
# each end where their last change did; a form still puts its cursor
# where the typing goes.

. "$(dirname "$0")/lib.sh"

# ends_moved NAME FROM TO: 1 when the bytes end in a cursor address (and
# the reset to the normal look ncurses ends on), else 0.
ends_moved() {
	raw_count "$1" "$2" "$3" '\x1b\[[0-9]+;[0-9]+H(?:\x1b\(B\x1b\[m)?\Z'
}

demo_piped k 80 24 xterm-256color
wait_for "Harbor Science Center" k
keys k 2
wait_for "Engagement (5)" k
total=0
moves="j j j j k k k k"
set -- $moves
while read -r from to; do
	[ "$(ends_moved k "$from" "$to")" = 0 ] || fail "a kanban $1 ends by moving the hidden cursor"
	total=$((total + to - from))
	shift
done < <(counted_each k $moves)
[ "$#" = 0 ] || fail "no byte count for the kanban's last $# keys"
# 1086 bytes before, 1032 after.
[ "$total" -le 1060 ] || fail "4 j and 4 k in the kanban cost $total bytes (at most 1060)"
pass "4 j and 4 k in the kanban: $total bytes, none ending in a cursor address"

keys k 3
wait_for "Overdue (10)" k
read -r from to < <(counted k j)
[ "$(ends_moved k "$from" "$to")" = 0 ] || fail "an agenda j ends by moving the hidden cursor"
pass "an agenda j: $((to - from)) bytes, not ending in a cursor address"

keys k 1
wait_for "1/30" k
keys k Enter
wait_for "Overview" k
read -r from to < <(counted k l l l l l l h h h h h h)
# 11123 bytes before, 11047 after. The hint line now changes in the
# Agreement and Fit tabs too (A and F kept there at 80 columns:
# hint_tabs), 362 bytes more: 11067 -> 11429. The Log tab's hint offers
# "Tab list" too where it has room (hint_tab), 62 bytes more: 11491.
[ "$((to - from))" -le 11522 ] || fail "12 detail tab switches cost $((to - from)) bytes (at most 11522)"
pass "12 detail tab switches: $((to - from)) bytes"

# A form's cursor is still where the typing goes: after the text typed.
keys k c
wait_for "Log a contact with" k
type_text k "abc"
wait_for "abc" k
sleep 0.3
at=$(t display-message -p -t k '#{cursor_x} #{cursor_y} #{cursor_flag}')
line=$(screen k | grep -n "abc" | head -1)
want_y=$(( ${line%%:*} - 1 ))
col=$(screen k | sed -n "$((want_y + 1))p" | python3 -c 'import sys; l=sys.stdin.read(); print(len(l[:l.index("abc")]) + 3)')
[ "$at" = "$col $want_y 1" ] || fail "the form's cursor is at '$at' (x y shown), not after 'abc' at '$col $want_y 1'"
pass "the form's cursor is shown after the text typed"
keys k Escape
wait_for "Discard what you typed?" k
keys k C-x
wait_gone "Log a contact with" k
keys k q
wait_for "1/30" k
keys k q
assert_exit k 0
check_memory
