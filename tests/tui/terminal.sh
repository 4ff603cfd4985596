#!/bin/bash
# A terminal that cannot move the cursor (TERM=dumb, a hard-copy type) is
# refused with a message that says what to do, exit status 1, as are an
# unknown TERM and none at all; one that can (vt100) still starts.

. "$(dirname "$0")/lib.sh"

pd add "Riverside Art Museum" >/dev/null || fail "could not add a partner"

# term (unset: no TERM at all), and what the message must say why
for case in "dumb|TERM=dumb cannot show the interface" \
            "xterm-nosuch|TERM=xterm-nosuch is a terminal type this system does not know" \
            "unset|TERM is not set"; do
	term=${case%%|*} why=${case#*|}
	if [ "$term" = unset ]; then set_term="env -u TERM"; else set_term="TERM=$term"; fi
	rm -f "$TEST_DIR/status.$term"
	new_session "$term" -x 80 -y 24 \
		"$set_term '$PD' --db '$DB' 2>'$TEST_DIR/err.$term'; echo \$? > '$TEST_DIR/status.$term'"
	t set-option -t "$term" remain-on-exit on >/dev/null
	got=$(wait_exit "$term" 5) || {
		keys "$term" q
		fail "TERM $term started the interface (a blank screen) instead of refusing"
	}
	[ "$got" = 1 ] || fail "TERM $term: exit status $got, want 1"
	grep -q "$why" "$TEST_DIR/err.$term" ||
		fail "TERM $term: no message saying why: $(cat "$TEST_DIR/err.$term")"
	grep -q "set TERM to your terminal's type.*see --help" "$TEST_DIR/err.$term" ||
		fail "TERM $term: the message does not say what to do: $(cat "$TEST_DIR/err.$term")"
	pass "TERM $term is refused with a message saying what to do, and status 1"
done

# A TERM holding an escape sequence is named with placeholders, not sent
# to the terminal (it would clear the screen the refusal is written on).
rm -f "$TEST_DIR/status.esc"
new_session esc -x 80 -y 24 \
	"TERM=\$(printf 'x\\033[2Jy') '$PD' --db '$DB' 2>'$TEST_DIR/err.esc'; echo \$? > '$TEST_DIR/status.esc'"
t set-option -t esc remain-on-exit on >/dev/null
got=$(wait_exit esc 5) || { keys esc q; fail "a TERM holding an escape started the interface"; }
[ "$got" = 1 ] || fail "a TERM holding an escape: exit status $got, want 1"
grep -qF 'TERM=x^[[2Jy is a terminal type this system does not know' "$TEST_DIR/err.esc" ||
	fail "a TERM holding an escape is not named with ^[: $(od -c "$TEST_DIR/err.esc" | head -3)"
! grep -q $'\033' "$TEST_DIR/err.esc" || fail "a TERM's escape reached the terminal raw"
pass "a TERM holding an escape is named with it shown as ^[, never raw"

rm -f "$TEST_DIR/status.vt"
new_session vt -x 80 -y 24 "TERM=vt100 '$PD' --db '$DB'; echo \$? > '$TEST_DIR/status.vt'"
t set-option -t vt remain-on-exit on >/dev/null
wait_for "Riverside Art Museum" vt
keys vt q
assert_exit vt 0
pass "TERM=vt100 still starts"
check_memory
