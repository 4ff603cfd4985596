#!/bin/bash
# Below 60x16 the too-small screen shows how to answer or leave every
# dialog, not only a form's: the help overlay (over the list, and over a
# form: F1), the partner picker (the merge's "into which partner?", with
# the partner Enter would choose) and the conflict dialog (two people
# saving the same partner) each said nothing there, so at 40x12 a
# librarian could not read that q, Esc or b was the way out, or what t
# and m would do; the first start's welcome said nothing either, and the
# merge's confirmation said "y merge" without what into what, and a
# form did not say which it was or which field the typing went into.
# Each way out, taken there, works.

. "$(dirname "$0")/lib.sh"

small() { t resize-window -t "$1" -x 40 -y 12; wait_for "have 40x12" "$1"; }
large() { t resize-window -t "$1" -x 80 -y 24; wait_gone "too small" "$1"; }

# The first start, no database yet: the welcome's choice.
start pd
wait_for "Welcome to partnerdesk"
small pd
wait_for "No database yet"
wait_for "y: sample partners"
wait_for "Enter: an empty database"
wait_for "q: quit"
keys pd q
assert_exit pd 0
[ -e "$DB" ] && fail "q on the welcome created the database"
t kill-session -t pd
pass "at 40x12 the first start's welcome says its choices; q quits creating nothing"

NAME="Maple Grove School"
pd add "$NAME" --kind school >/dev/null || fail "add failed"
pd add "Riverside Art Museum" --kind museum >/dev/null || fail "add failed"

start pd
wait_for "$NAME"
keys pd '?'
wait_for "Keys: list"
small pd
wait_for "The keys of the list need a"
wait_for "q or Esc closes"
keys pd q
wait_gone "q or Esc closes"
large pd
screen | grep -F -q "Keys: list" && fail "q did not close the help"
pass "at 40x12 the help overlay says q or Esc closes it, and q does"

# A form says which it is and the field typed into, with its keys.
keys pd c
wait_for "Log a contact with"
small pd
wait_for "Log a contact with $NAME"
wait_for "cursor in Note  Tab next"
keys pd Tab
wait_for "cursor in Follow up"
pass "at 40x12 a form names itself and the field the cursor is in"
keys pd F1
wait_for "The keys of the form need a"
wait_for "q or Esc closes"
keys pd Escape
wait_for "C-s save"
large pd
wait_for "Log a contact with"
screen | grep -F -q "Keys: form" && fail "Esc did not close the form's help"
keys pd Escape
wait_gone "Log a contact with"
pass "over a form, the help's way out is shown (not the form's keys), and Esc takes it"

keys pd M
wait_for "into which partner?"
small pd
wait_for "Put $NAME into which"
wait_for "Esc cancel"
type_text pd "Riv"
wait_for "Find: Riv"
wait_for "on: Riverside Art Museum"
keys pd Escape
wait_gone "Esc cancel"
large pd
screen | grep -F -q "into which partner?" && fail "Esc did not close the picker"
pass "at 40x12 the picker says what it asks, the partner Enter would choose, and Esc cancel"

# The merge's confirmation: which partner goes into which, then y / n.
keys pd M
wait_for "into which partner?"
keys pd Enter
wait_for "y merge"
small pd
wait_for "Put $NAME (#1) into"
wait_for "Riverside Art Museum (#2), then"
wait_for "y merge"
keys pd n
wait_gone "y merge"
large pd
[ "$(pd list --format json | json_get 'len(j)')" = 2 ] || fail "n merged"
pass "at 40x12 the merge's question names both partners before y merge; n keeps both"
keys pd q
assert_exit pd 0
t kill-session -t pd

# Two people edit the owner; the second save meets the conflict dialog.
open_both a b e "Edit $NAME"
keys a Tab Tab Tab C-u
type_text a "owner-a"
wait_for "owner-a" a
keys a C-s
wait_gone "Edit $NAME" a
keys b Tab Tab Tab C-u
type_text b "owner-b"
wait_for "owner-b" b
keys b C-s
wait_for "Changed meanwhile" b
# At the smallest size it works at, its buttons take two rows rather than
# cut the way out to "[b] back to t…".
t resize-window -t b -x 60 -y 16
wait_for "[t] theirs for these  [m] mine for these" b
wait_for "[b] back to the form" b
pass "at 60x16 the conflict dialog's buttons are whole"
small b
wait_for "was changed by" b
wait_for "fields: Owner" b
wait_for "[t] theirs for these" b
wait_for "[m] mine for these" b
wait_for "[b] back to the form" b
keys b b
wait_gone "[b] back to the form" b
wait_for "C-s save" b
large b
wait_for "Edit $NAME" b
screen b | grep -F -q "Changed meanwhile" && fail "b did not go back to the form"
pass "at 40x12 the conflict dialog says what happened, the fields, t, m and b; b goes back to the form"
keys b Escape
wait_for "Discard what you typed?" b
keys b C-x
wait_gone "Edit $NAME" b
quit_both a b
[ "$(pd show "$NAME" --format json | json_get 'j["owner"]')" = owner-a ] || fail "the owner is not A's"
check_memory
echo "1..8"
