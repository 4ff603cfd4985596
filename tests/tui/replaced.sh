#!/bin/bash
# A window left open while the desk is put back from a copy. By hand (mv
# over the file) the window says so at once and refuses to save, so that
# nothing goes into a file no one opens again or into the log the copy
# now takes for its own; `partnerdesk restore` instead puts the copy into
# the live file, and an open window shows it and saves into it, leaving
# alone whatever draft the copy holds under the id of the window's draft,
# and writing its note again at once when the copy's row holds less.

. "$(dirname "$0")/lib.sh"

pd add "Amgueddfa Cymru" --kind museum >/dev/null || fail "add failed"
pd backup "$TEST_DIR/copy.db" >/dev/null || fail "backup failed"
pd add "Later Partner" --kind school >/dev/null || fail "add failed"

start pd "2>'$TEST_DIR/err.pd'"
wait_for "Amgueddfa Cymru"
keys pd c
wait_for "Log a contact with Amgueddfa Cymru"
type_text pd "Asked about the Welsh-language storytime"
wait_for "storytime"
mv "$TEST_DIR/copy.db" "$DB" || fail "mv failed"
wait_for "was replaced while open"
pass "a copy moved over the desk by hand: the open window says so at once"
keys pd C-s
wait_for "nothing was saved"
screen pd | grep -q "Log a contact with" || fail "the form closed: the note is gone from the screen"
pass "a save is refused with what to do, and the note stays on screen"
"$PD" --db "$DB" show Amgueddfa | grep -q "storytime" && fail "the note went into the replaced desk"
"$PD" --db "$DB" check >/dev/null || fail "the desk does not check clean"
pass "the desk now there holds no half of it and checks clean"
# The plug pulled with the note unsaved: no wait can put it anywhere in
# the desk, so the program says so at once and leaves the text on stderr.
pid=$(pane_pid pd)
t kill-session -t pd
n=50
while kill -0 "$pid" 2>/dev/null && [ "$n" -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
kill -0 "$pid" 2>/dev/null && fail "still running 5 s after the hangup: waiting for a desk that is gone"
grep -q "was replaced while open" "$TEST_DIR/err.pd" && grep -q "storytime" "$TEST_DIR/err.pd" ||
	fail "the note typed is not on stderr: $(cat "$TEST_DIR/err.pd")"
pass "a hangup then ends at once, with what was typed on stderr"

# The safe way: restore while a window is open (on a desk of its own:
# the first one may hold what the mv by hand mixed into it).
DB="$TEST_DIR/second.db"
pd add "Amgueddfa Cymru" --kind museum >/dev/null || fail "add failed"
pd add "Later Partner" --kind school >/dev/null || fail "add failed"
pd backup "$TEST_DIR/copy2.db" >/dev/null || fail "backup failed"
pd edit "Later Partner" --name "Renamed Partner" >/dev/null || fail "edit failed"
start pd
wait_for "Amgueddfa Cymru"
wait_for "Renamed Partner"
pd restore "$TEST_DIR/copy2.db" >/dev/null 2>"$TEST_DIR/restore.err" ||
	fail "restore failed: $(cat "$TEST_DIR/restore.err")"
wait_for "Later Partner"
pass "partnerdesk restore while a window is open: the window shows the copy"
keys pd c
wait_for "Log a contact with"
type_text pd "Booked the reading room"
keys pd C-s
wait_gone "Log a contact with"
"$PD" --db "$DB" show Amgueddfa | grep -q "Booked the reading room" ||
	fail "the note saved after the restore is not in the desk"
pass "and a note typed there after it is saved into the restored desk"

# The copy may hold another draft under the id the open form's draft has:
# a colleague's (her note at another desk, saved since the copy was made),
# or another of this user's notes, left over. Neither may be written over
# or deleted by the window.
me=$(id -un)
q() { sqlite3 -cmd ".timeout 5000" "$DB" "$1"; }
# draft_id TEXT: the id of this user's draft holding TEXT, once it is written.
draft_id() {
	poll "$TIMEOUT" q_some "SELECT id FROM drafts WHERE os_user = '$me' AND payload LIKE '%$1%'" ||
		fail "the draft holding '$1' was not written in ${TIMEOUT}s"
}
# q_some SQL: q's output, failing when there is none.
q_some() {
	local out
	out=$(q "$1")
	[ -n "$out" ] && echo "$out"
}
# under_copy ID TEXT NAME: a copy NAME.db is made holding draft ID, which
# then leaves the desk (saved where it was typed); a log form is opened and
# TEXT typed; the copy is given draft ID under the window's draft id, as a
# copy made before drafts' ids were drawn can hold it (a new draft never
# takes a freed id now); and the copy is put back under the window. Sets
# under to that id.
under_copy() {
	pd backup "$TEST_DIR/$3.db" >/dev/null || fail "backup failed"
	q "DELETE FROM drafts WHERE id = $1"
	keys pd c
	wait_for "Log a contact with"
	type_text pd "$2"
	under=$(draft_id "$2")
	[ "$under" != "$1" ] || fail "the window's draft took the freed id $1"
	sqlite3 "$TEST_DIR/$3.db" "UPDATE drafts SET id = $under WHERE id = $1" || fail "the copy's id"
	pd restore "$TEST_DIR/$3.db" >/dev/null 2>"$TEST_DIR/restore.err" ||
		fail "restore failed: $(cat "$TEST_DIR/restore.err")"
}
q "INSERT INTO drafts (form, payload, os_user, created, updated) VALUES ('log',
   'note=Colleague: the mural grant is due Friday', 'colleague', '2026-11-16T09:00:00Z',
   '2026-11-16T09:05:00Z')" || fail "insert failed"
