#!/bin/bash
# Typing a note on the phone loses nothing to a stray key or a small
# window: keys typed while the terminal is "too small" still reach the
# form (and a q among them is a letter, not a way out); an Esc pressed by
# mistake, then "yes and ...", or an Alt-y, types on into the note instead
# of discarding it and running the rest as commands; Ctrl-C in a form asks
# as Esc does, and outside forms quits cleanly (status 0).

. "$(dirname "$0")/lib.sh"

pd add "Amgueddfa Cymru" --kind museum >/dev/null || fail "add failed"
pd add "Brynmawr Youth Club" --kind nonprofit >/dev/null || fail "add failed"

notes() {
	pd show "$1" --format json | json_get '[i["text"] for i in j["interactions"]]'
}

# --- too small: the typing goes on into the note ---
start pd
wait_for "Amgueddfa Cymru"
keys pd c
wait_for "Log a contact with Amgueddfa Cymru"
type_text pd "Called back: they can host in April"
wait_for "they can host in April"
t resize-window -t pd -x 58 -y 20
wait_for "too small"
type_text pd " and June, quite flexible"
t resize-window -t pd -x 80 -y 24
wait_for "Log a contact with Amgueddfa Cymru"
wait_for "in April and June, quite flexible"
pass "keys typed while too small reach the note, q included"
keys pd C-s
wait_gone "Log a contact with"
case $(notes "Amgueddfa Cymru") in
*"Called back: they can host in April and June, quite flexible"*) pass "the saved note holds every word" ;;
*) fail "the saved note is wrong: $(notes "Amgueddfa Cymru")" ;;
esac

# --- a stray Esc, then the typing goes on ---
keys pd c
wait_for "Log a contact with Amgueddfa Cymru"
type_text pd "She asked about grants"
wait_for "about grants"
keys pd Escape
wait_for "Discard what you typed?"
type_text pd "yes and the board meets Thu"
wait_for "grantsyes and the board meets Thu"
screen | grep -q "Edit " && fail "the typing after Esc opened the edit form"
pass "after a stray Esc, 'yes and ...' goes on into the note"
keys pd M-y
wait_for "meets Thuy"
pass "Alt-y is a y in the note, not a discard"
keys pd C-s
wait_gone "Log a contact with"
case $(notes "Amgueddfa Cymru") in
*"She asked about grantsyes and the board meets Thuy"*) pass "and it is saved" ;;
*) fail "the saved note is wrong: $(notes "Amgueddfa Cymru")" ;;
esac
[ "$(pd list --format json | json_get 'sorted(p["name"] for p in j)')" = "['Amgueddfa Cymru', 'Brynmawr Youth Club']" ] ||
	fail "a partner was renamed: $(pd list --format json)"
pass "no partner was touched by the typing"

# --- Ctrl-C in a form asks, as Esc does; C-x discards ---
keys pd c
wait_for "Log a contact with Amgueddfa Cymru"
type_text pd "ctrl c test note"
wait_for "ctrl c test note"
keys pd C-c
wait_for "Discard what you typed?"
[ -s "$TEST_DIR/status.pd" ] && fail "Ctrl-C in a form ended the program"
pass "Ctrl-C in a form asks instead of quitting"
keys pd C-c
wait_gone "Discard what you typed?"
wait_for "ctrl c test note"
pass "Ctrl-C again keeps the text"
keys pd C-c
wait_for "Discard what you typed?"
keys pd C-x
wait_gone "Log a contact with"
[ "$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from drafts").fetchone()[0])' "$DB")" = 0 ] || fail "the discarded draft is still there"
pass "C-x answers the question: discarded"
keys pd c
wait_for "Log a contact with Amgueddfa Cymru"
keys pd C-c
wait_gone "Log a contact with"
pass "Ctrl-C on an untouched form closes it"

# --- Ctrl-C outside forms quits cleanly ---
keys pd C-c
assert_exit pd 0
pass "Ctrl-C in the list quits with status 0"
check_memory
