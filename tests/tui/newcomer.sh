#!/bin/bash
# A newcomer's first use: --demo on a new database, browse (j/k), filter
# (/ and text), open a partner (Enter), the kanban (2), move a stage with >
# giving a reason, log a call (c, a note, Ctrl-S), quit (q). Then the command
# line's `show --format json` has the move and the note.

. "$(dirname "$0")/lib.sh"

start pd --demo
wait_for "Harbor Science Center"
pass "the demo desk is up"
keys pd j j k
keys pd /
type_text pd "riverside art"
wait_for "Riverside Art Museum"
wait_gone "Harbor Science Center"
pass "the filter narrows the list"
keys pd Enter Enter
wait_for "Overview"
wait_for "riversideart.example.org"
pass "Enter opens the partner"

keys pd 2
wait_for "Engagement"
pass "the kanban"
keys pd '>'
wait_for "Move "
# The form's title says who moves where in stage labels: "Move NAME: FROM
# -> TO" (Date -> Engagement); the default labels are the names capitalised.
title=$(screen | grep -o 'Move .*: [A-Za-z]* -> [A-Za-z]*' | head -1)
[ -n "$title" ] || fail "no move form title"
moved=$(printf '%s\n' "$title" | sed 's/^Move \(.*\): [A-Za-z]* -> [A-Za-z]*$/\1/')
to=$(printf '%s' "${title##*-> }" | tr 'A-Z' 'a-z')
REASON="First joint program went well"
type_text pd "$REASON"
keys pd C-s
# A move that needs an approval asks for it and puts the cursor there.
if screen | grep -q "whoever approved"; then
	type_text pd "Branch Manager Lee"
	keys pd C-s
fi
wait_gone "Move $moved"
pass "moved $moved to $to"

keys pd c
wait_for "Log a contact with"
logged=$(screen | grep -o 'Log a contact with .*' | head -1 | sed 's/^Log a contact with //; s/ *[^ ]*$//; s/[[:space:]]*$//')
NOTE="Called about the spring family science night"
type_text pd "$NOTE"
wait_for "$NOTE"
keys pd C-s
wait_gone "Log a contact with"
pass "the call is logged"
keys pd q
assert_exit pd 0

json=$(pd show "$moved" --format json) || fail "show '$moved' failed"
printf '%s' "$json" | python3 -c '
import json, sys
j = json.load(sys.stdin)
want_to, want_reason = sys.argv[1], sys.argv[2]
assert j["stage"] == want_to, "stage is %s, want %s" % (j["stage"], want_to)
assert any(h["to"] == want_to and h["reason"] == want_reason for h in j["history"]), j["history"]
' "$to" "$REASON" || fail "the move is not in $moved's history"
pass "show --format json has the move"

found=$(pd list --format json | python3 -c '
import json, subprocess, sys
for p in json.load(sys.stdin):
    out = subprocess.run([sys.argv[1], "--db", sys.argv[2], "show", str(p["id"]), "--format", "json"],
                         capture_output=True, text=True).stdout
    for i in json.loads(out)["interactions"]:
        if i["text"] == sys.argv[3]:
            print(p["name"], i["channel"])
' "$PD" "$DB" "$NOTE")
[ -n "$found" ] || fail "the logged note is not in any partner's log"
case $found in
"$logged"*) ;;
*) echo "# note logged under '$found' (form said '$logged')" ;;
esac
pass "show --format json has the note ($found)"
check_memory
