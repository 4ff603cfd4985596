#!/bin/bash
# Two windows of one OS user on one database, as with two SSH sessions: a
# note still being typed in the first is not offered in the second as
# "unsaved work from an earlier session" (opened there and saved, the call
# would be logged twice). Once the first session has really ended (killed
# outright: no chance to tidy up), the next start offers the note back.

. "$(dirname "$0")/lib.sh"

pd add "Amgueddfa Cymru" --kind museum >/dev/null || fail "add failed"

draft_count() {
	python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from drafts").fetchone()[0])' "$DB"
}

# wait_draft TEXT: polls until a draft holds TEXT (the quiet second wrote it).
wait_draft() {
	local n=100
	while [ $n -gt 0 ]; do
		python3 -c 'import sqlite3,sys; sys.exit(0 if sqlite3.connect(sys.argv[1]).execute("select count(*) from drafts where payload like ?", ("%" + sys.argv[2] + "%",)).fetchone()[0] else 1)' "$DB" "$1" && return 0
		sleep 0.1
		n=$((n - 1))
	done
	fail "no draft holds '$1'"
}

start g
wait_for "Amgueddfa Cymru" g
keys g c
wait_for "Log a contact with Amgueddfa Cymru" g
type_text g "Live note in the first window"
wait_for "Live note in the first window" g
wait_draft "Live note in the first window"
[ "$(draft_count)" = 1 ] || fail "the first window wrote $(draft_count) drafts"
pass "the first window keeps its note as a draft"

start h
wait_for "Amgueddfa Cymru" h
wait_for "1 partner" h
screen h | grep -q "Unsaved work" && fail "the second window offers the note still being typed in the first"
pass "the second window does not offer a note another window is typing"
keys h q
assert_exit h 0

type_text g " and more words"
keys g C-s
wait_gone "Log a contact with" g
texts=$(pd show "Amgueddfa Cymru" --format json | json_get '[i["text"] for i in j["interactions"]]')
[ "$texts" = "['Live note in the first window and more words']" ] || fail "logged: $texts"
pass "the call is logged once"

# A session killed outright (no SIGHUP handler runs): its draft is offered
# at the next start, since its process is gone.
keys g c
wait_for "Log a contact with Amgueddfa Cymru" g
type_text g "Killed mid-note"
wait_draft "Killed mid-note"
kill -KILL "$(pane_pid g)"
start k
wait_for "Unsaved work" k
wait_for "Killed mid-note" k
pass "a killed session's note is offered back at once"
keys k Enter
wait_for "Log a contact with Amgueddfa Cymru" k
keys k C-s
wait_gone "Log a contact with" k
keys k q
assert_exit k 0
check_memory
