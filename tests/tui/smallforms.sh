#!/bin/bash
# Forms on a small terminal: at 60x16 the add form says that fields are
# hidden below (and, once scrolled, above), Tab to the last field brings it
# and the cursor on screen, and what is typed there is saved; resizing with
# the form open keeps the focused field in view; outside UTF-8 the marks are
# ASCII, and without colour the active view is in brackets. The move form,
# the agreement form and the partner picker show stage labels (Engagement),
# never the names the database stores (engagement), which is still stored.

. "$(dirname "$0")/lib.sh"

NAME="Smallform Friends of the Library"
NOTE="typed at 60x16 in the last field"

# The text of the screen line the cursor is on.
cursor_line() {
	local y
	y=$(t display-message -p -t "${1:-pd}" '#{cursor_y}')
	screen "${1:-pd}" | sed -n "$((y + 1))p"
}

pd add "Harbor Science Center" --kind "science center" >/dev/null || fail "add failed"
pd move "Harbor Science Center" date --reason "A first family night" >/dev/null || fail "move failed"

start pd
t resize-window -t pd -x 60 -y 16
wait_for "Harbor Science Center"
keys pd a
wait_for "Add a partner"
wait_for_re '↓ [0-9]+ more'
screen_has_re '↑ [0-9]+ more' && fail "a mark for fields above, with the first field focused"
screen | grep -q "Notes" && fail "Notes should be below the visible area at 60x16"
pass "60x16: the add form marks the fields hidden below"
screen_has_re 'Stage +: Glance' || fail "the add form's Stage field shows the label Glance"

type_text pd "$NAME"
wait_for "$NAME"
# Tab to the last field (Notes): 13 fields after Name (Position, Directions
# and Fiscal month are in the edit form only).
for _ in $(seq 13); do keys pd Tab; done
wait_for "Notes"
wait_for_re '↑ [0-9]+ more'
screen_has_re '↓ [0-9]+ more' && fail "a mark for fields below, with the last field focused"
screen | grep -q "$NAME" && fail "Name should have scrolled out above"
pass "Tab to the last field scrolls it on screen and marks the fields above"

type_text pd "$NOTE"
wait_for "$NOTE"
cursor_line | grep -q -F "$NOTE" || fail "the cursor is not on the line typed: '$(cursor_line)'"
pass "the cursor is on the line being typed"

# Growing shows every field again (nothing left hidden above a blank
# space); shrinking keeps the focused field in view.
t resize-window -t pd -x 80 -y 24
wait_for "$NAME"
wait_for "$NOTE"
screen_has_re '[↑↓] [0-9]+ more' && fail "80x24: the whole add form fits, yet a mark is shown"
pass "80x24: the whole form, no marks"
t resize-window -t pd -x 60 -y 16
wait_for "$NOTE"
wait_for_re '↑ [0-9]+ more'
cursor_line | grep -q -F "$NOTE" || fail "after the resize the cursor is not on the note"
pass "back at 60x16 the focused field is still on screen"

keys pd C-s
wait_gone "Add a partner"
json=$(pd show "$NAME" --format json) || fail "the partner was not saved"
printf '%s' "$json" | python3 -c '
import json, sys
j = json.load(sys.stdin)
assert j["notes"] == sys.argv[1], "notes are %r" % j["notes"]
' "$NOTE" || fail "the saved notes are wrong"
pass "saved, with the notes typed in the last field"

# The move form: labels on screen, the name in the database.
keys pd g
keys pd /
type_text pd "Harbor"
keys pd Enter
wait_gone "$NAME"
keys pd m
wait_for "Move Harbor Science Center"
wait_for "from Date"
wait_for_re 'To stage *: < (Glance|Engagement|Dissolved) >'
screen | grep -E -q '< (glance|engagement|dissolved) >' && fail "the move form shows a stage's name, not its label"
pass "m: the choices are labels"
keys pd Escape
wait_gone "Move Harbor"
keys pd '>'
wait_for "Move Harbor Science Center: Date -> Engagement"
type_text pd "Grant for the spring series"
keys pd C-s
wait_for "moved from Date to Engagement"
pass "the move form and its status line speak in labels"
# The agreement form and the partner picker speak in labels too.
keys pd A
wait_for "greement with Harbor Science Center"
wait_for_re 'For stage *: Engagement'
pass "A: the agreement form's stage is a label"
keys pd Escape
wait_gone "greement with Harbor"
keys pd 4 c
wait_for "Choose a partner"
wait_for_re 'Harbor Science Center +Engagement'
screen | grep -E -q ' (glance|date|engagement|marriage|dissolved) *│' && fail "the picker shows a stage's name"
pass "the partner picker shows stage labels"
keys pd Escape
wait_gone "Choose a partner"
keys pd 1
keys pd q
keys pd q
assert_exit pd 0
stage=$(pd show "Harbor Science Center" --format json | json_get 'j["stage"]')
[ "$stage" = "engagement" ] || fail "stored stage is '$stage', want engagement"
pass "the stage name is what is stored"

# Outside UTF-8 (and on a vt100 without colour) the marks are ASCII.
PD_WRAP="env LC_ALL=C LANG=C TERM=vt100 NO_COLOR=1"
start ascii
t resize-window -t ascii -x 60 -y 16
wait_for "Harbor Science Center" ascii
keys ascii a
wait_for "Add a partner" ascii
wait_for_re 'v [0-9]+ more' ascii
screen ascii | grep -q '↓' && fail "a Unicode arrow outside UTF-8"
for _ in $(seq 13); do keys ascii Tab; done
wait_for_re '\^ [0-9]+ more' ascii
pass "C locale, vt100, NO_COLOR: the marks are ASCII"
keys ascii Escape
# Without colour the active view is marked by more than a missing bold.
wait_for "[1 List] 2 Kanban" ascii
pass "NO_COLOR: the active view in the title bar is in brackets"
keys ascii q
assert_exit ascii 0
check_memory
