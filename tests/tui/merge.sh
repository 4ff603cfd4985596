#!/bin/bash
# Merge and delete at the desk: M puts the selected partner into one chosen
# in the picker (itself not offered) after a confirmation showing the dry
# run, which y alone answers (Enter, or a y typed before the question
# showed, does nothing); the one kept is selected. D deletes a partner that
# holds nothing after a y, and keeps one that holds a log, offering the
# merge. A detail open on a partner a colleague merged follows it to the
# one kept; one a colleague deleted says so; a note being logged for a
# merged partner goes to the one kept.

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

# ---- a colleague's merge and delete, seen by an open detail ----
pd add "Museum of Art Annex" >/dev/null || fail "add"
pd log "Museum of Art Annex" "Annex tour" >/dev/null || fail "log"
select_partner "Annex"
keys pd Enter
wait_for "Museum of Art Annex  ["
pd merge "Museum of Art Annex" "Museum of Art" >/dev/null || fail "merge"
wait_for "Museum of Art Annex (#5) was merged into Museum of Art (#1) meanwhile"
wait_for " Museum of Art  [Glance]"
pass "an open detail follows a colleague's merge to the partner kept"
keys pd q
wait_for "Name"
target=$(log_target)
[ "$target" = "Museum of Art" ] || fail "after a colleague's merge the list selects '$target'"
pass "the list selects where the merged partner went"

# The list alone: its selected partner merged by a colleague, the selection
# goes where it went, not to the row that took its place.
pd add "Aardvark Museum" >/dev/null || fail "add"
select_partner "Aardvark"
pd merge "Aardvark Museum" "Museum of Art" >/dev/null || fail "merge"
wait_gone "Aardvark Museum"
target=$(log_target)
[ "$target" = "Museum of Art" ] || fail "after a colleague's merge the list selects '$target'"
pass "the list follows its selected partner merged by a colleague"

# The kanban: the last card (never contacted), merged by a colleague.
pd add "Kanban Dup" >/dev/null || fail "add"
keys pd 2
wait_for "Kanban Dup"
keys pd G
target=$(log_target)
[ "$target" = "Kanban Dup" ] || fail "G in the kanban selects '$target'"
pd merge "Kanban Dup" "Museum of Art" >/dev/null || fail "merge"
wait_gone "Kanban Dup"
target=$(log_target)
[ "$target" = "Museum of Art" ] || fail "after a colleague's merge the kanban selects '$target'"
pass "the kanban follows its selected card merged by a colleague"
keys pd 1

pd add "Temp Partner" >/dev/null || fail "add"
select_partner "Temp"
keys pd Enter
wait_for "Temp Partner  ["
pd delete "Temp Partner" >/dev/null || fail "delete"
wait_for "Temp Partner (#8) was deleted by someone else"
keys pd q
wait_for "Name"
pass "an open detail says a colleague deleted its partner"

# ---- a note typed for a partner merged meanwhile ----
pd add "Musuem Shop" >/dev/null || fail "add"
select_partner "Musuem Shop"
keys pd c
wait_for "Log a contact with Musuem Shop"
type_text pd "Asked about the gala"
pd merge "Musuem Shop" "Museum of Art" >/dev/null || fail "merge"
keys pd C-s
wait_for "Musuem Shop was merged into Museum of Art meanwhile"
keys pd C-s
wait_for "logged phone with Museum of Art"
got=$(pd show 1 --format json | json_get '[i["text"] for i in j["interactions"] if "gala" in i["text"]]')
[ "$got" = "['Asked about the gala']" ] || fail "the note: $got"
pass "a note for a partner merged meanwhile goes to the one kept"

# Merged from a filtered list into a partner the filter hides: the filter
# goes, so that the one kept is seen and selected (it was "0/0", and Esc
# then landed on the first partner). It only fills the owner, and says so
# (it said "moved nothing").
pd add "Harbour Bookshop" --owner Dana >/dev/null || fail "add"
keys pd 1
keys pd /
type_text pd "Harbour"
wait_for "1/1"
keys pd Enter
keys pd M
wait_for "Put Harbour Bookshop into which partner?"
type_text pd "Harbor"
wait_for "1 of 1  Enter choose"
keys pd Enter
wait_for "would fill Harbor Books's empty owner"
screen pd | grep -q "would move: nothing" && fail "the dry run says it would move nothing"
keys pd y
wait_for "merged Harbour Bookshop into Harbor Books: filled owner"
screen pd | grep -q '^/Harbour' && fail "the filter that hid Harbor Books stayed"
target=$(log_target)
[ "$target" = "Harbor Books" ] || fail "after merging from a filtered list the selection is on '$target'"
pass "merged from a filter into a partner it hides: the filter goes, the one kept is selected"
pass "a merge that only fills the owner says 'filled owner', not 'moved nothing'"

# A name longer than the screen is what the picker shortens: at 80 columns
# its question is read whole.
pd add "Amgueddfa Genedlaethol Cymru a Llyfrgell Gymunedol Ardal Dyffryn Clwyd" >/dev/null || fail "add"
select_partner "Amgueddfa Gen"
keys pd M
wait_for "… into which partner?"
keys pd Escape
wait_gone "into which partner?"
pass "a long name shortened in the merge picker's title, its question whole"

keys pd q
assert_exit pd 0
check_memory
