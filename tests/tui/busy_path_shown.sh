#!/bin/bash
# The session ends (the window killed) while a note waits for a
# colleague's import, on a desk whose path holds an escape sequence: what
# the program says on stderr as it waits and as it ends names that path,
# and the file the note is kept in, with placeholders (^[), never the raw
# bytes, which would clear the screen of whoever reads it.

. "$(dirname "$0")/lib.sh"

mkdir -p "$TEST_DIR/branch"$'\033'"[2Jdesk" || fail "cannot make the directory"
DB="$TEST_DIR/branch"$'\033'"[2Jdesk/partnerdesk.db"
pd add "Harbor Science Center" --kind museum >/dev/null || fail "add failed"

start_after "env PARTNERDESK_BUSY_TIMEOUT_MS=1000 " pd "2>'$TEST_DIR/err'"
wait_for "Harbor Science Center"
lock_desk 120
keys pd c
wait_for "Log a contact with Harbor Science Center"
type_text pd "Typed while the import ran"
wait_for "while the import ran"
keys pd C-s
wait_for "Not saved yet: the desk is busy" pd 12
pid=$(pane_pid pd)
t kill-session -t pd
poll 15 grep -q "is busy" "$TEST_DIR/err" || fail "nothing said of the busy desk: $(cat "$TEST_DIR/err")"
unlock_desk
pid_gone "$pid" 15 || fail "partnerdesk ($pid) still runs 15 s after the lock was let go"
grep -qF 'branch^[[2Jdesk/partnerdesk.db is busy' "$TEST_DIR/err" ||
	fail "the desk's path is not named with ^[: $(od -c "$TEST_DIR/err" | head -5)"
! grep -q $'\033' "$TEST_DIR/err" || fail "an escape reached stderr raw: $(od -c "$TEST_DIR/err" | head -5)"
pass "the busy desk's path holding an escape is named with ^[ on stderr, never raw"
case $(sql "select payload from drafts") in
*"Typed while the import ran"*) pass "and the note is kept as a draft" ;;
*) fail "the note is not in the drafts" ;;
esac
