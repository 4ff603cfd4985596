#!/bin/bash
# A hangup mid-note loses nothing: open the quick log, type a note, send
# SIGHUP to partnerdesk (as a dropped SSH session does). It must exit within
# a second; the next start offers the draft back with the note; accepting it
# and saving puts the note in the log, and the draft is not offered again.
# Then the terminal itself goes away (the tmux session is killed) mid-note:
# the program is gone within a second and that draft is offered too; "later"
# keeps it, "discard" (after Ctrl-X, not a typed y) removes it.

. "$(dirname "$0")/lib.sh"

pd add "Harbor Science Center" --kind museum >/dev/null || fail "add failed"

start pd
wait_for "Harbor Science Center"
keys pd c
wait_for "Log a contact with Harbor Science Center"
type_text pd "Spoke with Ana: summer reading kickoff on the pier"
wait_for "summer reading kickoff on the pier"
kill -HUP "$(pane_pid pd)" || fail "cannot signal partnerdesk"
# 1: the session ended without the person quitting; 0 is fine too.
assert_exit pd 0 1
pass "partnerdesk exited within ${EXIT_LIMIT}s of SIGHUP"

start again
wait_for "Unsaved work from an earlier session" again
wait_for "summer reading kickoff on the pier" again
pass "the draft is offered back with the note"
keys again Enter
wait_for "Log a contact with Harbor Science Center" again
wait_for "summer reading kickoff on the pier" again
type_text again " (confirmed)"
keys again C-s
wait_gone "Log a contact with" again
keys again q
assert_exit again 0

note=$(pd show "Harbor Science Center" --format json | json_get '[i["text"] for i in j["interactions"]]')
case $note in
*"Spoke with Ana: summer reading kickoff on the pier (confirmed)"*) pass "the note is in the log" ;;
*) fail "the note is not in the log: $note" ;;
esac
channel=$(pd show "Harbor Science Center" --format json | json_get 'j["interactions"][0]["channel"]')
[ "$channel" = phone ] || fail "quick log channel is '$channel', want phone"

start third
wait_for "Harbor Science Center" third
sleep 0.5
if screen third | grep -F -q "Unsaved work"; then
	fail "the saved draft was offered again"
fi
keys third c
wait_for "Log a contact with Harbor Science Center" third
type_text third "Second call: the pier permit is approved"
wait_for "the pier permit is approved" third
pid=$(pane_pid third)
t kill-session -t third
pid_gone "$pid" "$EXIT_LIMIT" || fail "partnerdesk ($pid) still runs ${EXIT_LIMIT}s after its terminal went away"
pass "the terminal went away: partnerdesk exited within ${EXIT_LIMIT}s"

start fourth
wait_for "Unsaved work from an earlier session" fourth
wait_for "the pier permit is approved" fourth
keys fourth l
wait_gone "Unsaved work" fourth
wait_for "the unsaved draft is kept: offered again at the next start" fourth
keys fourth q
assert_exit fourth 0
pass "later: the dialog goes, the draft stays"

start fifth
wait_for "the pier permit is approved" fifth
keys fifth d
wait_for "Discard this draft for good?" fifth
keys fifth y
wait_gone "Discard this draft for good?" fifth
wait_for "the pier permit is approved" fifth
pass "a y (typing landing in the dialog) does not discard the draft"
keys fifth d
wait_for "Discard this draft for good?" fifth
keys fifth C-x
wait_gone "Unsaved work" fifth
keys fifth q
assert_exit fifth 0
start sixth
wait_for "Harbor Science Center" sixth
sleep 0.5
if screen sixth | grep -F -q "Unsaved work"; then
	fail "a discarded draft was offered again"
fi
keys sixth q
assert_exit sixth 0
pass "discard: the draft is gone for good"
texts=$(pd show "Harbor Science Center" --format json | json_get '[i["text"] for i in j["interactions"]]')
case $texts in
*"pier permit"*) fail "the discarded note was saved: $texts" ;;
esac
check_memory
