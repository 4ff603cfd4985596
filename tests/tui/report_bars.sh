#!/bin/bash
# The reports view's bars at 200 columns stop at 68 columns, as long as an
# 80-column line lets them be: the longest ran to about 180 for a count of
# 7, a line across the screen rather than a chart beside its labels.

. "$(dirname "$0")/lib.sh"

for n in "Harbor Science Center" "Lincoln Elementary School" "Oak Hill Garden Club" \
	"Riverside Art Museum" "Eastside Senior Center" "Metro Zoo" "Canolfan Gymraeg"; do
	pd add "$n" >/dev/null || fail "add $n failed"
done
pd move Harbor date --reason "summer robotics pilot" >/dev/null || fail "move failed"

# glance_bar: the columns Glance's bar (the longest, 6 partners) takes:
# its full blocks are reversed spaces, read through sgr.py.
glance_bar() {
	t capture-pane -e -N -p -t pd | python3 -c '
import re, sys
sys.path.insert(0, sys.argv[1])
from sgr import cells
for line in sys.stdin.read().split("\n"):
    cs = cells(line)
    if re.match(r" +Glance +6 ", "".join(c for c, _ in cs)):
        print(sum(1 for c, a in cs if a["reverse"] or c in "\u2589\u258a\u258b\u258c\u258d\u258e\u258f"))
        break
else:
    print("none")' "$(dirname "$0")"
}

start pd
t resize-window -t pd -x 200 -y 30 >/dev/null 2>&1
wait_for "Metro Zoo"
keys pd 4
wait_for "Partners per stage"
wait_for "Glance"
n=$(glance_bar)
[ "$n" = 68 ] || fail "at 200 columns the longest bar is $n columns, want 68"
pass "at 200 columns the longest bar is 68 columns"
keys pd q
assert_exit pd 0
