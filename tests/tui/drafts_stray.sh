#!/bin/bash
# Keys typed for the desk while the "Unsaved work" dialog is up ("/harbor",
# a filter typed as the screen came) are not the dialog's: its 'o' opened
# the old note and typed "r" into it. After a key that is none of the
# dialog's, the rest of that run does nothing there and the dialog says
# which keys answer it, in a line that fits 80 columns and does not
# repeat the keys line under it; a key after a pause does what it says.

. "$(dirname "$0")/lib.sh"

P="Harbor Science Center"
pd add "$P" --kind museum >/dev/null || fail "add failed"

start pd
wait_for "$P"
keys pd c
wait_for "Log a contact with $P"
type_text pd "Asked about the pier permit"
wait_for "pier permit"
t kill-window -t pd
poll 10 test -n "$(sql "SELECT id FROM drafts WHERE payload LIKE '%pier permit%' AND owner_pid IS NULL")" >/dev/null ||
	fail "the killed window left no draft"

start pd
wait_for "Unsaved work from an earlier session"
type_text pd "/harbor"
keys pd Enter
wait_for "keys here answer this dialog first"
screen | grep -q "Log a contact with" && fail "the run typed for the filter opened the old note"
wait_for "Unsaved work from an earlier session"
pass "a run typed for the desk behind opens nothing and says which keys answer the dialog"
# At 80 columns the line fits whole and points at the keys line under it,
# not a second copy of it cut short ("... l…").
said=$(screen | grep "keys here answer this dialog first")
case $said in
*…*) fail "the line is cut: $said" ;;
*"open it again"*) fail "the line repeats the keys line under it: $said" ;;
esac
screen | grep -q "open it again.*discard.*later" || fail "the keys line is gone: $(screen)"
pass "the line fits at 80 columns and leaves the keys to the line under it"
sleep 1.2   # a pause: the run has ended
keys pd l
wait_gone "Unsaved work from an earlier session"
pass "after a pause the dialog's key does what it says"
case $(sql "SELECT payload FROM drafts") in
*"note=Asked about the pier permit\\nfollow_up="*) pass "the note is as typed, nothing added to it" ;;
*) fail "the note changed: $(sql 'SELECT payload FROM drafts')" ;;
esac
keys pd q
assert_exit pd 0
