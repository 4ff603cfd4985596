#!/bin/bash
# The phone rings halfway through another partner's agreement: C-t (call)
# opens the log form over it with the partner picker, the caller's number
# as the display shows it finds their partner, With starts at the person
# whose number it is (as the list's filter does), C-s logs the call and its
# follow-up, and the agreement is back as it was typed, cursor and all,
# its hint naming C-t. Before, a form swallowed the key: the only ways to
# the caller were saving half an agreement or discarding it. From a view
# C-t opens the same picker, over the keys shown (? or F1) too; a
# rebound key is the one the hint names. On a desk with no partner yet
# the picker says how to add one.

. "$(dirname "$0")/lib.sh"

pd add "Riverside Art Museum" --kind museum >/dev/null || fail "add 1 failed"
pd contact add "Riverside Art Museum" "Dana Whitlock" --phone "(804) 555-0135" >/dev/null || fail "contact 1 failed"
pd contact add "Riverside Art Museum" "Marcus Bell" --phone "(804) 555-0136" >/dev/null || fail "contact 2 failed"
pd add "Chesterfield Rotary Club" >/dev/null || fail "add 2 failed"

start pd
wait_for "Riverside Art Museum"
keys pd g
keys pd A
wait_for "New agreement with Chesterfield Rotary Club"
type_text pd "Spring book drive"
wait_for_re "Title *: Spring book drive"
wait_for "C-t call"
pass "the agreement form's hint offers C-t for a call"

keys pd C-t
wait_for "Choose a partner"
type_text pd "+1 (804) 555-0136"
wait_for "1 of 1"
keys pd Enter
wait_for "Log a contact with Riverside Art Museum"
# The number named the person as well: the call is with Marcus.
wait_for_re "With +: Marcus Bell"
type_text pd "Asked about the teen volunteers"
keys pd Tab
type_text pd "+3d"
keys pd C-s
wait_gone "Log a contact with"
wait_for "New agreement with Chesterfield Rotary Club"
wait_for_re "Title *: Spring book drive "
pass "C-t over a half-typed agreement: the call is logged and the agreement is back as typed"
# The agreement covers the status line: it says the call was logged, or
# the caller is left wondering whether it was.
wait_for "logged phone with Riverside Art Museum"
pass "and the agreement's form says the call was logged"

want=$(date -d '+3 days' +%F)
got=$(sql "SELECT i.text, i.follow_up FROM interactions i JOIN partners p ON p.id = i.partner_id WHERE p.name = 'Riverside Art Museum'")
case "$got" in
*"Asked about the teen volunteers"*"$want"*) ;;
*) fail "the call was not logged with its follow-up $want: $got" ;;
esac
[ "$(sql "SELECT c.name FROM interactions i JOIN contacts c ON c.id = i.contact_id")" = "[('Marcus Bell',)]" ] ||
	fail "the call is not with Marcus Bell: $(sql "SELECT contact_id FROM interactions")"
pass "the call is in Riverside's log with its follow-up, with the person whose number was typed"

# The cursor is where it was: typing goes on at the end of the title.
type_text pd " 2027"
wait_for_re "Title *: Spring book drive 2027 "
keys pd C-s
wait_gone "New agreement with"
[ "$(sql "SELECT title FROM agreements")" = "[('Spring book drive 2027',)]" ] ||
	fail "the agreement saved as $(sql "SELECT title FROM agreements")"
pass "the agreement is saved as typed before and after the call"

# With the form's keys (F1) up, which name C-t, C-t takes the call too,
# over the whole form; the keys are back over it after.
keys pd A
wait_for "Agreement with Chesterfield"
keys pd F1
wait_for "Keys: form"
keys pd C-t
wait_for "Choose a partner"
keys pd Escape
wait_gone "Choose a partner"
wait_for "Keys: form"
keys pd Escape
wait_gone "Keys: form"
keys pd Escape
wait_gone "Agreement with Chesterfield"
pass "C-t with the form's keys up opens the call; its Esc leaves the keys up as they were"

