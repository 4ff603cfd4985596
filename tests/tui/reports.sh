#!/bin/bash
# The reports view (key 4) and the fit and agreement forms: the bars show
# the same partners per stage and interactions as `report --format json`;
# h/l, Tab and p move between reports and periods; F scores a question with
# a note and A records an agreement with a library offer, both read back
# through `show --format json`; the help overlay opens on the three things
# people do most; G and PgDn typed ahead with the key that opens the help
# or changes the report go by the new content.

. "$(dirname "$0")/lib.sh"

pd add "Harbor Science Center" --kind "science center" >/dev/null || fail "add failed"
pd add "Lincoln Elementary School" --kind school >/dev/null || fail "add failed"
pd add "Oak Hill Garden Club" --kind "civic group" >/dev/null || fail "add failed"
pd move Harbor date --reason "summer robotics pilot" >/dev/null || fail "move failed"
pd log Harbor --channel phone "Talked through the pilot" >/dev/null || fail "log failed"
pd log Lincoln --channel email "Sent the calendar" >/dev/null || fail "log failed"
pd log Lincoln --channel email "Followed up" >/dev/null || fail "log failed"
# A visit last December: in all time, not in this year.
pd log Oak --channel visit "Winter plant sale" --at "$(($(date +%Y) - 1))-12-05" >/dev/null || fail "log failed"

start pd
wait_for "Lincoln Elementary School"
keys pd '?'
wait_for "The three things people do most"
wait_for "find a partner"
wait_for "log a call"
pass "the help opens on the three things people do most"
keys pd q
wait_gone "The three things people do most"

# Keys typed ahead arrive together: G or PgDn right after ? goes by the
# help's own length, not by the nothing it had before it was ever drawn
# (it stayed on its first page). The program is stopped while they come.
typed_ahead() {
	local pid
	pid=$(pane_pid pd)
	kill -STOP "$pid"
	keys pd "$@"
	sleep 0.3
	kill -CONT "$pid"
}
typed_ahead '?' G
wait_for "or Esc closes"
screen pd | grep -q "The three things people do most" && fail "G typed right after ? left the help at its top"
screen pd | grep -q "more below" && fail "G typed right after ? did not reach the end of the help"
keys pd q
wait_gone "or Esc closes"
typed_ahead '?' NPage
wait_for "or Esc closes"
screen pd | grep -q "The three things people do most" && fail "PgDn typed right after ? left the help at its top"
keys pd q
wait_gone "or Esc closes"
pass "G and PgDn typed right after ? scroll the help"

# And G right after 4 and l goes to the end of the activity report, not
# by the length of a report drawn before (the reports view had never been
# drawn: it stayed at the top).
typed_ahead 4 l G
wait_for "Interactions per month by channel"
wait_for "100% j/k"
keys pd g
wait_for "Interactions by channel"
pass "G typed right after 4 and l goes to the end of the new report"
keys pd h
wait_for "Partners per stage"
keys pd 1
wait_for "Lincoln Elementary School"

keys pd 4
wait_for "Partners per stage"
glance=$(pd report pipeline --format json | json_get '[r["values"]["partners"] for t in j["tables"] if t["key"]=="stages" for r in t["rows"] if r["key"]=="glance"][0]')
[ "$glance" = 2 ] || fail "the CLI counts $glance at glance, want 2"
# A bar is reversed blanks (one byte a cell on a slow link, where a full
# block is three) ending in at most one partial block: its length in cells.
bar_of() {
	t capture-pane -e -N -p -t pd | python3 -c '
import re, sys
sys.path.insert(0, sys.argv[2])
from sgr import cells
for line in sys.stdin.read().split("\n"):
    cs = cells(line)
    plain = "".join(c for c, _ in cs)
    m = re.match(r" +" + re.escape(sys.argv[1]) + r" +[0-9]+ ", plain)
    if not m:
        continue
    rest = cs[m.end():]
    while rest and rest[0][0] == " " and not rest[0][1]["reverse"]:
        rest = rest[1:]
    n = 0
    while n < len(rest) and rest[n][0] == " " and rest[n][1]["reverse"]:
        n += 1
    tail = 1 if n < len(rest) and rest[n][0] in "▉▊▋▌▍▎▏" else 0
    full = sum(1 for c, _ in cs if c == "█")
    print(n + tail if full == 0 else "full-blocks")
    break' "$1" "$(dirname "$0")"
}
screen pd | grep -E -q '^ +Glance +2( |$)' || fail "the view does not show Glance 2"
screen pd | grep -E -q '^ +Date +1( |$)' || fail "the view does not show Date 1"
g=$(bar_of Glance); d=$(bar_of Date)
case $g$d in *full*|'') fail "the bars are '$g' '$d': drawn in full blocks, or missing" ;; esac
[ "$g" -gt "$d" ] && [ "$d" -gt 0 ] || fail "Glance's bar ($g cells) is not longer than Date's ($d)"
pass "the pipeline's bars show the same counts as report --format json"

