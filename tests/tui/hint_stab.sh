#!/bin/bash
# The reports' hint offers S-Tab beside Tab ("Tab/S-Tab report"): S-Tab
# goes to the previous report where Tab goes to the next. It was never
# offered. Where the line is short the second key is the first thing to
# go ("Tab next report", the other hints kept); with prev-pane bound to
# no key, "Tab next report". (In a detail S-Tab does as Tab: not offered.)

. "$(dirname "$0")/lib.sh"

pd add "Canolfan Gymraeg" >/dev/null || fail "add failed"

start pd
wait_for "Canolfan Gymraeg"
keys pd 4
wait_for "Partners per stage"
offers_only "the reports at 80 columns" "Tab/S-Tab report" "p period" "1 list"
keys pd BTab
wait_for "Needs attention"
pass "the reports offer Tab/S-Tab; S-Tab goes to the previous report"
keys pd q
assert_exit pd 0
t kill-session -t pd

cat > "$TEST_DIR/keys.yaml" <<'Y'
keys:
  prev-pane: [Backspace]
  period: [Insert]
  view-list: [F12]
Y
start pd --config "$TEST_DIR/keys.yaml"
wait_for "Canolfan Gymraeg"
keys pd 4
wait_for "Partners per stage"
offers_only "the reports at 80 columns, keys rebound" "Tab/Backspace report" "Insert period" "F12 list"
t resize-window -t pd -x 60 -y 16
offers_only "the reports at 60 columns, keys rebound" "Tab next report" "Insert period" "F12 list" "q quit" -- "Backspace"
pass "short of room the second key goes first, every hint kept"
keys pd q
assert_exit pd 0
t kill-session -t pd

printf 'keys:\n  prev-pane: []\n' > "$TEST_DIR/none.yaml"
start pd --config "$TEST_DIR/none.yaml"
wait_for "Canolfan Gymraeg"
keys pd 4
offers_only "the reports with prev-pane unbound" "Tab next report" -- "Tab/"
pass "with prev-pane bound to no key, Tab next report"
keys pd q
assert_exit pd 0
check_memory
