#!/bin/bash
# A question on the status line that the next key answers (X's "remove
# Maya Goldberg? y removes, other keys keep") stays asked, and seen,
# while the terminal is too small: it vanished there at the first key
# (which the views do not get), yet stayed asked, so that a y pressed
# once the terminal grew removed the person unseen. The too-small screen
# now shows the status line's words, and a key pressed there leaves
# them.

. "$(dirname "$0")/lib.sh"

P="Cwm Library Friends"
pd add "$P" --kind library >/dev/null || fail "add failed"
pd contact add "$P" "Rhian Price" >/dev/null || fail "contact add failed"

start pd
wait_for "$P"
keys pd Enter
wait_for "Contacts 1"
keys pd l
wait_for "Rhian Price"
keys pd X
wait_for "remove Rhian Price? y removes"
t resize-window -t pd -x 40 -y 12
wait_for "have 40x12"
wait_for "remove Rhian Price?"
pass "the too-small screen shows the question asked"

# A key the views do not get there leaves the question up.
keys pd n
wait_for "have 40x12"
sleep 0.3
screen pd | grep -q "remove Rhian Price?" || fail "a key at 40x12 took the question away: $(screen pd)"
t resize-window -t pd -x 80 -y 24
wait_gone "too small"
wait_for "remove Rhian Price? y removes"
pass "and it is still seen once the terminal grows"

keys pd n
wait_for "kept Rhian Price"
[ "$(sql "SELECT count(*) FROM contacts")" = "[(1,)]" ] || fail "the person was removed"
pass "the key after it answers the question seen"

keys pd q q
assert_exit pd 0
check_memory
