#!/bin/bash
# A note left unsaved by a window killed mid-call, put off with l (later)
# at the next start, comes back whole when c is pressed on its partner in
# that session, with the time of the dropped call, and the status line says
# so; saved, it is logged once and offered no more. c on another partner
# opens an empty note. Before, the note stayed out of sight until a start
# after that, and c on its partner opened an empty form beside it.

. "$(dirname "$0")/lib.sh"

P="Canolfan Gymunedol Llanrwst"
Q="서울도서관 친구들"
pd add "$P" >/dev/null || fail "add failed"
pd add "$Q" >/dev/null || fail "add failed"

start pd
wait_for "$P"
keys pd c
wait_for "Log a contact with $P"
type_text pd "Gwen rang back about the Eisteddfod stall, wants a table"
wait_for "wants a table"
t kill-window -t pd
poll 10 test -n "$(sql "SELECT id FROM drafts WHERE payload LIKE '%wants a table%' AND owner_pid IS NULL")" >/dev/null ||
	fail "the killed window left no draft: $(sql 'SELECT payload, owner_pid FROM drafts')"

start pd
wait_for "Unsaved work from an earlier session"
keys pd l
wait_gone "Unsaved work from an earlier session"
pass "the note is put off with l"

keys pd j c
wait_for "Log a contact with $Q"
screen | grep -q "wants a table" && fail "another partner's note came up"
keys pd Escape
wait_gone "Log a contact with"
pass "c on another partner opens an empty note"

keys pd k c
wait_for "Log a contact with $P"
wait_for "Gwen rang back about the Eisteddfod stall, wants a table"
screen | grep -q "When     : now" && fail "the note's time is now, not when it was typed"
wait_for_re "unsaved note of [0-9-]+ [0-9:]+ back: C-s logs it"
pass "c on its partner brings the note back, with its time, and says so"

keys pd C-s
wait_gone "Log a contact with"
[ "$(sql "SELECT count(*) FROM interactions WHERE text LIKE '%wants a table%'")" = "[(1,)]" ] ||
	fail "the note is not logged once: $(sql 'SELECT text FROM interactions')"
[ "$(sql "SELECT count(*) FROM drafts")" = "[(0,)]" ] || fail "the draft stays after the save"
keys pd c
wait_for "Log a contact with $P"
screen | grep -q "wants a table" && fail "the logged note came back again"
keys pd Escape
wait_gone "Log a contact with"
pass "saved, it is logged once and not offered again"

keys pd q
assert_exit pd 0
check_memory
