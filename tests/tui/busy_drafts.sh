#!/bin/bash
# Unsaved work from a crashed session, offered at a start while a
# colleague's import holds the desk: the list shows and a draft opens at
# once (reading needs no lock; only saving waits). A discard answers at
# once too, and takes effect once the desk is free, even if the program is
# quit before that: the discarded draft never comes back.

. "$(dirname "$0")/lib.sh"

pd add "Harbor Science Center" --kind museum >/dev/null || fail "add failed"
pd add "Oak Street School" --kind school >/dev/null || fail "add failed"

# Two sessions that end mid-note (hung up): two drafts left over.
leave_note() {
	local s=$1 who=$2 note=$3
	start "$s"
	wait_for "$who" "$s"
	if [ "${4:-}" = later ]; then
		wait_for "Unsaved work" "$s"
		keys "$s" l
		wait_gone "Unsaved work" "$s"
	fi
	keys "$s" /
	type_text "$s" "$who"
	keys "$s" Enter
	keys "$s" c
	wait_for "Log a contact with $who" "$s"
	type_text "$s" "$note"
	wait_for "$note" "$s"
	kill -HUP "$(pane_pid "$s")"
	assert_exit "$s" 0 1
	t kill-session -t "$s"
}
leave_note one "Harbor Science Center" "Harbor: discard this one"
leave_note two "Oak Street School" "Oak: keep and save this one" later

lock_desk 120
start pd
wait_for "Unsaved work from an earlier session" pd
wait_for "Harbor: discard this one" pd
wait_for "Oak: keep and save this one" pd
pass "the drafts are offered while the desk is locked"

# Newest first: the Oak note, then the Harbor one.
keys pd Down
keys pd d
wait_for "Discard this draft for good?" pd
keys pd C-x
wait_gone "Harbor: discard this one" pd 3
wait_for "Oak: keep and save this one" pd 3
pass "a discard on a locked desk answers at once"

keys pd Enter
wait_for "Log a contact with Oak Street School" pd 3
wait_for "Oak: keep and save this one" pd 3
type_text pd " (done)"
wait_for "Oak: keep and save this one (done)" pd 3
pass "a draft opens at once on a locked desk, and typing goes on"
keys pd C-s
wait_for "desk is busy" pd 3
unlock_desk
wait_gone "Log a contact with" pd 15
wait_gone "Unsaved work" pd 3
pass "once the lock is gone the reopened note saves by itself"
keys pd q
assert_exit pd 0
left=$(sql "select payload from drafts")
[ "$left" = "[]" ] || fail "drafts left: $left"
texts=$(pd show "Oak Street School" --format json | json_get '[i["text"] for i in j["interactions"]]')
[ "$texts" = "['Oak: keep and save this one (done)']" ] || fail "logged: $texts"
texts=$(pd show "Harbor Science Center" --format json | json_get '[i["text"] for i in j["interactions"]]')
[ "$texts" = "[]" ] || fail "the discarded note was logged: $texts"
pass "the discarded draft is gone, the kept one logged"

# Discarded on a locked desk, then the program quit before the lock goes:
# the discard still takes effect, and the draft is not offered again.
leave_note three "Harbor Science Center" "Harbor again: discard and quit"
lock_desk 120
start pd2
wait_for "Harbor again: discard and quit" pd2
keys pd2 d
wait_for "Discard this draft for good?" pd2
keys pd2 C-x
wait_gone "Unsaved work" pd2 3
keys pd2 q
sleep 1
unlock_desk
assert_exit pd2 0
t kill-session -t pd2
start pd3
wait_for "Harbor Science Center" pd3
sleep 1
if screen pd3 | grep -F -q "Unsaved work"; then
	fail "the discarded draft came back"
fi
keys pd3 q
assert_exit pd3 0
left=$(sql "select payload from drafts")
[ "$left" = "[]" ] || fail "drafts left: $left"
pass "a discard made on a locked desk does not come back after a quit"
check_memory
