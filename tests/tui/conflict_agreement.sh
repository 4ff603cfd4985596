#!/bin/bash
# Two people edit the same partner's agreement at once. The first save wins;
# the second gets the conflict dialog with both values side by side (the
# offers summarised a row per side) and chooses in turn across runs: keep
# theirs, save mine, back to the form (typed text intact, their other
# changes merged in). Then both record a new agreement for the same stage
# at once: the second is a conflict too, not a second agreement.

. "$(dirname "$0")/lib.sh"

NAME="Riverbend Museum"
# The dialog names who saved first, from the audit trail (here both are us).
me=$(id -un)
pd add "$NAME" --kind museum --stage date >/dev/null || fail "add failed"

# agreement EXPR: EXPR over the newest agreement (as a), from show --format json.
agreement() {
	pd show "$NAME" --format json |
		json_get "(lambda a: ($1))(j['agreements'][0]) if j['agreements'] else 'none'"
}

# The form's fields: Title, For stage, Starts, Ends, Review by, Approved by,
# six library offers with a note each, Partner offers, Notes; Tab and
# S-Tab wrap around.
to_approved() { keys "$1" Tab Tab Tab Tab Tab; }   # from the title

start a
wait_for "$NAME" a
keys a A
wait_for "New agreement with $NAME" a
type_text a "Robotics nights"
to_approved a
type_text a "Dana Reyes"
keys a C-s
wait_gone "New agreement with" a
keys a q
assert_exit a 0
t kill-session -t a
[ "$(agreement 'a["title"], a["approved_by"]')" = "('Robotics nights', 'Dana Reyes')" ] ||
	fail "the first agreement read back as $(agreement 'a')"
pass "an agreement to edit"

# One round: A sets who approved and the notes and saves; B, opened before
# A saved, sets the title, adds a partner offer and writes other notes,
# saves into the conflict dialog, then presses $1.
round() {
	local c=$1
	local approver="approver-$c" a_notes="notes by A $c"
	local title="title by B $c" offer="Docents $c" b_notes="notes by B $c"
	open_both a b A "Agreement with $NAME"
	keys a BTab C-u             # notes
	type_text a "$a_notes"
	wait_for "$a_notes" a
	keys a Tab                  # title
	to_approved a
	keys a C-u
	type_text a "$approver"
	wait_for "$approver" a
	keys a C-s
	wait_gone "Agreement with $NAME" a

	keys b C-u
	type_text b "$title"
	keys b BTab C-u             # notes
	type_text b "$b_notes"
	keys b BTab                 # partner offers
	type_text b "$offer: guided tours"
	wait_for "$offer: guided tours" b
	keys b C-s
	wait_for "changed by $me at" b
	wait_for "theirs" b
	wait_for "$approver" b      # theirs: who approved
	wait_for "Dana Reyes" b     # mine: who approved, as I opened it
	wait_for "$title" b
	wait_for "$a_notes" b
	wait_for "$b_notes" b
	wait_for "$offer: guided tours" b
	pass "$c: the second save shows both values side by side"
	keys b "$c"
	case $c in
	t|m)
		wait_gone "Agreement with $NAME" b
		;;
	b)
		wait_gone "changed by $me at" b
		wait_for "Agreement with $NAME" b
		wait_for "$offer: guided tours" b   # the focused field, typed
		keys b Tab                   # notes: mine, typed
		wait_for "$b_notes" b
		keys b Tab                   # title: mine, typed
		wait_for "$title" b
		to_approved b                # their approver, merged in
		wait_for "$approver" b
		pass "b: back keeps the typed text and brings in their other change"
		keys b C-s
		wait_gone "Agreement with $NAME" b
		;;
	esac
	quit_both a b
	local got want
	got=$(agreement '(a["title"], a["approved_by"], a["notes"], [o["item"] for o in a["offers"] if o["side"] == "partner"])')
	case $c in
	t) want="('Robotics nights', '$approver', '$a_notes', [])" ;;
	m) want="('$title', 'Dana Reyes', '$b_notes', ['$offer'])" ;;
	b) want="('$title', '$approver', '$b_notes', ['$offer'])" ;;
	esac
	[ "$got" = "$want" ] || fail "$c: the agreement is $got, want $want"
	n=$(pd show "$NAME" --format json | json_get 'len(j["agreements"])')
	[ "$n" = 1 ] || fail "$c: $n agreements, want 1"
	pass "$c: the saved agreement is as chosen: $got"
	# The next round starts from the first agreement's title and approver.
	start a
	wait_for "$NAME" a
	keys a A
	wait_for "Agreement with $NAME" a
	keys a BTab BTab C-u        # partner offers
	keys a Tab Tab C-u          # title
	type_text a "Robotics nights"
	to_approved a
	keys a C-u
	type_text a "Dana Reyes"
	wait_for "Dana Reyes" a
	keys a C-s
	wait_gone "Agreement with $NAME" a
	keys a q
	assert_exit a 0
	t kill-session -t a
}

round t
round m
round b

# Both record a new agreement for the same stage at once: the second save
# meets the first as a conflict; "mine" saves over it, still one agreement.
NAME="Harbor Science Center"
pd add "$NAME" --kind "science center" --stage engagement >/dev/null || fail "add failed"
open_both a b A "New agreement with $NAME"
type_text a "STEM Saturdays"
keys a C-s
wait_gone "New agreement with" a
type_text b "Star parties"
keys b C-s
wait_for "$me at" b
wait_for "saved an agreement" b
wait_for "STEM Saturdays" b
wait_for "Star parties" b
pass "new: a second new agreement for the same stage shows the first"
keys b m
wait_gone "New agreement with" b
keys a q
keys b q
assert_exit a 0
assert_exit b 0
got=$(pd show "$NAME" --format json | json_get '[a["title"] for a in j["agreements"]]')
[ "$got" = "['Star parties']" ] || fail "new: agreements $got, want ['Star parties']"
pass "new: mine saved over the first, one agreement"
check_memory
