#!/bin/bash
# Two people edit the same partner at once. The first save wins; the second
# gets the conflict dialog naming, field by field, theirs vs yours, and
# chooses in turn across runs: keep theirs, save mine, back to the form
# (their other changes merged in). Never a silent overwrite.

. "$(dirname "$0")/lib.sh"

NAME="Maple Grove School"
pd add "$NAME" --kind school >/dev/null || fail "add failed"

field() {
	pd show "$NAME" --format json | json_get "j[\"$1\"] or ''"
}

# One round: A sets the owner and saves; B, opened before A saved, sets
# the website and saves into the conflict dialog, then presses $1.
round() {
	local choice=$1 owner="owner-$1" site="https://$1.example.org"
	open_both a b e "Edit $NAME"
	# Edit form fields: Name, Kind, Scale, Owner, Website, ...
	keys a Tab Tab Tab C-u
	type_text a "$owner"
	wait_for "$owner" a
	keys a C-s
	wait_gone "Edit $NAME" a
	keys b Tab Tab Tab Tab C-u
	type_text b "$site"
	wait_for "$site" b
	keys b C-s
	wait_for "changed by someone else" b
	wait_for "theirs" b
	wait_for "$owner" b
	pass "$choice: the second save shows the conflict with their owner"
	keys b "$choice"
	case $choice in
	t) wait_gone "Edit $NAME" b ;;
	m) wait_gone "Edit $NAME" b ;;
	b)
		wait_gone "changed by someone else" b
		wait_for "Edit $NAME" b
		wait_for "$owner" b     # their change merged into the form
		keys b C-s
		wait_gone "Edit $NAME" b
		;;
	esac
	quit_both a b
	got_owner=$(field owner)
	got_site=$(field website)
	case $choice in
	t) [ "$got_owner" = "$owner" ] && [ "$got_site" != "$site" ] ||
		fail "theirs: owner '$got_owner' website '$got_site'" ;;
	m) [ "$got_site" = "$site" ] && [ "$got_owner" != "$owner" ] ||
		fail "mine: owner '$got_owner' website '$got_site'" ;;
	b) [ "$got_owner" = "$owner" ] && [ "$got_site" = "$site" ] ||
		fail "back and merge: owner '$got_owner' website '$got_site'" ;;
	esac
	pass "$choice: the saved partner is as chosen (owner '$got_owner', website '$got_site')"
}

round t
round m
round b
check_memory
