#!/bin/bash
# The unsaved-work dialog at start says what a log draft holds when its
# note is empty: a call dropped after the follow-up date and the channel
# were set, before any words, was shown by its label alone, as if it held
# nothing, and thrown away as such. Now it reads 'Channel "email", Follow
# up "DAY"' (With, the partner's one person as the form sets it, is no
# news). A correction that only moved a follow-up shows that move
# ('Follow up DAY → DAY'), not the entry's own note, unchanged.

. "$(dirname "$0")/lib.sh"

P="Cwm Library Friends"
pd add "$P" --kind library >/dev/null || fail "add failed"
pd contact add "$P" "Rhian Price" >/dev/null || fail "contact add failed"

# The session drops (SIGHUP) with a form open; its pane goes.
hang_up() {
	kill -HUP "$(pane_pid pd)" || fail "cannot signal partnerdesk"
	assert_exit pd 0 1
	t kill-session -t pd
}

start pd
wait_for "$P"
keys pd c
wait_for "Log a contact with $P"
wait_for "Rhian Price"
# The cursor starts in the note: Tab to Follow up, then back up to Channel.
keys pd Tab
type_text pd "+3d"
day=$(date -d '+3 days' +%F)
wait_for "$day"
keys pd BTab BTab BTab BTab
wait_for "< phone >"
type_text pd "e"
wait_for "< email >"
hang_up

start pd
wait_for "Unsaved work from an earlier session"
wait_for "log note: $P"
wait_for "Channel \"email\", Follow up \"$day\""
screen | grep -F -q "With" && fail "the preview names With, which the form set itself"
pass "a log draft with no words shows its channel and follow-up"
keys pd Enter
wait_for "Log a contact with $P"
wait_for_re "Channel *: email"
wait_for "+3d"
keys pd Escape
wait_for "Discard what you typed?"
keys pd C-x
wait_gone "Log a contact with"
keys pd q
assert_exit pd 0
t kill-session -t pd

# A correction that moves the follow-up alone (the agenda's r).
today=$(date +%F)
pd log "$P" --channel visit --follow-up today "Asked about the reading stall" >/dev/null || fail "log failed"
start pd
wait_for "$P"
keys pd 3
wait_for "Asked about the reading stall"
keys pd r
wait_for "Correct the log entry of"
keys pd C-u
type_text pd "+10d"
later=$(date -d '+10 days' +%F)
wait_for "$later"
hang_up

start pd
wait_for "Unsaved work from an earlier session"
wait_for "correction of the log entry of $today: $P"
wait_for_re "Follow up $today (→|->) $later"
screen | grep -F -q '"Asked about the reading stall"' && fail "the preview quotes the unchanged note"
pass "a correction's draft shows the follow-up it moves, not its unchanged note"
keys pd l
wait_gone "Unsaved work"
keys pd q
assert_exit pd 0
check_memory
echo "1..2"
