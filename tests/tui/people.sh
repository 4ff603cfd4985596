#!/bin/bash
# A contact person corrected and removed in the interface. In the detail's
# Contacts tab the person marked > (j/k move the mark) is edited with Enter:
# the form opens filled, and the save is seen through `show --format json`.
# A colleague's save meanwhile is a conflict dialog, field by field, never an
# overwrite. A hangup mid-edit keeps a draft that reopens as that edit. X
# asks, naming the person and their log entries; only y removes them, and
# the log entry stays with its text, its Log tab line naming her
# "(removed)". At 200x50 with the list focused, X and r say the detail's
# tab where they work.

. "$(dirname "$0")/lib.sh"

NAME="City Museum"
me=$(id -un)
pd add "$NAME" --kind museum >/dev/null || fail "add failed"
pd contact add "$NAME" "Dana Ortiz" --title "Educator" --email dana@museum.org >/dev/null || fail "contact add"
pd contact add "$NAME" "Priya Shah" --title "Registrar" >/dev/null || fail "contact add"
pd log "$NAME" --contact Dana "Talked about a teen night" >/dev/null || fail "log failed"

person() {   # person NAME FIELD: a contact's field as show has it ("" for none)
	pd show "$NAME" --format json |
		json_get "next((c[\"$2\"] or '' for c in j['contacts'] if c['name'] == \"$1\"), 'GONE')"
}

# contacts SESSION: the partner open at its Contacts tab.
contacts() {
	start "$1"
	wait_for "$NAME" "$1"
	keys "$1" Enter
	wait_for "Overview" "$1"
	keys "$1" l
	wait_for "Enter: edit  X: remove" "$1"
}

# Enter edits the marked person; the form opens filled; Email is the third field.
contacts pd
screen pd | grep -q '^>Dana Ortiz' || fail "Dana, the first person, is not marked >"
keys pd Enter
wait_for "Edit Dana Ortiz at $NAME"
wait_for "dana@museum.org"
keys pd Tab Tab C-u
type_text pd "dana.ortiz@museum.org"
wait_for "dana.ortiz@museum.org"
keys pd C-s
wait_gone "Edit Dana Ortiz"
wait_for "saved Dana Ortiz at $NAME"
[ "$(person "Dana Ortiz" email)" = dana.ortiz@museum.org ] || fail "email: '$(person "Dana Ortiz" email)'"
[ "$(person "Dana Ortiz" title)" = Educator ] || fail "the title changed: '$(person "Dana Ortiz" title)'"
pass "Enter in the Contacts tab edits the marked person; the new email is saved, the rest kept"

# j marks the next person, whose form Enter opens.
keys pd j
wait_for_re '^>Priya Shah'
keys pd Enter
wait_for "Edit Priya Shah at $NAME"
keys pd Escape
wait_gone "Edit Priya Shah"
keys pd q q
assert_exit pd 0
t kill-session -t pd
pass "j moves the mark to the next person"

# A colleague (a) saves Dana's title while b edits it too: b's save shows
# the conflict, the title theirs vs mine; m saves mine over theirs.
round() {
	local choice=$1 theirs="Curator $1" mine="Head of learning $1"
	contacts a
	contacts b
	keys a Enter
	keys b Enter
	wait_for "Edit Dana Ortiz" a
	wait_for "Edit Dana Ortiz" b
	keys a Tab C-u
	type_text a "$theirs"
	wait_for "$theirs" a
	keys a C-s
	wait_gone "Edit Dana Ortiz" a
	keys b Tab C-u
	type_text b "$mine"
	wait_for "$mine" b
	keys b C-s
	wait_for "Dana Ortiz was changed by $me at" b
	wait_for "theirs (saved)" b
	wait_for "$theirs" b
	screen b | sed -n '/field  *theirs (saved)/,/\[t\]/p' | grep -q 'Email' &&
		fail "the email (nobody changed it) is shown as a clash"
	pass "$choice: a colleague's save meanwhile is a conflict showing the title, theirs and mine"
	keys b "$choice"
	case $choice in
	b)
		wait_for "their changes merged in" b
		wait_for "$mine" b
		keys b C-s
		;;
	esac
	wait_gone "Edit Dana Ortiz" b
	keys a q   # from the detail back to the list, where quit_both's q quits
	keys b q
	quit_both a b
	got=$(person "Dana Ortiz" title)
	case $choice in
	t) [ "$got" = "$theirs" ] || fail "theirs: title '$got'" ;;
	m|b) [ "$got" = "$mine" ] || fail "$choice: title '$got'" ;;
	esac
	pass "$choice: the title saved is as chosen ('$got')"
}
round t
round m
round b

