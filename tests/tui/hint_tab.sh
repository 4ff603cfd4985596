#!/bin/bash
# In a detail filling the screen Tab goes back to the view it was opened
# from; the hint line says so where it has room ("Tab list", "Tab
# agenda", the key as bound), as the last hint to be kept. It never did.
# At 60x16 the Log tab's line has no room for it: left out whole. The
# help overlay says so of Tab and S-Tab (it said "next pane (list and
# detail side by side)" alone).

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

# The help overlay's Tab and S-Tab say what they do here (the text as one
# line: the overlay wraps it), and S-Tab does it too.
keys pd '?'
wait_for "Keys: detail"
help=$(screen | sed -n 's/^[^│]*│\(.*\)│.*$/\1/p' | tr '\n' ' ' | tr -s ' ')
case $help in
*"a detail filling the screen goes back to the view it was opened from"*) ;;
*) fail "the help's Tab does not say a full-screen detail goes back: $help" ;;
esac
case $help in
*"S-Tab as Tab between list and detail"*) ;;
*) fail "the help's S-Tab does not say it does as Tab: $help" ;;
esac
pass "the help says Tab and S-Tab go back from a detail filling the screen"
keys pd q
wait_gone "Keys: detail"
keys pd BTab
wait_for "Today (1)"
keys pd Enter
wait_for "Noson lyfrau"
offers_only "the Log tab opened again from the agenda" "r correct" "Tab agenda"
pass "S-Tab goes back to the agenda as Tab does"
t resize-window -t pd -x 60 -y 16
offers_only "the Log tab at 60 columns" "h/l tab" -- "Tab " "…"
pass "at 60x16 it is left out whole"
keys pd Tab
wait_for "Today (1)"
keys pd q
assert_exit pd 0
check_memory
