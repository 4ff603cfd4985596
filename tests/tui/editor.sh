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
check_memory
