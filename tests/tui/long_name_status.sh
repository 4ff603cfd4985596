#!/bin/bash
# A partner's name as long as a name may be ("A " and 188 Devanagari
# characters, 566 bytes) in the status line, cut where a buffer is short
# on a character's edge: the agenda's d ("done (u undoes): follow-up with
# ...") went through 200 bytes, a person added at the partner ("added Ann
# at ...") through 256, both cut inside a character (U+FFFD on screen).

. "$(dirname "$0")/lib.sh"

P="A $(python3 -c 'print(("स्वास्थ्यराष्ट्रीयसंस्थान" * 10)[:188])')"
pd add "$P" >/dev/null || fail "add failed"
pd log 1 --follow-up today "Call about the reading room" >/dev/null || fail "log failed"

no_cut() {
	screen pd | grep -q $'\xef\xbf\xbd' && fail "$1 cuts a character: $(screen pd | tail -2)"
	pass "$1: no character cut"
}

start pd
t resize-window -t pd -x 120 -y 24
wait_for "1 partner"
keys pd 3
wait_for "Today (1)"
keys pd d
wait_for "follow-up with ${P:0:12}"
no_cut "the agenda's d"
keys pd 1 Enter
wait_for "Overview"
keys pd C
wait_for "New contact person at"
type_text pd "Ann"
keys pd C-s
wait_for "added Ann at ${P:0:12}"
no_cut "a person added"
keys pd q q
assert_exit pd 0
