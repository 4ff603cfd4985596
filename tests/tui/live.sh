#!/bin/bash
# A colleague's change reaches the screen: a move made from the command line
# (another person at another terminal) shows in the list within a couple of
# seconds without a key; a move asked for on a partner that changed since
# the screen was drawn says who moved it, and the panes catch up at once; a
# conflict on saving the move names the colleague, the title follows the
# stage it moves from, and the whole message is seen (wrapped). A quiet desk
# writes nothing to the terminal, even when others write to the database,
# nor does a quiet form.

. "$(dirname "$0")/lib.sh"

pd add "Richmond Metro Zoo" --kind zoo >/dev/null || fail "add failed"
pd add "Harbour Science Centre" --kind museum >/dev/null || fail "add failed"
me=$(id -un)

start pd
wait_for "Richmond Metro Zoo"
wait_for "1/2"
# Old code read again every 20 s after start; this must come well before.
pd move richmond date --reason "camp agreed" >/dev/null || fail "move failed"
wait_for "Richmond Metro Zoo                   zoo          Date" pd 8
pass "a colleague's move shows in the list without a key"

# Quiet: a minute of this writes nothing; here a few seconds, with a
# commit by another connection that changes nothing shown (an audit row).
t pipe-pane -t pd -o "cat >> '$TEST_DIR/idle.bytes'"
sleep 3
python3 - "$DB" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
c.execute("INSERT INTO audit (at, os_user, entity, entity_id, action, detail, created, updated) "
          "VALUES ('2026-01-01T00:00:00Z', 'test', 'none', 0, 'none', 'nothing shown', "
          "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')")
c.execute("COMMIT")
PY
sleep 3
t pipe-pane -t pd
bytes=$(wc -c < "$TEST_DIR/idle.bytes" 2>/dev/null || echo 0)
[ "$bytes" -eq 0 ] || fail "a quiet desk wrote $bytes bytes to the terminal"
pass "a quiet desk writes nothing, though another connection wrote"

# Nor with a form open, its cursor shown (it was hidden and shown again
# every second), while its own draft heartbeat and others write.
keys pd c
wait_for "Log a contact with"
type_text pd "quiet"
wait_for "quiet"
sleep 2
t pipe-pane -t pd -o "cat >> '$TEST_DIR/form.bytes'"
sleep 4
t pipe-pane -t pd
bytes=$(wc -c < "$TEST_DIR/form.bytes" 2>/dev/null || echo 0)
[ "$bytes" -eq 0 ] || fail "a quiet form wrote $bytes bytes to the terminal"
pass "a quiet form writes nothing"
keys pd Escape
wait_for "Discard what you typed?"
keys pd C-x
wait_gone "Log a contact with"

# The screen is behind when > is pressed: the program is stopped while the
# colleague moves the zoo on and the key arrives, so the key is read before
# any look at the database.
keys pd j
wait_for "2/2"
pid=$(pane_pid pd)
kill -STOP "$pid"
pd move richmond engagement --reason "pilot term" --review +30d >/dev/null || { kill -CONT "$pid"; fail "move failed"; }
keys pd '>'
sleep 0.3
kill -CONT "$pid"
wait_for "Move Richmond Metro Zoo: Engagement -> Marriage"
wait_for "moved to Engagement by $me"
wait_for "since you looked"
wait_for "Richmond Metro Zoo                   zoo          Engagement"
pass "a move on a partner moved meanwhile says who moved it, and the list follows at once"
keys pd Escape
wait_gone "Move Richmond Metro Zoo"

# A conflict on saving the move.
keys pd k
wait_for "1/2"
keys pd '>'
wait_for "Move Harbour Science Centre: Glance -> Date"
type_text pd "first visit went well"
wait_for "first visit went well"
pd move harbour dissolved >/dev/null || fail "move failed"
keys pd C-s
wait_for "Move Harbour Science Centre: Dissolved -> Date"
pass "the title follows the stage the move now starts from"
wait_for "moved to Dissolved by $me"
wait_for "Esc closes this"
pass "the conflict names the colleague and the whole message is seen"
wait_for "Harbour Science Centre               museum       Dissolved"
pass "the list shows the colleague's move at once"
keys pd Escape
wait_for "Discard what you typed?"
keys pd C-x
wait_gone "Move Harbour"
keys pd q
assert_exit pd 0
check_memory
