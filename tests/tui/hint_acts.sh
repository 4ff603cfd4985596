#!/bin/bash
# The hint line offers only keys that act where the user is: the agenda,
# the list (a filter matching nothing) and a kanban column with nothing in
# them offer no key for a partner (open, edit, move, merge, delete; the
# list no s either, with no row to sort); the agenda's d and r only on a
# follow-up's row, its u only with a d to take back; the Log tab's d and
# u only as the entry marked > has an open or a done follow-up; the
# Contacts and Log tabs with nobody and nothing offer their own keys for
# no one. The partner pickers (M's "into which partner?", the log form's)
# say that typing filters, and name Enter and Esc as bound; the filter as
# typed offers Down/Up only while something matches.

. "$(dirname "$0")/lib.sh"

P="Riverside Art Museum"
Q="Harbor Books"
pd add "$P" >/dev/null || fail "could not add a partner"

start pd
wait_for "$P"

# A fresh desk's agenda: nothing on it to open, mark done or move.
keys pd 3
wait_for "Nothing due in the next two weeks"
offers_only "the empty agenda" "? help" "q quit" "c log call" -- \
	"Enter open" "d done" "u reopen" "r correct" "m move" "M merge" "D delete"
pass "the empty agenda offers help, quit and log call, no key with nothing to act on"

# The log form's picker, opened by c with no partner selected.
keys pd c
wait_for "Choose a partner"
wait_for "type to filter"
screen | grep -q "Enter choose  Esc cancel  type to filter" ||
	fail "the log form's picker does not say what its keys do: $(screen | grep 'of 1')"
type_text pd "zzz"
wait_for "no partner matches"
keys pd BSpace BSpace BSpace
wait_for "type to filter"
keys pd Escape
pass "the log form's picker says typing filters, Enter chooses, Esc cancels"
keys pd Escape
wait_gone "Log a contact"

# A filter that matches nothing, kept by Enter.
keys pd 1 /
type_text pd "zzz"
wait_for "/zzz"
offers_only "the filter as typed, matching nothing" "keep filter" "erase" -- "move"
keys pd Enter
wait_for "No partner matches the filter"
offers_only "the list with nothing matching" "/ filter" "Esc clear filter" "a add" "c log call" -- \
	"Enter open" "e edit" "m move" "> stage on" "M merge" "D delete" "s sort"
keys pd Escape
wait_for "$P"
offers_only "the list with a partner" "Enter open" "e edit" "m move" -- "Esc clear filter"
keys pd /
type_text pd "riv"
wait_for "/riv"
offers_only "the filter as typed, matching a partner" "keep filter" "move" "erase"
keys pd Escape
wait_for "$P"
pass "a list with nothing in it offers no key for a partner, nor s with no row to sort; Esc clears the filter"

# An empty kanban column: Date, right of Glance.
keys pd 2
wait_for "Engagement ("
offers_only "the kanban on a card" "Enter open" "</> stage" "m move"
keys pd l
offers_only "an empty kanban column" "h/l column" "c log call" -- "Enter open" "</> stage" "m move" "e edit"
keys pd h
offers_only "the kanban back on a card" "Enter open" "</> stage"
pass "an empty kanban column offers no key for a partner"

# The Contacts tab with nobody, the Log tab with nothing: the partner's
# keys, none for a person or an entry.
keys pd 1 Enter
wait_for "Overview"
keys pd l
wait_for "No contact people"
offers_only "the Contacts tab with nobody" "h/l tab" "e edit" "c log call" -- "Enter edit" "X remove" "j/k person"
keys pd l
wait_for "Nothing logged yet"
offers_only "the Log tab with nothing" "h/l tab" "e edit" "c log call" -- "r correct" "d done" "u reopen" "j/k entry"
pass "the Contacts and Log tabs with no one in them offer the partner's keys only"

# Entries logged by a colleague show at once: the newest, with a
# follow-up, is marked first.
pd log "$P" "Plain note without a follow-up" >/dev/null || fail "log failed"
pd log "$P" --follow-up +3d "Asked about the reading stall" >/dev/null || fail "log failed"
wait_for "Asked about the reading stall"
wait_for "Plain note without a follow-up"
offers_only "the Log tab on an open follow-up" "r correct" "d done" "j/k entry" -- "u reopen"
keys pd j
offers_only "the Log tab on an entry with no follow-up" "r correct" "j/k entry" -- "d done" "u reopen"
keys pd k
offers_only "the Log tab back on the open follow-up" "r correct" "d done" -- "u reopen"
keys pd d
wait_for "done: follow-up of"
offers_only "the Log tab on a done follow-up" "r correct" "u reopen" -- "d done"
keys pd u
wait_for "reopened: follow-up of"
offers_only "the Log tab on a reopened follow-up" "d done" -- "u reopen"
pass "the Log tab offers d for an open follow-up, u for a done one, neither for none"

# The agenda: d and r on a follow-up's row; u once there is a d to undo.
keys pd q 3
wait_for "Asked about the reading stall"
offers_only "the agenda on a follow-up" "Enter open" "d done" "r correct" -- "u reopen"
keys pd d
wait_for "done (u undoes)"
wait_for "Nothing due in the next two weeks"
offers_only "the agenda emptied by d" "u reopen" "c log call" -- "Enter open" "d done" "r correct" "m move"
keys pd u
wait_for "reopened: follow-up with"
offers_only "the agenda after u" "Enter open" "d done" "r correct" -- "u reopen"
pass "the agenda offers d and r on a follow-up, u only after a d"

# A stage review's row: settled with e or m, not d or r.
pd add "$Q" >/dev/null || fail "could not add a partner"
pd edit "$Q" --review today >/dev/null || fail "could not set a review date"
wait_for "review: Glance stage is due"
keys pd g
offers_only "the agenda on a review" "Enter open" "e review by" "m move" -- "d done" "r correct" \
	"A agreement"
pass "a review's row offers e and m, as d's refusal there says, no d or r"

# M's picker: into which partner, and what the keys do.
keys pd 1
wait_for "[1 List]"
keys pd M
wait_for "into which partner?"
wait_for "type to filter"
screen | grep -q "of 1  Enter choose  Esc cancel  type to filter  Down/Up move" ||
	fail "the merge picker does not say what its keys do: $(screen | grep 'of 1')"
keys pd Escape
wait_gone "into which partner?"
pass "the merge picker says typing filters, Down/Up move, Enter chooses, Esc cancels"
keys pd q
assert_exit pd 0
t kill-session -t pd

# Rebound: the picker names the keys in force, and they act.
cat > "$TEST_DIR/keys.yaml" <<'Y'
keys:
  open: [C-o, Enter]
  cancel: [C-g]
Y
"$PD" --config "$TEST_DIR/keys.yaml" --db "$DB" check >/dev/null || fail "the keys config is refused"
start pd --config "$TEST_DIR/keys.yaml"
wait_for "$P"
keys pd M
wait_for "into which partner?"
wait_for "C-o choose  C-g cancel  type to filter"
screen | grep -q "Esc cancel" && fail "the picker names Esc, which is not bound to cancel"
keys pd C-g
wait_gone "into which partner?"
pass "the merge picker names the rebound keys, and C-g cancels"
keys pd q
assert_exit pd 0
check_memory
