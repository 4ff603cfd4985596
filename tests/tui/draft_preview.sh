#!/bin/bash
# The unsaved-work dialog previews what a partner's edit changes: its
# terminal killed mid-edit of the website, the next start shows
# "Website https://old.example → ..." under the draft (what it replaces,
# then what was typed), not the partner's unchanged name.

. "$(dirname "$0")/lib.sh"
EXIT_LIMIT=5

pd add "Canolfan Gymunedol Llandudno" --website https://old.example >/dev/null || fail "add failed"

start pd
wait_for "Canolfan Gymunedol Llandudno"
keys pd e
wait_for "Edit Canolfan"
# Edit form fields: Name, Kind, Scale, Owner, Website, ...
keys pd Tab Tab Tab Tab C-u
type_text pd "https://new.example/events"
wait_for "new.example/events"
pid=$(pane_pid pd)
t kill-server
pid_gone "$pid" "$EXIT_LIMIT" || fail "partnerdesk ($pid) still runs after its terminal went away"

start again
wait_for "Unsaved work from an earlier session" again
wait_for "Website https://old.example → https://new.example/events" again
screen again | grep -F -q '"Canolfan Gymunedol Llandudno"' && fail "the preview still quotes the unchanged name"
pass "the draft's preview names the website changed"
keys again l
wait_gone "Unsaved work" again
keys again q
assert_exit again 0
check_memory
