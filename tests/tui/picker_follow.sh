#!/bin/bash
# The merge picker (M) open on the list's Eastside Library while a
# colleague adds a partner above it, deletes one above it, then merges it
# into another: the selection follows the partner each time (not its row,
# which would land on a partner the user never chose), and Enter asks to
# merge into the one the selection followed. The log form's picker (c with
# no partner selected) is read again and follows its partner too.

. "$(dirname "$0")/lib.sh"

for n in "Aaron Arts" "Bakery Guild" "Dance Studio" "Eastside Library" "Garden Club"; do
	pd add "$n" >/dev/null || fail "add $n"
done

start pd
wait_for "Garden Club"
keys pd M
wait_for "Put Aaron Arts into which partner?"
wait_for "1 of 4  "
keys pd Down Down
wait_for "3 of 4  "

pd add "Cedar Choir" >/dev/null || fail "add Cedar Choir"
wait_for "4 of 5  "
pass "a colleague's partner added above: the selection stays on Eastside Library (4 of 5)"
pd delete "Bakery Guild" >/dev/null || fail "delete Bakery Guild"
wait_for "3 of 4  "
pass "one deleted above: still on Eastside Library (3 of 4)"
pd merge "Eastside Library" "Cedar Choir" >/dev/null || fail "merge"
wait_for "1 of 3  "
pass "merged into Cedar Choir meanwhile: the selection goes where it went (1 of 3)"

keys pd Enter
wait_for "Put Aaron Arts (#1) into Cedar Choir (#6), then delete"
pass "Enter asks to merge into the partner followed, Cedar Choir"
keys pd n
wait_gone "then delete"

keys pd 3
wait_for "Nothing due"
keys pd c
wait_for "Choose a partner"
wait_for "1 of 4  "
keys pd Down Down
wait_for "3 of 4  "
pd add "Birch Band" >/dev/null || fail "add Birch Band"
wait_for "4 of 5  "
keys pd Enter
wait_for "Log a contact with Dance Studio"
pass "the log form's picker: a partner added above, the selection stays on Dance Studio"
