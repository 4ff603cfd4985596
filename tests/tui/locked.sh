#!/bin/bash
# Another program holds the database's write lock (a long import, a stuck
# script) while a note is typed: the keys echo at once (the draft write
# gives up quickly and tries again on the next quiet second, the text kept
# meanwhile), and once the lock is gone the draft and the save go through.

. "$(dirname "$0")/lib.sh"

pd add "Lakeside Arts Council" --kind "arts organisation" >/dev/null || fail "add failed"

start pd
wait_for "Lakeside Arts Council"
keys pd c
wait_for "Log a contact with Lakeside Arts Council"
type_text pd "Before the lock."
wait_for "Before the lock."

lock_desk 60

# Word by word with quiet seconds between, as a person on the phone types:
# each quiet second tries the draft.
sofar="Before the lock."
for w in " One" " two" " three" " four"; do
	type_text pd "$w"
	sofar="$sofar$w"
	wait_for "$sofar" pd 3
	sleep 1.2
done
wait_for "Before the lock. One two three four" pd 3
pass "the keys echo at once while another program holds the lock"
wait_for "another program is writing" pd 3
pass "and the form says the draft waits"

unlock_desk
draft=""
n=100
while [ $n -gt 0 ]; do
	draft=$(python3 -c 'import sqlite3,sys; print([r[0] for r in sqlite3.connect(sys.argv[1]).execute("select payload from drafts")])' "$DB")
	case $draft in *"One two three four"*) break ;; esac
	sleep 0.1
	n=$((n - 1))
done
case $draft in
*"Before the lock. One two three four"*) pass "once the lock is gone the draft holds every word" ;;
*) fail "the draft is $draft" ;;
esac
keys pd C-s
wait_gone "Log a contact with"
texts=$(pd show "Lakeside Arts Council" --format json | json_get '[i["text"] for i in j["interactions"]]')
[ "$texts" = "['Before the lock. One two three four']" ] || fail "logged: $texts"
pass "and the note saves"
keys pd q
assert_exit pd 0
check_memory
