#!/bin/bash
# What the views draw names keys as bound: with fit, agreement, down and up
# rebound by the config's keys:, the detail's Fit tab says "Y scores the
# questions; W edits the agreement" and the reports view's scroll mark
# "100% J/K", never the default F, A or j/k. With no keys: they are the
# defaults.

. "$(dirname "$0")/lib.sh"

P="Riverside Art Museum"
pd add "$P" >/dev/null || fail "could not add a partner"
# The activity report by month runs past one 80x24 screen: it scrolls.
for m in 01 02 03 04 05 06 07 08 09 10 11 12; do
	pd log "$P" --channel visit "Visit $m" --at "$(($(date +%Y) - 1))-$m-05" >/dev/null || fail "log failed"
done

cat > "$TEST_DIR/keys.yaml" <<'Y'
keys:
  fit: [Y]
  agreement: [W]
  down: [J, Down]
  up: [K, Up]
Y
"$PD" --config "$TEST_DIR/keys.yaml" --db "$DB" check >/dev/null || fail "the keys config is refused"

# fit_tab: from the list, open the partner's Fit tab (the sixth).
fit_tab() {
	keys pd Enter
	wait_for "Overview"
	keys pd l l l l l
	wait_for "Fit: "
}
# report_end: the activity report per month, at its end.
report_end() {
	keys pd 4 l
	wait_for "Interactions per month"
	keys pd G
}

start pd --config "$TEST_DIR/keys.yaml"
wait_for "$P"
fit_tab
wait_for "Y scores the questions; W edits the agreement."
screen | grep -q "F scores" && fail "the Fit tab names F, not the rebound Y"
pass "the Fit tab names the rebound fit and agreement keys"
keys pd q
wait_for "Enter open"
report_end
wait_for "100% J/K"
screen | grep -q "j/k" && fail "the reports view names j/k, not the rebound J/K"
pass "the reports view's scroll mark names the rebound down and up keys"
keys pd q
assert_exit pd 0
t kill-session -t pd

start pd
wait_for "$P"
fit_tab
wait_for "F scores the questions; A edits the agreement."
keys pd q
wait_for "Enter open"
report_end
wait_for "100% j/k"
pass "with no keys: the defaults are named"
keys pd q
assert_exit pd 0
check_memory