theirs=$(q "SELECT id FROM drafts WHERE os_user = 'colleague'")
under_copy "$theirs" "Rang about the summer reading" copy3
keys pd C-s
wait_gone "Log a contact with"
"$PD" --db "$DB" show Amgueddfa | grep -q "summer reading" || fail "the note is not saved"
[ "$(q "SELECT payload FROM drafts WHERE id = $under AND os_user = 'colleague'")" = \
  "note=Colleague: the mural grant is due Friday" ] ||
	fail "the colleague's draft is gone or changed: $(q "SELECT * FROM drafts")"
pass "the copy holds a colleague's draft under the open form's draft id: a save leaves it there"

q "INSERT INTO drafts (form, payload, os_user, created, updated) VALUES ('partner',
   'name=Riverside Allotments', '$me', '2026-11-22T10:00:00Z', '2026-11-22T10:01:00Z')" ||
	fail "insert failed"
mine=$(q "SELECT id FROM drafts WHERE form = 'partner'")
under_copy "$mine" "Asked about plots" copy4
type_text pd " free in March"
draft_id "free in March" >/dev/null
keys pd C-s
wait_gone "Log a contact with"
"$PD" --db "$DB" show Amgueddfa | grep -q "plots free in March" || fail "the note is not saved"
[ "$(q "SELECT form || ' ' || payload FROM drafts WHERE id = $under AND os_user = '$me'")" = \
  "partner name=Riverside Allotments" ] ||
	fail "the left-over draft was written over or deleted: $(q "SELECT * FROM drafts")"
[ -z "$(q "SELECT id FROM drafts WHERE payload LIKE '%plots%'")" ] || fail "the saved note's draft is still there"
pass "or another of this user's drafts: typing and saving leave it as it was, and the note's own draft goes"

# A copy taken while a note was being typed holds its first words only.
# Restored under the window, the draft row holds less than the screen; the
# window writes it again within seconds (not at its next heartbeat, 30 s
# on), so that a crash then loses nothing.
keys pd c
wait_for "Log a contact with"
type_text pd "Rang the harbour trust"
draft_id "harbour trust" >/dev/null
pd backup "$TEST_DIR/copy5.db" >/dev/null || fail "backup failed"
type_text pd " about the tide tables"
draft_id "tide tables" >/dev/null
pd restore "$TEST_DIR/copy5.db" >/dev/null 2>"$TEST_DIR/restore.err" ||
	fail "restore failed: $(cat "$TEST_DIR/restore.err")"
poll 5 q_some "SELECT id FROM drafts WHERE payload LIKE '%harbour trust about the tide tables%'" >/dev/null ||
	fail "the restored draft row still lacks the last words: $(q "SELECT payload FROM drafts")"
pass "a copy with older text of the open note restored: the window writes the whole note again within seconds"
keys pd C-s
wait_gone "Log a contact with"
"$PD" --db "$DB" show Amgueddfa | grep -q "harbour trust about the tide tables" || fail "the note is not saved"
keys pd q
assert_exit pd 0
check_memory