keys pd l
wait_for "Interactions by channel"
screen pd | grep -E -q '^ +email +2( |$)' || fail "the view does not show 2 emails"
pass "l moves to the activity report"
# It opens on the period `report` prints with none given, and says so: the
# December visit counts in both (the view began at this year, without it).
visits=$(pd report activity --format json | json_get '[r["values"]["interactions"] for t in j["tables"] if t["key"]=="by_channel" for r in t["rows"] if r["key"]=="visit"][0]')
[ "$visits" = 1 ] || fail "report activity counts $visits visits, want 1"
screen pd | grep -E -q '^ +visit +1( |$)' || fail "the view does not show the visit report activity counts"
screen pd | grep -q "all time, to $(date +%Y-%m-%d)" || fail "the view does not say its period is all time"
pass "the view opens on all time, the period report prints by default"
keys pd p
wait_for "this month"
screen pd | grep -E -q '^ +visit +0( |$)' || fail "this month still counts the December visit"
keys pd Tab
wait_for "Partners per audience"
# audiences are as of today, whatever the period (all time here)
wait_for "as of $(date +%Y-%m-%d)"
screen pd | grep -q "all time" && fail "the audiences tab names a period its figures do not have"
keys pd Tab
wait_for "Needs attention"
wait_for "no fit assessment"
screen pd | grep -E -q 'no fit assessment +3( |$)' || fail "three partners without a fit"
keys pd h
wait_for "Partners per audience"
pass "p cycles the period, Tab and h move between reports"

keys pd 1
wait_for "Lincoln Elementary School"
keys pd F
wait_for "Fit and goals of Harbor Science Center"
keys pd Space Space Space
wait_for "2 of 3 | Does their mission overlap ours?"
keys pd Tab
type_text pd "Their STEM mission is ours"
keys pd C-s
wait_gone "Fit and goals of Harbor Science Center"
fit=$(pd show Harbor --format json | json_get '[(f["score"], f["note"]) for f in j["fit"] if f["criterion"]=="mission"][0]')
[ "$fit" = "(2, 'Their STEM mission is ours')" ] || fail "fit read back as $fit"
pass "F scores a question with a note"

keys pd A
wait_for "New agreement with Harbor Science Center"
type_text pd "Summer robotics"
keys pd Tab Tab Tab Tab Tab
type_text pd "Dana Reyes"
keys pd Tab
wait_for "[ ] space"
keys pd Space
wait_for "[x] space"
keys pd Tab
type_text pd "Meeting room on Saturdays"
keys pd C-s
wait_gone "New agreement with"
ag=$(pd show Harbor --format json | json_get '[(a["title"], a["stage"], a["approved_by"], [(o["side"], o["item"], o["note"]) for o in a["offers"]]) for a in j["agreements"]][0]')
[ "$ag" = "('Summer robotics', 'date', 'Dana Reyes', [('library', 'space', 'Meeting room on Saturdays')])" ] ||
	fail "agreement read back as $ag"
pass "A records the agreement with a library offer and who approved it"

keys pd A
wait_for "Agreement with Harbor Science Center"
keys pd Escape
wait_gone "Agreement with Harbor Science Center"
pass "A again edits the same agreement"

# A heading is right-aligned over its figures by display columns, not
# bytes: 전화 (two wide characters, six bytes) and café (é is two bytes);
# phone, email, 전화, café, the December visit (not configured here), total.
printf 'channels: [phone, email, "\\uC804\\uD654", "caf\\u00E9"]\n' >"$TEST_DIR/channels.yaml"
pd --config "$TEST_DIR/channels.yaml" log Harbor --channel café "Coffee with the director" >/dev/null ||
	fail "log failed"
start ko --config "$TEST_DIR/channels.yaml"
wait_for "Lincoln Elementary School" ko
keys ko 4 l
wait_for "Interactions by channel" ko
keys ko G
wait_for "Interactions per month by channel" ko
screen ko | python3 -c '
import sys, unicodedata
def ends(line):
    """The display column where each blank-separated word ends."""
    out, col, inword = [], 0, False
    for ch in line + " ":
        if ch == " " and inword:
            out.append(col)
        inword = ch != " "
        col += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return out
lines = sys.stdin.read().split("\n")
i = next(k for k, l in enumerate(lines) if "Interactions per month by channel" in l)
head, row = lines[i + 1], lines[i + 2]
h = ends(head)
r = ends(row)[1:1 + len(h)]
sys.exit(0 if h == r and len(h) == 6 else "headings end at %s, figures at %s:\n%s\n%s" % (h, r, head, row))
' || fail "the channel headings are not over their figures"
pass "headings with wide and accented characters sit over their figures"

# A long name takes the room its bar can give up: a third of the line cut
# it at 26 columns of 80, with forty columns of bar beside it.
welsh="Llyfrgell Genedlaethol Cymru Aberystwyth Ceredigion"
pd add "$welsh" >/dev/null || fail "add failed"
pd move Llyfrgell date --reason "a reading week" >/dev/null || fail "move failed"
keys ko l l
wait_for "Without a fit assessment" ko
wait_for "Llyfrgell" ko
screen_has_re "^   $welsh +[0-9]+( |$)" ko || fail "the long name is cut at 80 columns"
pass "a long name is whole at 80 columns"
keys ko h h
wait_for "Interactions by channel" ko

# The longest bar is whole on a wide terminal too (a fixed kilobyte of
# blocks held 340 columns, shorter than the next bar down), and as long as
# an 80-column line lets it be: 68 columns, a chart and not a line across.
t resize-window -t ko -x 500 -y 30
keys ko h
wait_for "Partners per stage" ko
edge=$(t capture-pane -e -N -p -t ko | python3 -c '
import re, sys
sys.path.insert(0, sys.argv[1])
from sgr import cells
for line in sys.stdin.read().split("\n"):
    cs = cells(line)
    if re.match(r" +Glance +2 ", "".join(c for c, _ in cs)):
        print(sum(1 for c, a in cs if a["reverse"] or c in "▉▊▋▌▍▎▏"))
        break' "$(dirname "$0")")
[ "$edge" = 68 ] || fail "Glance's bar (the longest) is $edge columns at 500, not 68"
pass "the longest bar is whole at 500 columns, and 68 columns long"
keys ko q
assert_exit ko 0

keys pd q
assert_exit pd 0
check_memory
echo "1..13"
