#!/bin/bash
# Rules and frames draw as Unicode box characters in a UTF-8 locale and as
# ASCII (- | +) otherwise, at TERM=vt100, xterm and screen: never through
# the alternate character set, whose SO/SI or ESC ( 0 switches come out as
# q, x and n letters on a vt100 emulator in UTF-8 mode (PuTTY; tmux). The
# kanban's rules, the help overlay's frame and a form's frame are checked
# on screen, and the bytes sent to the terminal hold no ACS switch.

. "$(dirname "$0")/lib.sh"

# run NAME TERM LOCALE: the demo in its own session, its output kept raw.
run() {
	local s=$1 term=$2 loc=$3
	rm -f "$TEST_DIR/status.$s"
	new_session "$s" -x 80 -y 24 \
		"env TERM=$term LANG=$loc LC_ALL=$loc $PD_WRAP '$PD' --db '$TEST_DIR/$s.db' --demo; echo \$? > '$TEST_DIR/status.$s'"
	t set-option -t "$s" remain-on-exit on >/dev/null
	t set-option -t "$s" status off >/dev/null
	t pipe-pane -o -t "$s" "cat > '$TEST_DIR/$s.raw'"
}

# no_acs NAME WHAT: the screen shows no line drawn in ACS letters.
no_acs() {
	if screen "$1" | grep -E -q 'qqqq|qqnqq|qqkq|lqqq|x *$'; then
		fail "$2: lines drawn as ACS letters at $1"
	fi
}

n=0
for term in vt100 xterm screen; do
	for loc in C.UTF-8 C; do
		n=$((n + 1))
		s="s$n"
		run "$s" "$term" "$loc"
		wait_for "Harbor Science" "$s"
		if [ "$loc" = C ]; then h='---------------+-----' v='|'; else h='───────────────┼─────' v='│'; fi
		keys "$s" 2
		wait_for "$h" "$s"
		wait_for "Glance (9)    $v Date" "$s"
		no_acs "$s" "the kanban ($term $loc)"
		keys "$s" '?'
		wait_for "Keys: kanban" "$s"
		if [ "$loc" = C ]; then wait_for "+- Keys: kanban" "$s"; else wait_for "┌─ Keys: kanban" "$s"; fi
		no_acs "$s" "the help overlay ($term $loc)"
		keys "$s" q
		wait_gone "Keys: kanban" "$s"
		keys "$s" a
		wait_for "Add a partner" "$s"
		if [ "$loc" = C ]; then wait_for "+- Add a partner" "$s"; else wait_for "┌─ Add a partner" "$s"; fi
		no_acs "$s" "a form ($term $loc)"
		keys "$s" Escape
		wait_gone "Add a partner" "$s"
		keys "$s" q
		assert_exit "$s" 0
		# SO shifts to the line-drawing set ncurses designates as G1 at
		# start (ESC ) 0, with SI back, both harmless alone); ESC ( 0 makes
		# it G0. Either would draw letters as lines, or lines as letters.
		python3 - "$TEST_DIR/$s.raw" <<'PY' || fail "the terminal was sent an ACS switch at $term $loc (above)"
import sys
data = open(sys.argv[1], "rb").read()
for seq in (b"\x0e", b"\x1b(0"):
    if seq in data:
        i = data.index(seq)
        print("found %r at byte %d: %r" % (seq, i, data[max(0, i - 20):i + 20]))
        sys.exit(1)
PY
		pass "lines at TERM=$term LC_ALL=$loc"
	done
done
check_memory
