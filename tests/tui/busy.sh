#!/bin/bash
# A colleague's long import holds the write lock past the save's wait: Ctrl-S
# then says so in full (wrapped over the form's message rows, not cut at its
# width), with what to do; the message stays while typing goes on, the
# typed text stays, and once the lock is gone the same Ctrl-S saves it.

. "$(dirname "$0")/lib.sh"

pd add "Lakeside Arts Council" --kind "arts organisation" >/dev/null || fail "add failed"

start pd
wait_for "Lakeside Arts Council"
keys pd c
wait_for "Log a contact with Lakeside Arts Council"
type_text pd "Start of call."
wait_for "Start of call."

# The "import": BEGIN IMMEDIATE held until told to let go (a file), or for
# at most 90 s.
python3 - "$DB" "$TEST_DIR/locked" "$TEST_DIR/release" <<'PY' &
import os, sqlite3, sys, time
db, locked, release = sys.argv[1:4]
c = sqlite3.connect(db, isolation_level=None, timeout=10)
c.execute("BEGIN IMMEDIATE")
c.execute("UPDATE partners SET updated = updated")
open(locked, "w").close()
end = time.time() + 90
while not os.path.exists(release) and time.time() < end:
    time.sleep(0.05)
c.execute("ROLLBACK")
PY
holder=$!
n=100
while [ ! -e "$TEST_DIR/locked" ] && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
[ -e "$TEST_DIR/locked" ] || fail "the lock holder did not start"

type_text pd " More."
wait_for "Start of call. More."
keys pd C-s
# The save waits for the lock for up to 10 s before it gives up.
wait_for "again when it is done" pd 30
wait_for "your text is kept" pd 3
wait_for "(an import?)" pd 3
wait_for "a while" pd 3
wait_for "Start of call. More." pd 3
pass "the busy message is seen whole, with what to do, and the text is kept"

type_text pd " Still talking."
wait_for "Start of call. More. Still talking." pd 3
wait_for "again when it is done" pd 3
pass "the message stays while typing goes on"

touch "$TEST_DIR/release"
wait "$holder"
draft=""
n=100
while [ $n -gt 0 ]; do
	draft=$(python3 -c 'import sqlite3,sys; print([r[0] for r in sqlite3.connect(sys.argv[1]).execute("select payload from drafts")])' "$DB")
	case $draft in *"Start of call. More. Still talking."*) break ;; esac
	sleep 0.1
	n=$((n - 1))
done
case $draft in
*"Start of call. More. Still talking."*) pass "the draft holds every word once the lock is gone" ;;
*) fail "the draft is $draft" ;;
esac
keys pd C-s
wait_gone "Log a contact with" pd 15
texts=$(pd show "Lakeside Arts Council" --format json | json_get '[i["text"] for i in j["interactions"]]')
[ "$texts" = "['Start of call. More. Still talking.']" ] || fail "logged: $texts"
left=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from drafts").fetchone()[0])' "$DB")
[ "$left" = 0 ] || fail "$left drafts left after the save"
pass "once the lock is gone Ctrl-S saves every word"
keys pd q
assert_exit pd 0
check_memory
