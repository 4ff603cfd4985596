#!/bin/bash
# A partner name holding escape sequences (an OSC that would set the window
# title, a colour change) is drawn harmlessly: visible placeholders (^[ ^G),
# the pane title unchanged, and no raw sequence from the data on screen.

. "$(dirname "$0")/lib.sh"

EVIL=$'Evil\e]0;pwned\a\e[31mName'
SHOWN='Evil^[]0;pwned^G^[[31mName'
pd add "$EVIL" >/dev/null || fail "add failed"

start pd
t set-option -t pd set-titles off >/dev/null 2>&1
t select-pane -t pd -T "before"
wait_for "$SHOWN"
pass "the list shows placeholders"

title=$(t display-message -p -t pd '#{pane_title}')
[ "$title" = before ] || fail "the pane title changed to '$title'"
pass "the title was not changed"

# With attributes (capture-pane -e): the only escapes are the SGR ones tmux
# writes for cell attributes; without them the placeholders read as above;
# and the data's [31m did not turn "Name" red.
t capture-pane -e -p -t pd > "$TEST_DIR/attrs" || fail "capture-pane -e failed"
python3 - "$TEST_DIR/attrs" "$SHOWN" <<'PY' || fail "raw escapes from the data reached the screen (above)"
import re, sys
data = open(sys.argv[1], encoding="utf-8", errors="replace").read()
sgr = re.compile(r"\x1b\[([0-9;]*)m")
other = re.search(r"\x1b(?!\[[0-9;]*m)", data)
if other:
    print("a non-SGR escape on screen: %r" % data[other.start():other.start() + 12])
    sys.exit(1)
if "\a" in data:
    print("a raw BEL on screen")
    sys.exit(1)
if sys.argv[2] not in sgr.sub("", data):
    print("the placeholders are not on screen")
    sys.exit(1)
line = next(l for l in data.splitlines() if "pwned" in l)
at = line.index("31mName")
red = False
for m in sgr.finditer(line[:at]):
    for p in (m.group(1) or "0").split(";"):
        if p in ("0", "39"):
            red = False
        elif p == "31":
            red = True
if red:
    print("'Name' is drawn red: the data's colour change got through")
    sys.exit(1)
PY
pass "no raw OSC or CSI from the data"

# The edit form draws the name through the same routine.
keys pd e
wait_for "Edit Evil^[]0;pwned"
wait_for "$SHOWN"
keys pd Escape
wait_gone "Edit Evil"
title=$(t display-message -p -t pd '#{pane_title}')
[ "$title" = before ] || fail "the pane title changed to '$title' in the form"
pass "the edit form shows placeholders too"
keys pd q
assert_exit pd 0
check_memory
