#!/bin/bash
# A window left open while the desk is put back from a copy. By hand (mv
# over the file) the window says so at once and refuses to save, so that
# nothing goes into a file no one opens again or into the log the copy
# now takes for its own; `partnerdesk restore` instead puts the copy into
# the live file, and an open window shows it and saves into it.

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
keys pd q
assert_exit pd 0
check_memory
