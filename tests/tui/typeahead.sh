#!/bin/bash
# Keys typed straight after start-up ("/bond" Enter, the habit of starting
# and filtering) were meant for the list: when the "Unsaved work" dialog
# comes up instead, they must not reach it (an o in them reopened the old
# note and the rest of the word went into it). Only keys pressed after the
# dialog is drawn count.

. "$(dirname "$0")/lib.sh"

pd add "Bondurant Science Museum" --kind museum >/dev/null || fail "add failed"

# killed_mid_note NAME: a note left by session NAME, killed while typing it.
killed_mid_note() {
	local s=$1 n=100 d
	start "$s"
	wait_for "Bondurant Science Museum" "$s"
	keys "$s" c
	wait_for "Log a contact with Bondurant Science Museum" "$s"
	type_text "$s" "Important: director approved 5000 dollars for the camp"
	wait_for "for the camp" "$s"
	while [ $n -gt 0 ]; do
		d=$(python3 -c 'import sqlite3,sys; print([r[0] for r in sqlite3.connect(sys.argv[1]).execute("select payload from drafts")])' "$DB")
		case $d in *"for the camp"*) break ;; esac
		sleep 0.1
		n=$((n - 1))
	done
	[ $n -gt 0 ] || fail "no draft was written"
	kill -KILL "$(pane_pid "$s")"
	wait_exit "$s" >/dev/null
	t kill-session -t "$s"
}

killed_mid_note pd

# The keys are in the terminal before the program starts reading it: the
# shell sleeps first, then starts partnerdesk.
start_after "sleep 2; " again
type_text again "/bond"
keys again Enter
wait_for "Unsaved work from an earlier session" again
# A key sent now is read after every key typed ahead: once its answer
# shows, whatever those keys did shows too (a pause proved nothing when
# the program was slow to read them). d asks whether to discard; in the
# note, had the o reopened it, it would be a letter typed.
keys again d
wait_for_re "Discard this draft for good\?|Log a contact with" again
screen again | grep -F -q "Log a contact with" && fail "the typed-ahead o reopened the draft"
screen again | grep -F -q "campnd" && fail "typed-ahead keys went into the note"
screen again | grep -F -q "Unsaved work from an earlier session" || fail "the dialog went away"
pass "keys typed before the dialog showed do not reach it"
# Any key but C-x keeps the draft; the question goes.
keys again Down
wait_gone "Discard this draft for good?" again
wait_for "Unsaved work from an earlier session" again

# Keys pressed once it shows work as before; the note is as it was left.
keys again Enter
wait_for "Log a contact with Bondurant Science Museum" again
wait_for "director approved 5000 dollars for the camp" again
screen again | grep -F -q "campnd" && fail "the reopened note was changed"
pass "Enter then reopens the note unchanged"
keys again Escape
wait_for "Discard what you typed?" again
keys again C-x
wait_gone "Log a contact with" again
keys again q
assert_exit again 0

# A key pressed the moment the dialog shows is an answer, however late the
# program gets round to dropping what was typed before it: the typeahead
# goes before the dialog is drawn. With the flush after the drawing, an
# Enter sent on sight was dropped whenever the program lost the CPU between
# the two (a loaded server; here the flush is made a second slow).
if [ -n "${PD_SLOW_FLUSH:-}" ]; then
	killed_mid_note note
	start_after "env LD_PRELOAD='$PD_SLOW_FLUSH' ASAN_OPTIONS='$ASAN_OPTIONS:verify_asan_link_order=0' " late
	wait_for "Unsaved work from an earlier session" late
	keys late Enter
	wait_for "Log a contact with Bondurant Science Museum" late
	wait_for "director approved 5000 dollars for the camp" late
	pass "an Enter pressed as the dialog shows opens the note"
	keys late Escape
	wait_for "Discard what you typed?" late
	keys late C-x
	wait_gone "Log a contact with" late
	keys late q
	assert_exit late 0
fi
check_memory
