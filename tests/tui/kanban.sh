#!/bin/bash
# The kanban shows every partner: one in a stage the config no longer lists
# gets a column after the configured ones, marked "not in config", that the
# selection reaches; < and > there say what is the case (not "at the first
# stage" and "at the last stage" at once). At 80 columns a column head keeps its count
# whole and shortens the label instead. > at the last open stage names the end
# state past it.

. "$(dirname "$0")/lib.sh"

pd add "Alpha Library" >/dev/null || fail "could not add"
pd add "Hilltop Zoo" --kind zoo --stage engagement >/dev/null || fail "could not add at engagement"
pd add "Delta Museum" --stage marriage --approved-by "the board" >/dev/null || fail "could not add at marriage"
cat > "$TEST_DIR/short.yaml" <<'Y'
stages:
  - {name: glance, label: Glance}
  - {name: date, label: Date}
  - {name: ended, label: Ended, closed: true}
transitions:
  - {from: glance, to: date}
  - {from: "*", to: ended, requires: reason}
Y

start pd --config "$TEST_DIR/short.yaml"
wait_for "3 partners"
keys pd 2
wait_for "Glance (1)"
wait_for "engagement (1)"
wait_for "marriage (1)"
wait_for "not in config"
screen | grep -q "Hilltop Zoo" || fail "the partner in a stage the config does not list is hidden"
screen | grep -q "Delta Museum" || fail "the partner in marriage is hidden"
pass "partners in stages the config does not list have columns of their own"
# A card's second line pads in its own look: a bold blank looks the same
# but costs two attribute switches on a slow link.
padding=$(t capture-pane -e -N -p -t pd | python3 -c '
import sys
sys.path.insert(0, sys.argv[1])
from sgr import cells
for line in sys.stdin.read().split("\n"):
    cs = cells(line)
    plain = "".join(c for c, _ in cs)
    at = plain.find(" zoo ")
    if at >= 0:
        print("bold" if cs[at][1]["bold"] or cs[at + 4][1]["bold"] else "plain")
        break' "$(dirname "$0")")
[ "$padding" = plain ] || fail "the blanks around a card's kind are '$padding', want plain"
pass "a card's kind line is padded in its own look"
keys pd l l l
wait_for "Hilltop Zoo"
keys pd '<'
wait_for "Hilltop Zoo is in stage 'engagement', which the config does not list"
screen | tail -2 | tr -d '\n' | grep -q "m *moves it" || fail "< does not say m moves it: $(screen | tail -2)"
screen | grep -q "at the first stage already" && fail "< says the first stage"
keys pd k
wait_gone "which the config does not list"
keys pd '>'
wait_for "Hilltop Zoo is in stage 'engagement', which the config does not list"
screen | grep -q "at the last stage already" && fail "> says the last stage"
pass "< and > on such a partner say its stage is not in the config"
keys pd q
assert_exit pd 0

# At 80 columns, five columns of 15: "Engagement (100)" is 16 wide.
t kill-session -t pd
rm -f "$DB"*
{ echo "name,stage"; for i in $(seq 1 100); do echo "Engaged Partner $i,engagement"; done; } > "$TEST_DIR/many.csv"
pd import "$TEST_DIR/many.csv" >/dev/null 2>&1 || fail "could not import: $(pd import "$TEST_DIR/many.csv" 2>&1)"
start pd
wait_for "100 partners"
keys pd 2
wait_for "(100)"
screen | sed -n 2p | grep -q "Engagem… (100)" || fail "the engagement head does not keep its count: $(screen | sed -n 2p)"
pass "at 80 columns the column head keeps its count whole"
keys pd q
assert_exit pd 0

# > on a partner at the last open stage: the end state past it is named,
# so that "the last stage" does not hide how to dissolve.
t kill-session -t pd
rm -f "$DB"*
pd add "Delta Museum" --stage marriage --approved-by "the board" >/dev/null || fail "could not add at marriage"
start pd
wait_for "Delta Museum"
keys pd '>'
wait_for "at the last open stage already"
screen | tail -2 | tr -d '\n' | grep -q "m moves to any allowed *stage, Dissolved too" ||
	fail "> does not name the end state: $(screen | tail -2)"
pass "> at marriage says it is the last open stage and that m reaches Dissolved"
keys pd q
assert_exit pd 0
check_memory
