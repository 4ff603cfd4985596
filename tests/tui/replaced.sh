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
pd backup "$TEST_DIR/copy2.db" >/dev/null || fail "backup failed"

start pd
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
t kill-session -t pd

# The safe way: restore while a window is open.
start pd
wait_for "Amgueddfa Cymru"
screen pd | grep -q "Later Partner" && fail "the copy held no Later Partner"
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
