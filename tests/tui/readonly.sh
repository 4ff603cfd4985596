#!/bin/bash
# A look-only desk: a user who may read the database but not write it (here
# 'nobody', on a root-owned 0644 file in a directory they may not write)
# gets the interface, says so on the status line, browses, filters, and
# sees the kanban, agenda and reports; a, c and d are refused at once with
# one line, before any form opens, and no hint offers them (nor the
# Contacts tab's Enter edit). The file is unchanged (sha256, mode,
# mtime) and no -wal or -shm is made beside it; a partner someone adds
# meanwhile shows. Runs only as root, where another user's modes can be
# tried.

. "$(dirname "$0")/lib.sh"

[ "$(id -u)" = 0 ] || { echo "1..0 # SKIP needs root to run the interface as another user"; exit 77; }
SETPRIV=$(command -v setpriv) || { echo "1..0 # SKIP setpriv is not installed"; exit 77; }

# nobody must reach the binary, the database's directory and the sanitizer
# logs lib.sh points into TEST_DIR; the database's own directory stays
# root's.
chmod 1777 "$TEST_DIR"
RO="$TEST_DIR/desk"
mkdir -m 0755 "$RO"
DB="$RO/shared.db"
pd add "Harbor Science Center" --kind "science center" >/dev/null || fail "add"
pd add "Riverside Art Museum" --kind museum >/dev/null || fail "add"
pd add "Eastside Senior Center" --kind nonprofit >/dev/null || fail "add"
pd log "Harbor" --follow-up today "Call back about the star party" >/dev/null || fail "log"
pd contact add "Riverside" "Ana Ruiz" >/dev/null || fail "contact add"
pd move "Riverside" date --reason "teen art night" >/dev/null || fail "move"
chmod 0644 "$DB"
before=$(sha256sum "$DB"; stat -c '%a %U %Y.%y' "$DB")

PD_WRAP="$SETPRIV --reuid=65534 --regid=65534 --clear-groups $PD_WRAP"
start pd
wait_for "Harbor Science Center"
wait_for "read-only: $DB is not writable for you"
pass "the interface opens look-only and says so on the status line"
screen | grep -q " add " && fail "the hint line offers a key that is refused"

keys pd a
wait_for "nothing can be added or changed here"
screen | grep -q "Add a partner" && fail "a opened the add form"
pass "a is refused at once"
keys pd j c
wait_for "nothing can be added or changed here"
screen | grep -q "Log a contact" && fail "c opened the log form"
pass "c is refused at once"

# Letters of writing keys typed into the filter are text (a and c here).
keys pd /
type_text pd "riverside a"
wait_for "Riverside Art Museum"
wait_gone "Harbor Science Center"
pass "the filter takes every letter"
keys pd Escape Escape
wait_for "Harbor Science Center"
keys pd Enter
wait_for "Overview"
# The Contacts tab's Enter edits and X removes: neither is offered here.
keys pd l
wait_for_re "^>"
screen | tail -1 | grep -Eq " (edit|remove)( |$)" && fail "the Contacts tab's hints offer a refused key: $(screen | tail -1)"
pass "the Contacts tab hints no key that is refused"
keys pd h q

keys pd 2
wait_for "Glance"
wait_for "Date"
pass "the kanban"
keys pd 3
wait_for "Call back about the star party"
keys pd d
wait_for "nothing can be added or changed here"
pass "the agenda; d (done) is refused"
keys pd 4
wait_for "Pipeline"
pass "the reports"
# A quiet tick or two, where a form would write its draft.
sleep 2.5
screen | grep -q "read-only: $DB is not writable for you" || fail "the status line no longer says read-only"

mid=$(sha256sum "$DB"; stat -c '%a %U %Y.%y' "$DB")
[ "$before" = "$mid" ] || fail "the database changed: $before / $mid"
for s in -wal -shm -journal; do
	[ -e "$DB$s" ] && fail "$DB$s was made"
done
pass "the file is unchanged and nothing was made beside it"

# Someone who may write adds a partner: the look-only desk shows it.
pd add "Zeta Zoo" --kind zoo >/dev/null || fail "add as root"
keys pd 1
wait_for "Zeta Zoo"
pass "a partner added meanwhile shows"

keys pd q
assert_exit pd 0
check_memory
for s in -wal -shm -journal; do
	[ -e "$DB$s" ] && [ "$(stat -c %U "$DB$s")" != root ] && fail "$DB$s is $(stat -c %U "$DB$s")'s"
done
pass "no file beside the database is the reader's"
