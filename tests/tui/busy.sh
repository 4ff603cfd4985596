#!/bin/bash
# A colleague's long import holds the write lock when Ctrl-S is pressed:
# the form says so in full (wrapped over the form's message rows, not cut
# at its width): not saved yet, why, and that it saves by itself once the
# desk is free. The message stays while typing goes on, the typed text
# stays, and once the lock is gone the note is saved with every word.

. "$(dirname "$0")/lib.sh"

pd add "Lakeside Arts Council" --kind "arts organisation" >/dev/null || fail "add failed"

start pd
wait_for "Lakeside Arts Council"
keys pd c
wait_for "Log a contact with Lakeside Arts Council"
type_text pd "Start of call."
wait_for "Start of call."

lock_desk
type_text pd " More."
wait_for "Start of call. More."
keys pd C-s
wait_for "Not saved yet: the desk is busy" pd 3
wait_for "(someone else, an import?, is writing to" pd 3
wait_for "partnerdesk.db). It is saved as soon as it is free, with what you type" pd 3
wait_for "meanwhile." pd 3
wait_for "Start of call. More." pd 3
pass "the busy message is seen whole, with what happens next, and the text is kept"

type_text pd " Still talking."
wait_for "Start of call. More. Still talking." pd 3
wait_for "Not saved yet: the desk is busy" pd 3
pass "the message stays while typing goes on"

unlock_desk
wait_gone "Log a contact with" pd 15
texts=$(pd show "Lakeside Arts Council" --format json | json_get '[i["text"] for i in j["interactions"]]')
[ "$texts" = "['Start of call. More. Still talking.']" ] || fail "logged: $texts"
left=$(sql "select count(*) from drafts")
[ "$left" = "[(0,)]" ] || fail "drafts left after the save: $left"
pass "once the lock is gone the note is saved with every word"
keys pd q
assert_exit pd 0
check_memory
