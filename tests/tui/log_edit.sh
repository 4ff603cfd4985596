#!/bin/bash
# A logged call can be corrected. In the detail's Log tab j/k move the mark
# > to every entry (scrolling through a note longer than the screen on the
# way) and r opens the log form on it, filled: a note's text and its
# follow-up corrected there are what `show --format json` then says. A
# colleague's correction of the same note meanwhile is a conflict that
# keeps what was typed; their change to another field is merged in. The
# agenda's r opens the same form on the selected follow-up. A session that
# drops mid-correction offers it back on the next start.

. "$(dirname "$0")/lib.sh"

P="Ty Gwyn Library"
pd add "$P" --kind library >/dev/null || fail "add failed"
pd contact add "$P" "Mair Jones" >/dev/null || fail "contact add failed"
# Oldest first; the Log tab lists them newest first.
pd log "$P" --follow-up +3d "Asked about the reading stall" >/dev/null || fail "log 1 failed"
pd log "$P" "Left a voicemail" >/dev/null || fail "log 2 failed"
python3 -c "print('\n'.join('Visit report line %d.' % i for i in range(30)))" |
	pd log "$P" --channel visit - >/dev/null || fail "log 3 failed"
pd log "$P" "Emailed the poster" >/dev/null || fail "log 4 failed"
id_of() {
	pd show "$P" --format json | json_get "[i['id'] for i in j['interactions'] if i['text'].startswith('$1')][0]"
}
field_of() {
	pd show "$P" --format json | json_get "[i['$2'] for i in j['interactions'] if i['id'] == $1][0]"
}
stall=$(id_of "Asked about")
voicemail=$(id_of "Left a voicemail")

start pd
wait_for "$P"
keys pd Enter
wait_for "Overview"
keys pd l l
wait_for "Emailed the poster"
# The mark is on the first follow-up on the screen, else the first entry.
screen_has_re '^>[0-9-]+  phone  by .*r: correct' || fail "the newest entry is not marked >"
pass "with no follow-up on the screen the first entry is marked, and r named"

# Down through the long visit report: the mark stays on it while its
# lines scroll by, then moves on.
keys pd j
wait_for_re '^>[0-9-]+  visit'
for n in $(seq 1 30); do keys pd j; done
wait_for_re '^>[0-9-]+  phone  by .*r: correct'
screen | grep -q "Asked about the reading stall" || fail "the oldest entry is not on the screen"
screen | grep -q "Visit report line 29" || fail "the long note's last line was not scrolled to"
pass "j goes through a long note line by line, and reaches the last entry"
keys pd d
wait_for "done: follow-up of"
[ "$(field_of "$stall" done)" = True ] || fail "d did not mark the marked entry's follow-up done"
keys pd u
wait_for "reopened: follow-up of"
pass "d and u act on the entry marked >, wherever it is"

keys pd k
wait_for_re '^>[0-9-]+  phone  by .*r: correct'
screen | grep -B1 -F "Left a voicemail" | grep -q '^>' || fail "k did not mark the voicemail entry"
keys pd r
wait_for "Correct the log entry of"
wait_for "Left a voicemail"
wait_for_re "Channel +: phone"
pass "r opens the log form on the marked entry, filled"
type_text pd " for Mair"
keys pd Tab
keys pd C-u
type_text pd "+1w"
want=$(date -d '+7 days' +%F)
wait_for "= $(date -d '+7 days' +%a) $want"
keys pd C-s
wait_gone "Correct the log entry of"
wait_for "saved the log entry of"
[ "$(field_of "$voicemail" text)" = "Left a voicemail for Mair" ] || fail "the note was not corrected: $(field_of "$voicemail" text)"
[ "$(field_of "$voicemail" follow_up)" = "$want" ] || fail "the follow-up is $(field_of "$voicemail" follow_up), want $want"
[ "$(pd show "$P" --format json | json_get 'len(j["interactions"])')" = 4 ] || fail "the correction added an entry"
pass "the corrected note and follow-up are saved on the entry itself"

