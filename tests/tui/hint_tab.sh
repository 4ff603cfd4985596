#!/bin/bash
# In a detail filling the screen Tab goes back to the view it was opened
# from; the hint line says so where it has room ("Tab list", "Tab
# agenda", the key as bound), as the last hint to be kept. It never did.
# At 60x16 the Log tab's line has no room for it: left out whole.

. "$(dirname "$0")/lib.sh"

W="Canolfan Gymraeg"
pd add "$W" >/dev/null || fail "add failed"
pd add "한인 문화센터" >/dev/null || fail "add failed"
pd add "جمعية الجالية العربية" >/dev/null || fail "add failed"
pd contact add "$W" "Siân Prydderch" >/dev/null || fail "contact add failed"
pd log "$W" --contact Siân --follow-up today "Noson lyfrau" >/dev/null || fail "log failed"

start pd
wait_for "$W"
keys pd Enter
wait_for "Overview"
keys pd l l
wait_for "Noson lyfrau"
offers_only "the Log tab at 80 columns, opened from the list" "r correct" "Tab list" -- "Tab agenda"
pass "at 80x24 the Log tab offers Tab list"
keys pd Tab
offers_only "the list after Tab" "/ filter" -- "Tab"
keys pd 3 Enter
wait_for "Noson lyfrau"
offers_only "the Log tab opened from the agenda" "r correct" "Tab agenda" -- "Tab list"
pass "opened from the agenda it offers Tab agenda"
t resize-window -t pd -x 60 -y 16
offers_only "the Log tab at 60 columns" "h/l tab" -- "Tab " "…"
pass "at 60x16 it is left out whole"
keys pd Tab
wait_for "Today (1)"
keys pd q
assert_exit pd 0
check_memory