# A hangup mid-edit: the draft comes back as the edit of Dana, and its
# save is still checked against the version it was typed over.
contacts h
keys h Enter
wait_for "Edit Dana Ortiz" h
keys h Tab Tab Tab C-u
type_text h "555 0100"
wait_for "555 0100" h
drafted() { sql "SELECT payload FROM drafts WHERE form = 'contact' AND target_id IS NOT NULL" | grep -q "555 0100"; }
poll "$TIMEOUT" drafted || fail "no draft of the edit was written"
pid=$(pane_pid h)
t kill-session -t h
pid_gone "$pid" "$EXIT_LIMIT" || fail "partnerdesk ($pid) still runs after its terminal went away"
start back
wait_for "Unsaved work from an earlier session" back
wait_for "edit of a contact person: $NAME" back
keys back Enter
wait_for "Edit Dana Ortiz at $NAME" back
wait_for "555 0100" back
keys back C-s
wait_gone "Edit Dana Ortiz" back
keys back q
assert_exit back 0
t kill-session -t back
[ "$(person "Dana Ortiz" phone)" = "555 0100" ] || fail "draft: phone '$(person "Dana Ortiz" phone)'"
pass "a hangup mid-edit keeps a draft that reopens as the edit and saves"

# X asks, naming the person and the log entry that names her; n keeps her.
contacts pd
keys pd X
wait_for "remove Dana Ortiz? y removes, other keys keep (1 log entry keeps the name)"
keys pd n
wait_for "kept Dana Ortiz"
[ "$(person "Dana Ortiz" name)" = "Dana Ortiz" ] || fail "n removed her"
pass "X asks naming the person; n keeps her"

# j to Priya, X, y: Priya is gone, Dana stays.
keys pd j
wait_for_re '^>Priya Shah'
keys pd X
wait_for "remove Priya Shah? y removes, other keys keep"
keys pd y
wait_for "removed Priya Shah from $NAME"
wait_for "Contacts 1"
screen pd | grep -q "Registrar" && fail "Priya is still shown"
[ "$(person "Priya Shah" name)" = GONE ] || fail "Priya is still there"
[ "$(person "Dana Ortiz" name)" = "Dana Ortiz" ] || fail "Dana went too"
pass "y removes the marked person alone"

# Dana removed: her log entry stays, with its text, and the Log tab still
# says it was with her, marked removed.
keys pd X
wait_for "remove Dana Ortiz? y removes"
keys pd y
wait_for "removed Dana Ortiz from $NAME"
keys pd l
wait_for "Talked about a teen night"
wait_for_re "phone with Dana Ortiz \(removed\)  by $me"
keys pd q q
assert_exit pd 0
[ "$(person "Dana Ortiz" name)" = GONE ] || fail "Dana is still there"
text=$(pd show "$NAME" --format json | json_get '[i["text"] for i in j["interactions"]]')
[ "$text" = "['Talked about a teen night']" ] || fail "the log: $text"
pass "a removed person's log entry stays with its text, and the Log tab names her, removed"

# A person removed (from the command line) while their edit is open: the
# save says so, and who, rather than put them back or fail without a word.
pd contact add "$NAME" "Sam Lee" >/dev/null || fail "contact add Sam"
contacts gone
keys gone Enter
wait_for "Edit Sam Lee at $NAME" gone
keys gone Tab C-u
type_text gone "Volunteer lead"
wait_for "Volunteer lead" gone
pd contact delete "$NAME" Sam >/dev/null || fail "contact delete Sam"
keys gone C-s
wait_for "Sam Lee was removed by $me at" gone
wait_for "Edit Sam Lee" gone
[ "$(person "Sam Lee" name)" = GONE ] || fail "the save put Sam back"
pass "a save of a person removed meanwhile says who removed them, and puts nothing back"

# Wide (list and detail side by side), the list focused: X and r have no
# person or entry there, and say where they work instead of nothing.
pd contact add "$NAME" "Ann Wide" >/dev/null || fail "contact add Ann"
start wide
t resize-window -t wide -x 200 -y 50
wait_for "$NAME" wide
wait_for "Overview" wide
keys wide X
wait_for "people are removed in the detail's Contacts tab: Tab to reach it" wide
keys wide r
wait_for "log entries are corrected in the detail's Log tab: Tab to reach it" wide
keys wide d
wait_for "follow-ups are marked done or reopened in the agenda (3) and in the detail's Log tab: Tab to reach it" wide
# The reports select no partner: no 'Enter opens the partner' there.
keys wide 4 r
wait_for "log entries are corrected in a partner's Log tab" wide
screen wide | grep -F -q "opens the partner" && fail "the reports say Enter opens a partner"
keys wide 1
wait_for "Overview" wide
[ "$(person "Ann Wide" name)" = "Ann Wide" ] || fail "X in the list removed someone"
keys wide Tab l
wait_for "Enter: edit  X: remove" wide
keys wide X
wait_for_re "remove [A-Z][a-z]+ [A-Z][a-z]+\? y removes" wide
keys wide n
keys wide q q
assert_exit wide 0
pass "at 200x50 X, r and d in the list say the detail's tab where they work, a Tab away; the reports no Enter"
check_memory
