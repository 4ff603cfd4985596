#!/bin/bash
# A note whose text the desk already holds as a draft when a file size
# limit (ulimit -f) is met, the window then dropped: the draft cannot be
# let go (that is a write too), but its text is in the desk, and the
# process, which no one sees, ends, so that the next start offers it back
# at once. It waited ten minutes, holding the draft as its own: a start on
# a new connection did not offer it.

. "$(dirname "$0")/lib.sh"

command -v prlimit >/dev/null 2>&1 || { echo "1..0 # SKIP prlimit (util-linux) is not installed"; exit 77; }

pd add "Harbor Science Center" --kind museum >/dev/null || fail "add failed"

# The pane's shell outlives the hang-up, to reap the program as a login
# shell's parent does: a zombie's draft is a live session's (kill -0), and
# here no init reaps an orphan.
start_after "trap '' HUP; " pd "2>'$TEST_DIR/err'"
wait_for "Harbor Science Center"
keys pd c
wait_for "Log a contact with Harbor Science Center"
pid=$(pane_pid pd)
type_text pd "Words of the call, in the desk."
wait_for "Words of the call, in the desk."
drafted() {
	[ "$(sql "SELECT count(*) FROM drafts WHERE payload LIKE '%in the desk.%'")" = "[(1,)]" ]
}
poll 10 drafted || fail "the draft was not written: $(sql 'SELECT payload FROM drafts')"
# No page more of the desk or its -wal: letting the draft go is refused.
prlimit --pid "$pid" --fsize=2048 || fail "prlimit failed"
pass "the note's text is in the desk as a draft"

t kill-session -t pd
pid_gone "$pid" 15 || { kill -9 "$pid"; fail "partnerdesk ($pid), hung up, still runs 15 s later: $(cat "$TEST_DIR/err")"; }
pass "hung up, the draft's text in the desk, the process ends though the desk refuses the rest"
said_why() {
	grep -F -q "file size limit" "$TEST_DIR/err" && grep -F -q "as drafts, which the next start on it offers back" "$TEST_DIR/err"
}
poll 5 said_why || fail "the exit did not say why or where the note is: $(cat "$TEST_DIR/err")"
grep -F -q "busy" "$TEST_DIR/err" && fail "the exit said the desk is busy: $(cat "$TEST_DIR/err")"
pass "the exit says why, and that the next start offers the note back"

start again
wait_for "Unsaved work from an earlier session" again
wait_for "Words of the call, in the desk." again
keys again Enter
wait_for "Log a contact with Harbor Science Center" again
keys again C-s
wait_gone "Log a contact with" again
keys again q
assert_exit again 0
texts=$(pd show "Harbor Science Center" --format json | json_get '[i["text"] for i in j["interactions"]]')
[ "$texts" = "['Words of the call, in the desk.']" ] || fail "logged: $texts"
pass "the next start offers the note back, and it logs"
check_memory
