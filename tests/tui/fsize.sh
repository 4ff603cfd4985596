#!/bin/bash
# A note typed on a server whose sessions may only write files up to a
# size (ulimit -f, RLIMIT_FSIZE): the first draft write past it killed the
# program (SIGXFSZ), terminal left raw and the call's words gone. Now the
# program goes on: the form says the desk cannot grow past the limit and
# keeps the text; the window then dropped, the text is kept in a file, the
# process ends rather than wait for a desk that will never take it, and the
# next start (without the limit) offers the whole note back.

. "$(dirname "$0")/lib.sh"

command -v prlimit >/dev/null 2>&1 || { echo "1..0 # SKIP prlimit (util-linux) is not installed"; exit 77; }

KEPT="$XDG_DATA_HOME/partnerdesk/kept"
pd add "Harbor Science Center" --kind museum >/dev/null || fail "add failed"

start pd "2>'$TEST_DIR/err'"
wait_for "Harbor Science Center"
keys pd c
wait_for "Log a contact with Harbor Science Center"
pid=$(pane_pid pd)
# Room for a kept-forms file, none for a page more of the desk or its -wal.
prlimit --pid "$pid" --fsize=2048 || fail "prlimit failed"
type_text pd "Words of the call past the limit."
wait_for "Words of the call past the limit."
wait_for "file size limit" pd 15
ps -p "$pid" >/dev/null 2>&1 || fail "partnerdesk ($pid) was killed by the file size limit"
type_text pd " And more."
wait_for "Words of the call past the limit. And more."
pass "past the file size limit the program goes on, says why, and keeps the text"

# The window goes, as a dropped SSH session's does: the text is kept in a
# file at once (the desk will not take it), and the process, which no one
# sees any more, ends: its limit is its own, and it waited ten minutes
# holding that file locked, so that a start on a new connection was told
# the note "is not back yet". The next start offers it back at once.
t kill-session -t pd
# The newest such file: a kept file is written again when what it holds
# changes (a new one first, then the old one goes), so for a moment two
# may be there.
kept_now() {
	local f
	f=$(grep -l -F "And more." "$KEPT"/unsaved-forms-*.txt 2>/dev/null | xargs -r ls -t 2>/dev/null | head -n 1)
	[ -n "$f" ] && echo "$f"
}
kept_says_why() {
	grep -F -q "file size limit" "$(kept_now)" 2>/dev/null
}
pid_gone "$pid" 15 || { kill -9 "$pid"; fail "partnerdesk ($pid), hung up, still runs 15 s later: $(cat "$TEST_DIR/err")"; }
pass "hung up, on a desk that refuses the note, the process ends once the note is kept"
poll 10 kept_now >/dev/null || fail "no kept file: $(ls -la "$KEPT" 2>&1)"
said_why() {
	grep -F -q "could not keep 1 unsaved form as a draft: " "$TEST_DIR/err" &&
		grep -F -q "file size limit" "$TEST_DIR/err"
}
poll 5 said_why || fail "the exit did not say why it waits: $(cat "$TEST_DIR/err")"
grep -F -q "busy" "$TEST_DIR/err" && fail "the exit said the desk is busy: $(cat "$TEST_DIR/err")"
poll 5 kept_says_why || fail "the kept file does not say why: $(cat "$(kept_now)")"
grep -F -q "offers back as drafts" "$TEST_DIR/err" || fail "the exit did not say where the note is: $(cat "$TEST_DIR/err")"
pass "the window gone, the text is kept in a file, and why is said (not 'busy')"

start again
wait_for "Unsaved work from an earlier session" again
wait_for "Words of the call past the limit. And more." again
keys again Enter
wait_for "Log a contact with Harbor Science Center" again
keys again C-s
wait_gone "Log a contact with" again
keys again q
assert_exit again 0
texts=$(pd show "Harbor Science Center" --format json | json_get '[i["text"] for i in j["interactions"]]')
[ "$texts" = "['Words of the call past the limit. And more.']" ] || fail "logged: $texts"
pass "the next start offers the whole note back, and it logs"
check_memory
