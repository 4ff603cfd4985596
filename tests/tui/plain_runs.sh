#!/bin/bash
# Bytes on a slow link, counted through tmux pipe-pane under
# xterm-256color: going back from a colour to the normal look between two
# other looks costs the colour reset alone (a cell in the plain pair), not
# that and a full attribute reset (\E[39m\E(B\E[m, 11 bytes). An agenda j
# (the gap after '12d late'), twelve detail tab switches (the > mark under
# the tabs' rule), and the list and detail side by side at 200x50 (the
# detail's margin beside the rule) each cost less, and the gap still shows
# in the terminal's own look.

. "$(dirname "$0")/lib.sh"

# run NAME COLS ROWS: the demo at that size, its output piped to NAME.raw.
run() {
	local s=$1
	rm -f "$TEST_DIR/status.$s"
	new_session "$s" -x "$2" -y "$3" \
		"env TERM=xterm-256color $PD_WRAP '$PD' --db '$TEST_DIR/$s.db' --demo; echo \$? > '$TEST_DIR/status.$s'"
	t set-option -t "$s" remain-on-exit on >/dev/null
	t set-option -t "$s" status off >/dev/null
	: > "$TEST_DIR/$s.raw"
	t pipe-pane -o -t "$s" "cat >> '$TEST_DIR/$s.raw'"
}

# raw_size NAME: the bytes written so far.
raw_size() {
	stat -c %s "$TEST_DIR/$1.raw"
}

# settled NAME: the size once nothing has come for 0.4 s (10 s at most).
settled() {
	local s=$1 last=-1 now quiet=0 n=100
	while [ "$quiet" -lt 4 ] && [ "$n" -gt 0 ]; do
		sleep 0.1
		now=$(raw_size "$s")
		if [ "$now" = "$last" ]; then quiet=$((quiet + 1)); else quiet=0; last=$now; fi
		n=$((n - 1))
	done
	echo "$last"
}

# action NAME KEY...: each key sent once the screen has settled; prints
# FROM TO, the offsets of the bytes the keys cost.
action() {
	local s=$1 from
	shift
	from=$(settled "$s")
	for k in "$@"; do
		keys "$s" "$k"
		settled "$s" >/dev/null
	done
	echo "$from $(settled "$s")"
}

# full_resets NAME FROM TO: the colour resets followed by a full reset.
full_resets() {
	python3 - "$TEST_DIR/$1.raw" "$2" "$3" <<'PY'
import re, sys
d = open(sys.argv[1], "rb").read()[int(sys.argv[2]):int(sys.argv[3])]
print(len(re.findall(rb"\x1b\[(?:39|49|39;49)m\x1b\(B\x1b\[m", d)))
PY
}

run a 80 24
wait_for "Harbor Science Center" a
keys a 3
wait_for "Overdue (10)" a
read -r from to < <(action a j j j j j j j j)
wait_for_re "^   12d late   Southside" a
n=$(full_resets a "$from" "$to")
[ "$n" = 0 ] || fail "8 j in the agenda: $n full resets after a colour (none wanted)"
bytes=$((to - from))
# 8 j cost 1952 bytes before, 1920 after (the gap after each '12d late').
[ "$bytes" -le 1936 ] || fail "8 j in the agenda cost $bytes bytes (at most 1936)"
pass "8 j in the agenda: $bytes bytes, no full reset after a colour"
# The gap between '45d late' and the name looks as the terminal's own.
look=$(t capture-pane -p -e -t a | python3 "$(dirname "$0")/sgr.py" " Harbor Science" "45d late")
[ "$look" = "fg=None bg=None" ] || fail "the gap after '45d late' is drawn as '$look'"
pass "the gap after '45d late' keeps the normal look"

keys a 1
wait_for "1/30" a
keys a Enter
wait_for "Overview" a
read -r from to < <(action a l l l l l l h h h h h h)
wait_for_re "^ *Overview +Contacts" a
n=$(full_resets a "$from" "$to")
[ "$n" = 0 ] || fail "12 detail tab switches: $n full resets after a colour (none wanted)"
pass "12 detail tab switches: $((to - from)) bytes, no full reset after a colour"
keys a q
wait_for "1/30" a
keys a q
assert_exit a 0

run w 200 50
wait_for "Harbor Science Center" w
keys w 3
wait_for "Overdue (10)" w
read -r from to < <(action w 1)
wait_for "1/30" w
bytes=$((to - from))
n=$(full_resets w "$from" "$to")
# 5778 bytes and 23 full resets before; 5700 and 10 after (the rows
# whose detail is blank to the end keep theirs: see draw.h).
[ "$bytes" -le 5740 ] || fail "the list and detail side by side from the agenda cost $bytes bytes (at most 5740)"
[ "$n" -le 16 ] || fail "the list and detail side by side from the agenda: $n full resets after a colour (at most 16)"
pass "the list and detail side by side from the agenda at 200x50: $bytes bytes, $n full resets"
keys w q
assert_exit w 0
check_memory
