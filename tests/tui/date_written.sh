#!/bin/bash
# A follow-up typed as a British or an American librarian writes a date
# (24/12/2030, 12/24/2030) is read, the form showing the date it took;
# 03/12/2030, the 3rd of December or the 12th of March, is shown as
# either, and the save names both readings. Both were "not a date".

. "$(dirname "$0")/lib.sh"

P="Canolfan Gymunedol Llanrwst"
pd add "$P" >/dev/null || fail "add failed"

start pd
wait_for "$P"
keys pd c
wait_for "Log a contact with $P"
type_text pd "Gwen: the stall is booked"
keys pd Tab
type_text pd "24/12/2030"
wait_for "= Tue 2030-12-24"
keys pd C-u
type_text pd "12/24/2030"
wait_for "= Tue 2030-12-24"
pass "24/12/2030 and 12/24/2030 are read as the 24th of December"

keys pd C-u
type_text pd "03/12/2030"
wait_for "? day or month first?"
keys pd C-s
wait_for '"03/12/2030" may be 2030-12-03 or 2030-03-12'
[ "$(sql "SELECT count(*) FROM interactions")" = "[(0,)]" ] || fail "the note was saved with a date of two readings"
pass "03/12/2030 is refused naming both readings"

keys pd C-u
type_text pd "2030-12-03"
wait_for "= Tue 2030-12-03"
keys pd C-s
wait_gone "Log a contact with"
[ "$(sql "SELECT follow_up FROM interactions")" = "[('2030-12-03',)]" ] ||
	fail "the follow-up is not 2030-12-03: $(sql 'SELECT follow_up FROM interactions')"
pass "written as YYYY-MM-DD, it saves"

keys pd q
assert_exit pd 0
check_memory
