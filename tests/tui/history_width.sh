#!/bin/bash
# The History tab's lines wider than the pane: an edit's "field: old ->
# new" in the detail beside the list (130 columns), a rename from a long
# name at 80 columns, were cut at the pane's edge ("teen p…"), the new
# value's end or the old name's lost. Each is now whole: old -> new on one
# line where the pane shows it all, else "was:" and "now:" wrapped; other
# lines wrap at their words. At 200 columns old -> new is one line.

. "$(dirname "$0")/lib.sh"
export TZ=UTC

long="Tidewater Regional Science and Planetarium Foundation of the Greater Peninsula Zedwick"
pd add "Harbor Science Center" >/dev/null || fail "add"
pd edit harbor --directions "Early literacy, STEM outreach, teen programs" >/dev/null || fail "edit"
pd edit harbor --name "$long" >/dev/null || fail "rename long"
pd edit tidewater --name "Harbor Science Center" >/dev/null || fail "rename back"

history_tab() {
	keys pd l l l
	wait_for "Changes, newest first"
}

start pd
t resize-window -t pd -x 130 -y 40
wait_for "Harbor Science Center"
keys pd Tab
history_tab
wait_for "Early literacy, STEM outreach, teen programs"
screen pd | grep -F -q "teen p…" && fail "the edit is cut at 130 columns: $(screen pd)"
pass "beside the list (130 columns) an edit's new value is whole"

t resize-window -t pd -x 80 -y 40
wait_gone "│"
wait_for "Zedwick"
screen pd | grep -F -q "Peninsula Zedwick" || fail "the long old name is not whole at 80 columns: $(screen pd)"
pass "at 80 columns a rename from a long name wraps, whole"

t resize-window -t pd -x 200 -y 50
wait_for "directions: (none) -> Early literacy, STEM outreach, teen programs"
wait_for "Peninsula Zedwick"
screen pd | grep -F "…" | grep -v "Planetarium of" | grep -F -q "│" && fail "a line is cut at 200 columns: $(screen pd)"
pass "at 200 columns the edit is one line, the rename whole"
keys pd q
keys pd q
assert_exit pd 0
