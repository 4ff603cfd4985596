#!/bin/bash
# A hangup mid-note loses nothing: open the quick log, type a note, send
# SIGHUP to partnerdesk (as a dropped SSH session does). It must exit within
# a second; the next start offers the draft back with the note; accepting it
# and saving puts the note in the log, and the draft is not offered again.

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
keys third q
assert_exit third 0
pass "a saved draft is gone"
check_memory
