#!/bin/bash
# A stage move typed for a partner that is deleted before the draft comes
# back is not lost: the unsaved-work dialog opens it with the partner
# picker asking whose it is; Esc goes back to the dialog with the draft
# still there; a partner chosen whose stage cannot take the move opens the
# form saying so, the reason kept; saved, it moves that partner with the
# reason typed, and the draft is not offered again.

. "$(dirname "$0")/lib.sh"

pd add "Oriel Symud" --kind museum >/dev/null || fail "add failed"

start pd
wait_for "Oriel Symud"
keys pd m
wait_for "Move Oriel Symud from" pd
keys pd Tab
type_text pd "met at the eisteddfod"
wait_for "met at the eisteddfod" pd
kill -HUP "$(pane_pid pd)" || fail "cannot signal partnerdesk"
assert_exit pd 0 1

pd delete "Oriel Symud" --force >/dev/null || fail "delete failed"
pd add "Priodas Hir" --kind library >/dev/null || fail "add failed"
pd move "Priodas Hir" dissolved >/dev/null || fail "move failed"

start again
wait_for "Unsaved work from an earlier session" again
wait_for "met at the eisteddfod" again
keys again Enter
wait_for "Its partner was deleted: whose stage move is this?" again
pass "the draft opens with the picker asking whose it is"
keys again Escape
wait_for "Unsaved work from an earlier session" again
wait_for "met at the eisteddfod" again
pass "Esc: back to the dialog, the draft still there"
keys again Enter
wait_for "whose stage move is this?" again
type_text again "Priodas"
keys again Enter
wait_for "Move Priodas Hir from Dissolved" again
wait_for "cannot move from Dissolved to" again
wait_for "met at the eisteddfod" again
pass "the form at the partner chosen says its stage cannot take the move, the reason kept"
keys again C-s
wait_gone "Move Priodas Hir" again
keys again q
assert_exit again 0

stage=$(pd show "Priodas Hir" --format json | json_get 'j["stage"]')
[ "$stage" = glance ] || fail "Priodas Hir is at '$stage', want glance"
why=$(pd show "Priodas Hir" --format json | json_get '[h.get("reason") for h in j["history"]]')
case $why in
*"met at the eisteddfod"*) pass "moved with the reason typed" ;;
*) fail "the reason is not in its history: $why" ;;
esac

start third
wait_for "Priodas Hir" third
sleep 0.5
if screen third | grep -F -q "Unsaved work"; then
	fail "the saved draft was offered again"
fi
keys third q
assert_exit third 0
pass "done"
