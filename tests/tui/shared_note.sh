#!/bin/bash
# A desk first made in a set-group-ID directory its group may write is made
# private (0600) all the same; the model notes it and the chmod that shares
# it, which the command line prints on stderr. The interface says it in the
# status line once, after opening (from the first-run screen and with
# --demo on a new file), until a key; not on the next start, and not for a
# desk made in a directory nobody shares. Any user may set the bit on a
# directory of their own group, so this needs no root.

. "$(dirname "$0")/lib.sh"

SHARED="$TEST_DIR/branch"
mkdir "$SHARED" && chmod 2775 "$SHARED" || fail "cannot make $SHARED"
[ -g "$SHARED" ] || { echo "1..0 # SKIP the file system here keeps no set-group-ID bit on directories"; exit 77; }

# The first-run screen, Enter for an empty desk.
DB="$SHARED/desk.db"
start a
wait_for "There is no database yet" a
keys a Enter
wait_for "note: desk.db is yours alone (mode 0600)" a
# The status may wrap; the chmod is its end, on the second line.
screen a | tr -d '\n' | tr -s ' ' | grep -F -q "chmod 0660 $DB" ||
	fail "the note does not end with the chmod that shares it"
[ "$(stat -c %a "$DB")" = 600 ] || fail "the desk is $(stat -c %a "$DB"), want 600"
pass "a new desk in a shared directory: the status line says it is private and how to share it"
keys a j
wait_gone "yours alone" a
pass "the note goes at the first key, as other messages do"
keys a q
assert_exit a 0
t kill-session -t a

start a
wait_for "partners" a
screen a | grep -q "yours alone" && fail "the note came again on the next start"
keys a q
assert_exit a 0
t kill-session -t a
pass "the next start says nothing: the note comes once, when the file is made"

# --demo with --db on a new file opens before the screen starts.
DB="$SHARED/demo.db"
start a --demo
wait_for "note: demo.db is yours alone" a
keys a q
assert_exit a 0
t kill-session -t a
pass "--demo on a new file there says it too"

# A directory nobody shares: the usual greeting.
mkdir "$TEST_DIR/own" && chmod 0755 "$TEST_DIR/own"
DB="$TEST_DIR/own/desk.db"
start a
wait_for "There is no database yet" a
keys a Enter
wait_for "press a to add a partner" a
screen a | grep -q "yours alone" && fail "a note for a directory not shared"
keys a q
assert_exit a 0
pass "a desk made in a directory of one's own gets the usual greeting"
check_memory
