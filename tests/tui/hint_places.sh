#!/bin/bash
# The hint line says what the focused place offers, in the keys bound: the
# detail's Contacts tab with a person marked > offers Enter edit and X
# remove, its Log tab r correct and d done (u reopen once it is done: see
# hint_acts); the list, the kanban and the agenda their keys most needed,
# fitted to the width (at 80 columns the least needed go whole, never part
# of a word; at 200 M merge and D delete are there too). With keys: rebound in the config the hints and the
# detail's "(h/l to reach it)" name the keys in force.

. "$(dirname "$0")/lib.sh"

hint_line() {
	screen | tail -1
}

# has TEXT WHAT: the hint line shows TEXT (within the timeout: a key or a
# resize is drawn a moment later), else fail saying WHAT.
has_now() {
	hint_line | grep -qF -- "$1"
}
has() {
	poll "$TIMEOUT" has_now "$1" || fail "$2: no '$1' in the hint line: $(hint_line)"
}
lacks() {
	hint_line | grep -qF -- "$1" && fail "$2: '$1' in the hint line: $(hint_line)"
	return 0
}

# Every item on the line is "KEY label" whole: the line at 80 columns is
# one of the list's hints, two spaces apart, and nothing cut.
whole_items() {
	local line item
	line=$(hint_line | sed -E 's/^ //; s/ +$//')
	while [ -n "$line" ]; do
		item=${line%%  *}
		printf '%s\n' "$2" | grep -qxF -- "$item" || fail "$1: '$item' is no whole hint: $(hint_line)"
		[ "$item" = "$line" ] && break
		line=${line#*  }
	done
}

P="Riverside Art Museum"
pd add "$P" >/dev/null || fail "could not add a partner"
pd contact add "$P" "Mair Jones" >/dev/null || fail "contact add failed"
pd log "$P" --follow-up +3d "Asked about the reading stall" >/dev/null || fail "log failed"

start pd
wait_for "$P"
for h in "? help" "Enter open" "/ filter" "a add" "c log call" "e edit" "m move"; do
	has "$h" "the list at 80 columns"
done
whole_items "the list at 80 columns" "? help
q quit
Enter open
/ filter
s sort
a add
c log call
e edit
> stage on
m move
M merge
D delete"
pass "the list at 80 columns: the keys most needed, each whole"

keys pd Enter
wait_for "Overview"
for h in "q back" "h/l tab" "M merge" "D delete"; do
	has "$h" "the detail's Overview at 80 columns"
done
pass "the detail at 80 columns offers M merge and D delete"

keys pd l
wait_for "Mair Jones"
wait_for_re "^>"
for h in "Enter edit" "X remove" "h/l tab"; do
	has "$h" "the Contacts tab with a person marked"
done
lacks "M merge" "the Contacts tab"
pass "the Contacts tab at 80 columns offers Enter edit and X remove"

keys pd l
wait_for "Asked about the reading stall"
for h in "r correct" "d done"; do
	has "$h" "the Log tab with an entry marked"
done
lacks "Enter edit" "the Log tab"
lacks "u reopen" "the Log tab on an open follow-up"
pass "the Log tab at 80 columns offers r correct and d done (its follow-up is open)"

# A key of another tab says which keys reach the tab it works in.
keys pd l X
wait_for "people are removed in the Contacts tab (h/l to reach it)"
pass "X in the History tab names h/l"

keys pd q 2
wait_for "Engagement ("
for h in "h/l column" "Enter open" "</> stage"; do
	has "$h" "the kanban at 80 columns"
done
keys pd 3
wait_for "Agenda"
for h in "d done" "r correct"; do
	has "$h" "the agenda at 80 columns"
done
pass "the kanban and the agenda at 80 columns"

t resize-window -t pd -x 200 -y 50
keys pd 1
wait_for "$P"
for h in "M merge" "D delete" "s sort" "> stage on" "Enter open"; do
	has "$h" "the list at 200 columns"
done
keys pd 2
wait_for "Engagement ("
has "M merge" "the kanban at 200 columns"
has "D delete" "the kanban at 200 columns"
pass "at 200 columns the list and the kanban offer M merge and D delete"
# Beside the list, the detail's Contacts tab focused by Tab.
keys pd 1
wait_for "$P"
keys pd Tab
wait_for "h/l tab"
keys pd h h   # from the History tab, where X was pressed
wait_for "Mair Jones"
has "Enter edit" "the Contacts tab beside the list"
has "X remove" "the Contacts tab beside the list"
pass "at 200 columns the focused Contacts tab offers Enter edit and X remove"
keys pd q   # back to the list
wait_for "Enter open"
keys pd q
assert_exit pd 0
t kill-session -t pd

# The last hint needs no room for the two spaces after it: at 82 columns
# the list's line "? help ... m move  M merge" ends one column short of
# the edge, a margin as at the left, so M merge is offered, whole and not
# followed by a cut "…"; at 81 it would touch the edge and is left out.
start pd
wait_for "$P"
has "m move" "the list at 80 columns"
lacks "M merge" "the list at 80 columns"
t resize-window -t pd -x 82 -y 24
has "M merge" "the list at 82 columns"
whole_items "the list at 82 columns" "? help
q quit
Enter open
/ filter
a add
c log call
e edit
m move
M merge"
[ "$(hint_line | sed -E 's/ +$//' | wc -L)" -le 81 ] ||
	fail "the list's hint line at 82 columns reaches the last column: $(hint_line)"
pass "at 82 columns the list offers M merge, one column short of the edge"
t resize-window -t pd -x 81 -y 24
wait_gone "M merge"
has "m move" "the list at 81 columns"
pass "at 81 columns M merge is left out, as at 80"
keys pd q
assert_exit pd 0
t kill-session -t pd

# The config's keys: the hints and the messages name the keys in force.
cat > "$TEST_DIR/keys.yaml" <<'Y'
keys:
  left: [H, Left]
  right: [L, Right]
  remove-contact: [K]
  edit-log: [R]
  open: [C-o, Enter]
Y
"$PD" --config "$TEST_DIR/keys.yaml" --db "$DB" check >/dev/null || fail "the keys config is refused"
start pd --config "$TEST_DIR/keys.yaml"
wait_for "$P"
has "C-o open" "the list with open rebound"
keys pd Enter
wait_for "Overview"
has "H/L tab" "the detail with left and right rebound"
lacks "h/l tab" "the detail with left and right rebound"
keys pd L
wait_for "Mair Jones"
wait_for_re "^>"
has "C-o edit" "the Contacts tab with open rebound"
has "K remove" "the Contacts tab with remove-contact rebound"
lacks "X remove" "the Contacts tab with remove-contact rebound"
keys pd L
wait_for "Asked about the reading stall"
has "R correct" "the Log tab with edit-log rebound"
lacks "r correct" "the Log tab with edit-log rebound"
pass "the hints name the rebound keys"
keys pd K
wait_for "people are removed in the Contacts tab (H/L to reach it)"
keys pd H R
wait_for "log entries are corrected in the Log tab (H/L to reach it)"
pass "the detail's '(... to reach it)' names the rebound keys"
keys pd q q
assert_exit pd 0
check_memory
