#!/bin/bash
# A log entry's header in the Log tab with a very long channel label from
# the config: 130 two-byte letters went through a 128-byte buffer, cut
# inside a letter; now the whole label is drawn where the line has room
# (the pane is half a 340-column window).

. "$(dirname "$0")/lib.sh"

P="Riverside Art Museum"
LABEL="Cy$(printf 'ŵ%.0s' $(seq 130))End"
printf 'channels: [phone, "%s"]\n' "$LABEL" >"$TEST_DIR/channels.yaml"
pd add "$P" --kind museum >/dev/null || fail "add failed"
pd --config "$TEST_DIR/channels.yaml" log "$P" --channel "$LABEL" --by ann "Talked about the fair" \
	>/dev/null || fail "log failed"

start pd --config "$TEST_DIR/channels.yaml"
t resize-window -t pd -x 340 -y 24
wait_for "$P"
keys pd Enter
wait_for "Overview"
keys pd l l
wait_for "  $LABEL  by ann"
screen pd | grep -q $'\xef\xbf\xbd' && fail "a character is cut in the header: $(screen pd | grep -a 'Cy')"
pass "a long channel label is drawn whole, no character cut"
keys pd q q
assert_exit pd 0
check_memory
