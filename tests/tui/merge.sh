#!/bin/bash
# Merge and delete at the desk: M puts the selected partner into one chosen
# in the picker (itself not offered) after a confirmation showing the dry
# run, which y alone answers (Enter, or a y typed before the question
# showed, does nothing); the one kept is selected. D deletes a partner that
# holds nothing after a y, and keeps one that holds a log, offering the
# merge.

. "$(dirname "$0")/lib.sh"

pd add "Museum of Art" --kind museum --website https://moa.example.org >/dev/null || fail "add"
pd add "Musuem of Art" --kind museum --phone 555-0101 --tag arts >/dev/null || fail "add"
pd log "Musuem of Art" "Called about the fall exhibit" >/dev/null || fail "log"
pd add "Zeta Club" >/dev/null || fail "add"
pd add "Harbor Books" >/dev/null || fail "add"
pd log "Harbor Books" "Dropped off flyers" >/dev/null || fail "log"

# select NAME: the list, filtered to NAME, Enter keeping the filter, Esc
# clearing it (the selection stays on the partner).
select_partner() {
	keys pd 1
	keys pd /
	type_text pd "$1"
	keys pd Enter
	wait_for "1/1"
	keys pd Escape
	wait_gone "1/1"
}

start pd
wait_for "Zeta Club"

# ---- merge from the list ----
select_partner "Musuem"
keys pd M
wait_for "Put Musuem of Art into which partner?"
wait_for "of 3  Enter choose"
screen | grep -q '│ Musuem of Art' && fail "the picker offers the partner being merged"
pass "the picker asks where Musuem of Art goes and does not offer it"
type_text pd "Museum"
wait_for "1 of 1  Enter choose"
keys pd Enter
wait_for "Put Musuem of Art (#2) into Museum of Art (#1), then delete Musuem of Art?"
wait_for "would move: 1 log entry"
wait_for "would add: 1 tag"
wait_for "would fill Museum of Art's empty phone"
pass "the confirmation shows the dry run"
keys pd Enter
wait_for "Enter decides nothing here"
pd show "Musuem of Art" >/dev/null 2>&1 || fail "Enter merged"
pass "Enter does not merge"
keys pd y
wait_for "merged Musuem of Art into Museum of Art: moved 1 log entry"
pd show 2 >/dev/null 2>&1 && fail "Musuem of Art is still there after y"
got=$(pd show 1 --format json | json_get '(len(j["interactions"]), j["phone"], j["tags"], j["website"])')
[ "$got" = "(1, '555-0101', ['arts'], 'https://moa.example.org')" ] || fail "Museum of Art after the merge: $got"
pass "y merges: the log, the phone and the tag are Museum of Art's"
target=$(log_target)
[ "$target" = "Museum of Art" ] || fail "after the merge the selection is on '$target'"
pass "the partner kept is selected"

# ---- delete ----
select_partner "Zeta"
# A y typed with D, before the question is on the screen, decides nothing.
keys pd D y
wait_for "Delete Zeta Club (#3)? It holds nothing"
sleep 0.5
pd show "Zeta Club" >/dev/null 2>&1 || fail "a y typed ahead of the question deleted"
screen | grep -q "Delete Zeta Club" || fail "the question went with the y typed ahead"
pass "a y typed ahead of the question does not delete"
keys pd y
wait_for "deleted Zeta Club (#3)"
pd show 3 >/dev/null 2>&1 && fail "Zeta Club is still there"
pass "D then y deletes a partner that holds nothing"

select_partner "Harbor"
keys pd D
wait_for "Harbor Books (#4) has 1 log entry, which a delete would lose"
wait_for "M merge it into another"
keys pd y
sleep 0.3
pd show "Harbor Books" >/dev/null 2>&1 || fail "a partner with a log was deleted"
keys pd M
wait_for "Put Harbor Books into which partner?"
keys pd Escape
wait_gone "Put Harbor Books into which partner?"
pd show "Harbor Books" >/dev/null 2>&1 || fail "Harbor Books went"
pass "one with a log is kept, and M there offers the merge"

# ---- from the kanban and the detail ----
keys pd 2
wait_for "Glance ("
keys pd D
wait_for "Delete"
wait_for "Esc: keep it"
keys pd Escape
wait_gone "Esc: keep it"
pass "D works in the kanban"

keys pd q
assert_exit pd 0
check_memory