# From a view C-t opens the picker too (the caller is not the selection).
keys pd C-t
wait_for "Choose a partner"
keys pd Escape
wait_gone "Choose a partner"
# And over a view's keys (?), which name it too.
keys pd "?"
wait_for "Keys: list"
keys pd C-t
wait_for "Choose a partner"
keys pd Escape
wait_gone "Choose a partner"
wait_for "Keys: list"
keys pd Escape
wait_gone "Keys: list"
pass "C-t over a view's keys (?) opens the call; its Esc leaves the keys up"
keys pd q
assert_exit pd 0

# Rebound, the form's hint names the key that works.
cat > "$TEST_DIR/keys.yaml" <<'Y'
keys:
  call: [C-o]
Y
start pd2 --config "$TEST_DIR/keys.yaml"
wait_for "Riverside Art Museum" pd2
keys pd2 A
wait_for "Agreement with" pd2
wait_for "C-o call" pd2
keys pd2 C-o
wait_for "Choose a partner" pd2
keys pd2 Escape
wait_gone "Choose a partner" pd2
pass "call rebound to C-o: the hint says C-o, and C-o opens the call"
keys pd2 Escape
wait_gone "Agreement with" pd2
keys pd2 q
assert_exit pd2 0

# Too small a screen: the call's form, never drawn at a usable size,
# names C-t among its keys under the size, as the agreement's does.
start pd4
wait_for "Riverside Art Museum" pd4
keys pd4 A
wait_for "greement with" pd4
t resize-window -t pd4 -x 59 -y 15
wait_for "terminal too small" pd4
keys pd4 C-t
wait_for "Choose a partner" pd4
type_text pd4 "Riverside"
keys pd4 Enter
wait_for "Log a contact with Riverside Art Museum" pd4
wait_for "C-t call" pd4
pass "too small, the call's form opened there names C-t among its keys"
keys pd4 Escape
wait_gone "Log a contact with" pd4
t resize-window -t pd4 -x 80 -y 24
wait_gone "terminal too small" pd4
keys pd4 Escape
wait_gone "greement with" pd4
keys pd4 q
assert_exit pd4 0

# The partner chosen deleted by another window just before the Enter
# (the program held still meanwhile, so the Enter comes before it reads
# the desk again): the picker is up again saying so, the call's form
# kept, not closed with "there is no partner #4".
pd add "Gone Partner" >/dev/null || fail "add Gone Partner failed"
start pd5
wait_for "Gone Partner" pd5
keys pd5 C-t
wait_for "Choose a partner" pd5
type_text pd5 "Gone Par"
wait_for "1 of 1" pd5
pids=$(pgrep -f -- "--db $DB")
[ -n "$pids" ] || fail "no program to hold still"
kill -STOP $pids
pd delete "Gone Partner" >/dev/null || { kill -CONT $pids; fail "delete Gone Partner failed"; }
keys pd5 Enter
kill -CONT $pids
wait_for "That partner was deleted meanwhile: choose again" pd5
wait_for "Log a contact" pd5
screen pd5 | grep -q "there is no partner" && fail "the picker's partner deleted: said by its number"
keys pd5 Escape
wait_gone "Log a contact" pd5
pass "the partner chosen deleted meanwhile: the picker is up again, saying so"
keys pd5 q
assert_exit pd5 0

# A desk with no partner yet (the first caller): the empty picker says
# so and how to add one, not "Backspace to widen" a filter nobody typed.
DB="$TEST_DIR/empty.db"
pd add "Gone Soon" >/dev/null || fail "add to the empty desk failed"
pd delete "Gone Soon" >/dev/null || fail "delete failed"
start pd3
wait_for "0 partners" pd3
keys pd3 C-t
wait_for "Choose a partner" pd3
wait_for "no partner to choose yet; Esc, then a in the list adds one" pd3
screen pd3 | grep -q "Backspace to widen" && fail "the empty desk's picker sends the person to widen a filter"
keys pd3 Escape
wait_gone "Choose a partner" pd3
pass "C-t on an empty desk: the picker says there is no partner yet and how to add one"
keys pd3 q
assert_exit pd3 0
check_memory
