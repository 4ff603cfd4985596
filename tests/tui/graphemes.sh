#!/bin/bash
# What the reader sees as one character is one step for the cursor and
# one Backspace in a form's field, however many code points it is: a
# Welsh ŵ pasted decomposed (w + U+0302 COMBINING CIRCUMFLEX), an emoji
# typed with its skin tone (U+1F44D U+1F3FD), a ZWJ family; and a TAB
# pasted from a spreadsheet row. Checked by what is saved
# (show --format json), not by screen columns: tmux may draw some emoji
# wider or narrower than glibc's wcwidth counts them.

. "$(dirname "$0")/lib.sh"

pd add "Amgueddfa Cymru" --kind museum >/dev/null || fail "add failed"

# paste SESSION TEXT: TEXT pasted bracketed (tmux's paste-buffer -p).
paste() {
	printf '%s' "$2" > "$TEST_DIR/paste.txt"
	t load-buffer -b p "$TEST_DIR/paste.txt" || fail "load-buffer failed"
	t paste-buffer -p -d -b p -t "$1" || fail "paste-buffer failed"
}

# names: every partner's name, as saved, one per line.
names() {
	pd list --format json | json_get '"\n".join(sorted(p["name"] for p in j))'
}

has_name() {
	names | grep -F -x -q -- "$1"
}

start pd
wait_for "Amgueddfa Cymru"

# --- a decomposed ŵ: Left goes over it whole, Backspace takes it whole ---
keys pd a
wait_for "Add a partner"
w_hat=$'w\xcc\x82'                # w + U+0302
paste pd "Canolfan Rh${w_hat}yl"
wait_for "Canolfan Rh"
# Left over l, y and the ŵ: the cursor is before the ŵ, not between the
# w and its mark (where a typed "-" would take the mark over).
keys pd Left Left Left
type_text pd "-"
# End, Left over l and y: Backspace takes ŵ, not its mark alone.
keys pd End Left Left BSpace
keys pd C-s
wait_gone "Add a partner"
want="Canolfan Rh-yl"
poll 5 has_name "$want" ||
	fail "saved name: $(names | grep Canolfan | od -c | head -3), want '$want' (Left and Backspace went by code point)"
pass "a decomposed ŵ: Left steps over it whole and Backspace takes it whole"

# --- an emoji with a skin tone: Backspace takes both ---
keys pd a
wait_for "Add a partner"
type_text pd $'Book Club \U0001F44D\U0001F3FD Rhyl'
wait_for "Rhyl"
keys pd Left Left Left Left Left BSpace
type_text pd $'\U0001F4DA'
keys pd C-s
wait_gone "Add a partner"
want=$'Book Club \U0001F4DA Rhyl'
poll 5 has_name "$want" ||
	fail "saved name: $(names | grep Book | od -c | head -3), want '$want' (Backspace left the bare thumbs up)"
pass "an emoji with its skin tone: Backspace takes both"

# --- Delete and Right in the Notes (a long field): a ZWJ family whole ---
keys pd a
wait_for "Add a partner"
type_text pd "Teulu"
# Fields: Name, Kind, Scale, Stage, Owner, Website, Phone, Email,
# Address, Audiences, Tags, Branches, Mission, Notes: BTab from Name is Notes.
keys pd BTab
fam=$'\U0001F468\u200D\U0001F469\u200D\U0001F467'
type_text pd "for ${fam} families"
wait_for "families"
# Right over "for " and the family, then "!"; Home, Right over "for ",
# Delete: the family goes whole.
keys pd Home Right Right Right Right Right
type_text pd "!"
keys pd Home Right Right Right Right Delete
keys pd C-s
wait_gone "Add a partner"
got=$(pd show "Teulu" --format json | json_get 'j["notes"]')
[ "$got" = "for ! families" ] ||
	fail "saved notes: $(printf %q "$got"), want 'for ! families' (Right or Delete went into the family)"
pass "a ZWJ family in a long field: Right and Delete go over it whole"

# --- a row pasted from a spreadsheet (bracketed): in the one-line Name
# its TABs are spaces; in the Notes they stay TABs, drawn as blanks to
# the next tab stop rather than as ^I ---
keys pd a
wait_for "Add a partner"
paste pd $'Llyfrgell\tY Bala'
wait_for "Llyfrgell Y Bala"
keys pd BTab
paste pd $'Budget\t$500\tapproved'
wait_for "Budget  \$500    approved"
screen pd | grep -q -F '^I' && fail "a pasted TAB in the notes is drawn as ^I"
keys pd C-s
wait_gone "Add a partner"
got=$(pd show "Llyfrgell Y Bala" --format json | json_get 'j["notes"]') ||
	fail "no partner 'Llyfrgell Y Bala': $(names)"
[ "$got" = $'Budget\t$500\tapproved' ] || fail "saved notes: $(printf %q "$got"), want the TABs kept"
pass "a pasted TAB: a space in a one-line field, kept in the notes and drawn to the tab stop"

keys pd q
assert_exit pd 0
check_memory
