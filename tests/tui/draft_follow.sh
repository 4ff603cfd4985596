#!/bin/bash
# A draft reopened at start and saved leaves the list on the partner the
# work was for, not on the first partner where the start put it: a note
# typed for the third partner of three, the session dropped, recovered and
# saved (the next c logs with that partner again); then a note and a
# stage move whose partner was deleted, saved to the one chosen.

. "$(dirname "$0")/lib.sh"

# The session drops (SIGHUP) with a form open; its pane goes.
hang_up() {
	kill -HUP "$(pane_pid pd)" || fail "cannot signal partnerdesk"
	assert_exit pd 0 1
	t kill-session -t pd
}

# saved_on TITLE PARTNER: C-s closes the form titled TITLE; the list is
# then on PARTNER.
saved_on() {
	keys pd C-s
	wait_gone "$1"
	local got
	got=$(log_target)
	[ "$got" = "$2" ] || fail "after the save the list is on '$got', want $2"
}

pd add "Amgueddfa Ŵyl Llŷn" --kind museum >/dev/null || fail "add failed"
pd add "Bryn Theatre" --kind "arts organisation" >/dev/null || fail "add failed"
pd add "Cwm Library Friends" --kind library >/dev/null || fail "add failed"

start pd
wait_for "Cwm Library Friends"
keys pd Down Down
[ "$(log_target)" = "Cwm Library Friends" ] || fail "the selection is not on Cwm Library Friends"
keys pd c
wait_for "Log a contact with Cwm Library Friends"
type_text pd "Spoke with Rhian about the reading club"
wait_for "about the reading club"
hang_up

start pd
wait_for "Unsaved work from an earlier session"
keys pd Enter
wait_for "Log a contact with Cwm Library Friends"
saved_on "Log a contact with" "Cwm Library Friends"
pass "a recovered note saved: the list is on its partner"

keys pd Up Up
keys pd c
wait_for "Log a contact with Amgueddfa"
type_text pd "The theatre asked to share the stage"
wait_for "share the stage"
hang_up
pd delete "Amgueddfa Ŵyl Llŷn" --force >/dev/null || fail "delete failed"

start pd
wait_for "log note: its partner was deleted"
keys pd Enter
wait_for "Its partner was deleted: whose log note is this?"
pass "the picker says why it asks"
type_text pd "Bryn"
keys pd Enter
wait_for "Log a contact with Bryn Theatre"
wait_for "share the stage"
saved_on "Log a contact with" "Bryn Theatre"
pass "a note whose partner was deleted, saved to the one chosen: the list is on it"

# a stage move (reopened through the picker of repick.c) likewise
keys pd m
wait_for "Move Bryn Theatre"
keys pd Tab
type_text pd "met at the eisteddfod"
wait_for "met at the eisteddfod"
hang_up
pd delete "Bryn Theatre" --force >/dev/null || fail "delete failed"
pd add "Dyffryn Archive" --kind archive >/dev/null || fail "add failed"

start pd
wait_for "Unsaved work from an earlier session"
keys pd Enter
wait_for "whose stage move is this?"
type_text pd "Dyffryn"
keys pd Enter
wait_for "Move Dyffryn Archive: Glance -> Date"
wait_for "met at the eisteddfod"
saved_on "Move Dyffryn Archive" "Dyffryn Archive"
pass "a stage move whose partner was deleted, saved to the one chosen: the list is on it"
keys pd q
assert_exit pd 0
check_memory
