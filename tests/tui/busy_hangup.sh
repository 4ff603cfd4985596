#!/bin/bash
# The session ends while a save waits for a colleague's import: the note
# typed since the lock was taken is not lost. The terminal goes away (the
# tmux window killed, as a dropped SSH session hangs up) after Ctrl-S; the
# lock outlasts several of the program's busy timeouts (the waits the old
# program gave up after), shortened to a second for the test; once
# the lock is gone the next start offers the note back (logged at the time
# it was begun), and it saves. The file the text was kept in while the
# program waited goes once the wait wrote the draft.

. "$(dirname "$0")/lib.sh"

pd add "Harbor Science Center" --kind museum >/dev/null || fail "add failed"

# Every wait for the lock is 1 s here, not 10 (PARTNERDESK_BUSY_TIMEOUT_MS):
# the lock then outlasts several of them in a few seconds.
busy_ms=1000
start_after "env PARTNERDESK_BUSY_TIMEOUT_MS=$busy_ms " pd
wait_for "Harbor Science Center"
lock_desk 120
begun=$(date +%s)
keys pd c
wait_for "Log a contact with Harbor Science Center"
type_text pd "Typed while the import ran: the pier permit"
wait_for "the pier permit"
keys pd C-s
type_text pd " is approved"
wait_for "the pier permit is approved" pd 12
pid=$(pane_pid pd)
t kill-session -t pd
# The lock stays past four of the program's busy timeouts (the old
# program gave up after one for each try); meanwhile the text is kept in a
# file too (kept_forms.sh). That the setting shortens them is seen from a
# command, which gives up after one: else this wait would prove nothing.
out=$(PARTNERDESK_BUSY_TIMEOUT_MS=$busy_ms timeout 8 "$PD" --db "$DB" add "Pier Trust" 2>&1)
rc=$?
[ "$rc" = 1 ] && case $out in *busy*) true ;; *) false ;; esac ||
	fail "with the lock held, add exited $rc after its busy timeout ($busy_ms ms) saying: $out"
pass "a busy timeout is ${busy_ms} ms here"
sleep 3
ls "$XDG_DATA_HOME"/partnerdesk/kept/unsaved-forms-*.txt >/dev/null 2>&1 ||
	fail "no kept file while the program waits"
unlock_desk
pid_gone "$pid" 15 || fail "partnerdesk ($pid) still runs 15 s after the lock was let go"
pass "the program ended once the lock was gone"
ls "$XDG_DATA_HOME"/partnerdesk/kept/unsaved-forms-*.txt >/dev/null 2>&1 &&
	fail "the kept file stays though the wait wrote the draft"
pass "the file kept while it waited is gone with the wait done"
drafts=$(sql "select payload from drafts")
case $drafts in
*"the pier permit is approved"*) pass "the note is kept as a draft" ;;
*) fail "the drafts are $drafts" ;;
esac

start again
wait_for "Unsaved work from an earlier session" again
wait_for "the pier permit is approved" again
keys again Enter
wait_for "Log a contact with Harbor Science Center" again
wait_for "the pier permit is approved" again
pass "the next start offers the note back"
keys again C-s
wait_gone "Log a contact with" again
keys again q
assert_exit again 0
json=$(pd show "Harbor Science Center" --format json)
texts=$(echo "$json" | json_get '[i["text"] for i in j["interactions"]]')
[ "$texts" = "['Typed while the import ran: the pier permit is approved']" ] || fail "logged: $texts"
at=$(echo "$json" | json_get 'j["interactions"][0]["at"]')
at_s=$(date -u -d "$at" +%s) || fail "not a time: $at"
# The reopened form shows When to the minute.
[ "$at_s" -ge $((begun - 61)) ] && [ "$at_s" -le $((begun + 2)) ] ||
	fail "logged at $at ($at_s), the note was begun at $begun"
pass "and it saves, at the time it was begun"
left=$(sql "select count(*) from drafts")
[ "$left" = "[(0,)]" ] || fail "drafts left after the save: $left"
check_memory