# A colleague corrects the same note while it is typed here: a conflict,
# and what was typed is kept.
wait_for "Left a voicemail for Mair"
keys pd r
wait_for "Correct the log entry of"
type_text pd " (no answer)"
wait_for "(no answer)"
pd log --edit "$voicemail" "Colleague: voicemail left" >/dev/null || fail "the colleague's correction failed"
keys pd C-s
wait_for "Changed meanwhile"
wait_for "Colleague: voicemail left"
pass "a colleague's correction meanwhile is shown as a conflict"
keys pd b
wait_gone "Changed meanwhile"
wait_for "Left a voicemail for Mair (no answer)"
pass "back to the form: what was typed is still there"
keys pd C-s
wait_gone "Correct the log entry of"
[ "$(field_of "$voicemail" text)" = "Left a voicemail for Mair (no answer)" ] || fail "the save after the conflict did not keep mine: $(field_of "$voicemail" text)"
pass "saved after the conflict, with what was typed"

# A colleague changes another field meanwhile: merged in, no dialog.
keys pd r
wait_for "Correct the log entry of"
type_text pd " Again."
pd log --edit "$voicemail" --channel email >/dev/null || fail "the colleague's channel change failed"
keys pd C-s
wait_gone "Correct the log entry of"
wait_for "merged in their change"
[ "$(field_of "$voicemail" channel)" = email ] || fail "their channel was lost"
[ "$(field_of "$voicemail" text)" = "Left a voicemail for Mair (no answer) Again." ] || fail "my note was lost"
pass "a colleague's change to another field is merged in, mine kept"

# The agenda's r: the follow-up moved to another day.
keys pd q
keys pd 3
wait_for "Asked about the reading stall"
due=$(pd agenda --days 30 --format json | json_get "[n for n, i in enumerate(j) if i.get('interaction_id') == $stall][0]")
keys pd g
for n in $(seq 1 "$due"); do keys pd j; done
keys pd r
wait_for "Correct the log entry of"
wait_for "Asked about the reading stall"
# the cursor starts in Follow up: the date typed replaces it
keys pd C-u
type_text pd "+10d"
want=$(date -d '+10 days' +%F)
wait_for "= $(date -d '+10 days' +%a) $want"
keys pd C-s
wait_gone "Correct the log entry of"
[ "$(field_of "$stall" follow_up)" = "$want" ] || fail "the agenda's r did not move the follow-up: $(field_of "$stall" follow_up)"
pass "r in the agenda moves the selected follow-up to another day"

# A session dropped mid-correction: offered back, still a correction.
keys pd r
wait_for "Correct the log entry of"
# from Follow up back to the note
keys pd BTab
type_text pd " Mair calls back Friday."
wait_for "calls back Friday."
sleep 1.5   # the draft is written in a quiet second
kill -HUP "$(pane_pid pd)" || fail "cannot signal partnerdesk"
assert_exit pd 0 1
start again
wait_for "Unsaved work from an earlier session" again
# Told as a correction of that day's entry, not as a new note.
wait_for "correction of the log entry of $(date -d "$(field_of "$stall" at)" +%F): $P" again
screen_has_re "log note" again && fail "the correction is offered back as a new log note"
pass "a correction's draft is offered back as a correction of its entry's day"
keys again Enter
wait_for "Correct the log entry of" again
wait_for "calls back Friday." again
keys again C-s
wait_gone "Correct the log entry of" again
[ "$(field_of "$stall" text)" = "Asked about the reading stall Mair calls back Friday." ] ||
	fail "the correction offered back was not saved on the entry: $(field_of "$stall" text)"
[ "$(pd show "$P" --format json | json_get 'len(j["interactions"])')" = 4 ] || fail "the correction offered back added an entry"
pass "a correction a dropped session left is offered back, and saved on its entry"
keys again q
assert_exit again 0
check_memory
