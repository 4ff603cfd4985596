#!/bin/bash
# The quick log's other paths: Ctrl-E hands the note to $VISUAL and takes
# the edited text back; Esc after typing asks before discarding (n keeps
# editing); with no partner selected, c asks with the filterable picker.

. "$(dirname "$0")/lib.sh"

pd add "Harbor Science Center" >/dev/null || fail "add failed"
pd add "Lincoln Elementary School" >/dev/null || fail "add failed"
cat > "$TEST_DIR/editor" <<'ED'
#!/bin/sh
# a stand-in editor: appends a line to what it was given
printf 'Agreed to host the robotics club in March.\n' >> "$1"
ED
chmod +x "$TEST_DIR/editor"
export VISUAL="$TEST_DIR/editor"

start pd
wait_for "Lincoln Elementary School"
keys pd c
wait_for "Log a contact with Harbor Science Center"
type_text pd "Typed first."
keys pd Enter
keys pd C-e
wait_for "Agreed to host the robotics club in March."
wait_for "Typed first."
pass "Ctrl-E: the editor's text comes back into the note"

keys pd Escape
wait_for "Discard what you typed?"
keys pd Escape
wait_gone "Discard what you typed?"
wait_for "Agreed to host the robotics club"
pass "Esc asks; Esc again keeps the text"
keys pd C-s
wait_gone "Log a contact with"
texts=$(pd show "Harbor Science Center" --format json | json_get '[i["text"] for i in j["interactions"]]')
case $texts in
*"Typed first.\\nAgreed to host the robotics club in March."*) pass "the note holds both lines" ;;
*) fail "the note is wrong: $texts" ;;
esac

# A filter that matches nothing leaves no partner selected: c then asks.
keys pd /
type_text pd "nothing matches this"
keys pd Enter
keys pd c
wait_for "Choose a partner"
type_text pd "linc"
wait_gone "Harbor Science Center"
keys pd Enter
wait_for "Log a contact with Lincoln Elementary School"
pass "the picker filters and chooses"
keys pd Escape
wait_gone "Log a contact with"
pass "Esc on an untouched form closes without asking"
keys pd Escape q
assert_exit pd 0

# A note typed without a final Enter: the line the editor adds is a line
# of its own, not the end of the last one typed.
start pd2
wait_for "Lincoln Elementary School" pd2
keys pd2 c
wait_for "Log a contact with Harbor Science Center" pd2
type_text pd2 "No Enter after this."
keys pd2 C-e
wait_for "Agreed to host the robotics club in March." pd2
screen pd2 | grep -q "this\.Agreed" && fail "the editor's line was joined to the one typed"
keys pd2 C-s
wait_gone "Log a contact with" pd2
texts=$(pd show "Harbor Science Center" --format json | json_get '[i["text"] for i in j["interactions"]]')
case $texts in
*"No Enter after this.\\nAgreed to host the robotics club in March."*) pass "the editor's line starts a line of its own" ;;
*) fail "the note is wrong: $texts" ;;
esac
keys pd2 q
assert_exit pd2 0

# An editor that is not there, or that fails: the note stays, and the
# message says which editor and what to do.
printf '#!/bin/sh\nexit 3\n' > "$TEST_DIR/failing"
chmod +x "$TEST_DIR/failing"
for case in "$TEST_DIR/no-such-editor|cannot run the editor .*no-such-editor.*set VISUAL or EDITOR" \
            "$TEST_DIR/failing|editor .*failing.* ended with status 3"; do
	ed=${case%%|*} want=${case#*|}
	PD_WRAP="env VISUAL=$ed" start pd3
	wait_for "Lincoln Elementary School" pd3
	keys pd3 c
	wait_for "Log a contact with Harbor Science Center" pd3
	type_text pd3 "Kept through a failed editor"
	keys pd3 C-e
	wait_for "the text is as it was" pd3
	screen pd3 | tr -d '\n│' | tr -s ' ' | grep -E -q "$want" ||
		fail "the message does not say which editor, and what to do (want /$want/)"
	wait_for "Kept through a failed editor" pd3
	pass "$(basename "$ed"): the note is kept, the message names the editor and what to do"
	keys pd3 Escape C-x
	wait_gone "Log a contact with" pd3
	keys pd3 q
	assert_exit pd3 0
	t kill-session -t pd3
done

# The editors it suggests are ones that are here: on a server with vi but
# no nano, "(vi)", never nano.
mkdir -p "$TEST_DIR/bin"
printf '#!/bin/sh\nexit 0\n' > "$TEST_DIR/bin/vi"
chmod +x "$TEST_DIR/bin/vi"
PD_WRAP="env PATH=$TEST_DIR/bin VISUAL=no-such-editor" start pd3
wait_for "Lincoln Elementary School" pd3
keys pd3 c
wait_for "Log a contact with Harbor Science Center" pd3
keys pd3 C-e
wait_for "the text is as it was" pd3
msg=$(screen pd3 | tr -d '\n│' | tr -s ' ')
case $msg in
*"installed here (vi);"*) pass "only the editor that is here is suggested" ;;
*) fail "the message suggests an editor that is not here: $msg" ;;
esac
keys pd3 Escape
wait_gone "Log a contact with" pd3
keys pd3 q
assert_exit pd3 0
check_memory
