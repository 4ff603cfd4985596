#!/bin/bash
# Ctrl-S on a note while a colleague's import holds the desk: the screen
# does not freeze for the save's wait. The form stays, says the desk is
# busy and that the note is saved once it is free; typing goes on and
# echoes; the save is tried again on the quiet seconds and goes through by
# itself once the lock is gone, with everything typed, logged at the time
# the note was begun (not when the lock let go), and no "not saved" left
# on screen once it is saved.

. "$(dirname "$0")/lib.sh"

pd add "Lakeside Arts Council" --kind "arts organisation" >/dev/null || fail "add failed"

start pd
wait_for "Lakeside Arts Council"
begun=$(date +%s)
keys pd c
wait_for "Log a contact with Lakeside Arts Council"
type_text pd "Start of call."
wait_for "Start of call."

lock_desk
type_text pd " More."
wait_for "Start of call. More."
keys pd C-s
type_text pd " Still talking."
# The usual wait for a lock is 10 s; the screen answers long before.
wait_for "Start of call. More. Still talking." pd 3
wait_for "desk is busy" pd 3
wait_for "saved as soon as it is free" pd 3
pass "Ctrl-S on a locked desk: the form says so at once and typing goes on"
keys pd Up
keys pd Up
keys pd Up
wait_for "Start of call. More. Still talking." pd 3
keys pd C-l
wait_for "desk is busy" pd 3
pass "keys and redraws work while the save waits"

# Long enough that 'now' at the save would be seconds after the start.
while [ $(($(date +%s) - begun)) -lt 4 ]; do sleep 0.2; done
wait_for "Log a contact with" pd 3
released=$(date +%s)
unlock_desk
wait_gone "Log a contact with" pd 15
wait_for "logged phone with Lakeside Arts Council" pd 3
if screen pd | grep -E -q "busy|not saved|saved as soon"; then
	fail "a message from before the save is still on screen"
fi
pass "once the lock is gone the note saves by itself; only 'logged' is said"

json=$(pd show "Lakeside Arts Council" --format json)
texts=$(echo "$json" | json_get '[i["text"] for i in j["interactions"]]')
[ "$texts" = "['Start of call. More. Still talking.']" ] || fail "logged: $texts"
at=$(echo "$json" | json_get 'j["interactions"][0]["at"]')
at_s=$(date -u -d "$at" +%s) || fail "not a time: $at"
[ "$at_s" -ge $((begun - 1)) ] && [ "$at_s" -lt "$released" ] && [ "$at_s" -le $((begun + 2)) ] ||
	fail "logged at $at ($at_s): begun $begun, the lock let go at $released"
pass "logged with every word, at the time the note was begun"
left=$(sql "select count(*) from drafts")
[ "$left" = "[(0,)]" ] || fail "drafts left after the save: $left"
pass "the draft is gone with the save"
keys pd q
assert_exit pd 0
check_memory
