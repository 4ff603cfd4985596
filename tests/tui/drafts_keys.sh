#!/bin/bash
# The unsaved-work dialog acts on the keys as the config binds them and
# names them so. With open on C-o, cancel on C-g, down on d (done moved to
# x) and up on K: d moves down (it asked to discard), K up, C-o opens, Del
# discards, C-g puts off, and the hint says "C-o/o: open it again   Del:
# discard   l/C-g: later". With no keys: "Enter/o ... d: discard   l/Esc".

. "$(dirname "$0")/lib.sh"

P="Harbor Science Center"
pd add "$P" >/dev/null || fail "add failed"

cat > "$TEST_DIR/keys.yaml" <<'Y'
keys:
  open: [C-o]
  cancel: [C-g]
  down: [d, Down]
  done: [x]
  up: [K, Up]
Y
"$PD" --config "$TEST_DIR/keys.yaml" --db "$DB" check >/dev/null || fail "the keys config is refused"

# One note left by a session hung up on, then two more like it, newer.
start pd
wait_for "$P"
keys pd c
wait_for "Log a contact with"
type_text pd "note one"
wait_for "note one"
kill -HUP "$(pane_pid pd)" || fail "cannot signal partnerdesk"
assert_exit pd 0 1
t kill-session -t pd
python3 - "$DB" <<'PY' || fail "could not copy the draft"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
for n, later in (("two", "+1 minutes"), ("three", "+2 minutes")):
    c.execute("INSERT INTO drafts (form, partner_id, payload, os_user, created, updated) "
              "SELECT form, partner_id, replace(payload, 'note one', ?), os_user, created, "
              "strftime('%Y-%m-%dT%H:%M:%SZ', updated, ?) FROM drafts WHERE payload LIKE '%note one%'",
              ("note " + n, later))
PY

start pd --config "$TEST_DIR/keys.yaml"
wait_for "Unsaved work from an earlier session"
wait_for "C-o/o: open it again   Del: discard   l/C-g: later"
pass "the hint names the keys as bound"
# three, two, one: down twice, up once, open: two.
keys pd d d K C-o
wait_for "Log a contact with"
screen | grep -q "Discard this draft" && fail "d asked to discard"
screen | grep -q "note two" || fail "not the draft two: down d, up K"
pass "d and K move, C-o opens"
keys pd C-s
wait_for "Unsaved work from an earlier session"
wait_for "note three"
keys pd Up DC
wait_for "Discard this draft for good?"
keys pd C-x
wait_gone "note three"
keys pd C-g
wait_for "the unsaved draft is kept"
pass "Del discards, C-g puts off"
keys pd q
assert_exit pd 0
t kill-session -t pd
[ "$(sql "SELECT payload LIKE '%note one%' FROM drafts")" = "[(1,)]" ] || fail "drafts left: $(sql "SELECT payload FROM drafts")"
pd show "$P" --format json | grep -q "note two" || fail "note two was not logged"

start pd
wait_for "Unsaved work from an earlier session"
wait_for "Enter/o: open it again   d: discard   l/Esc: later"
keys pd d
wait_for "Discard this draft for good?"
keys pd n l
wait_gone "Unsaved work"
pass "with no keys: the defaults, named so"
keys pd q
assert_exit pd 0
check_memory
