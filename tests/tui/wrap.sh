#!/bin/bash
# A long call note wraps at word boundaries as it is typed (80x24): no word
# is cut across the note's rows, a word typed past the edge moves down
# whole, and the saved note is exactly what was typed (wrapping is only
# how it is shown: no newline goes into the data). Then the detail view's
# Log tab shows it wrapped the same way. English, then Welsh and Korean.

. "$(dirname "$0")/lib.sh"

pd add "Amgueddfa Cymru" --kind museum >/dev/null || fail "add failed"

notes() {
	pd show "Amgueddfa Cymru" --format json | json_get '"\n".join(i["text"] for i in j["interactions"])'
}

# check_rows NOTE FIRST-LABEL NEXT-LABEL: the rows from the one holding
# FIRST-LABEL up to the one holding NEXT-LABEL, after the label column,
# hold only whole words of NOTE, all of them, in order.
check_rows() {
	screen | python3 -c '
import sys
note, first, nxt = sys.argv[1], sys.argv[2], sys.argv[3]
lines = sys.stdin.read().split("\n")
start = next(i for i, l in enumerate(lines) if first in l)
col = lines[start].index(first) + len(first)
rows = []
for l in lines[start:]:
    if l is not lines[start] and nxt in l:
        break
    rows.append(l[col:].rstrip().rstrip("\u2502").rstrip())
words = note.split()
shown = [w for r in rows for w in r.split()]
if shown != words:
    bad = [w for w in shown if w not in words]
    print("rows: %r\nnot words of the note: %r" % (rows, bad))
    sys.exit(1)
' "$1" "$2" "$3"
}

# wait_rows NOTE: polls check_rows until it holds (all of NOTE typed and
# shown whole), then fails with the rows it last saw.
wait_rows() {
	local n=$((TIMEOUT * 10)) out
	while [ "$n" -gt 0 ]; do
		out=$(check_rows "$1" "Note     : " "Follow up") && return 0
		sleep 0.1
		n=$((n - 1))
	done
	fail "the note's rows are not its words whole: $out"
}

NOTE="Rang the museum about the spring programme; they want a follow up call next week about the volunteers, the reading room bookings and the summer trail for families, extraordinarily keen on internationalisation"

start pd
wait_for "Amgueddfa Cymru"
keys pd c
wait_for "Log a contact with Amgueddfa Cymru"
type_text pd "$NOTE"
wait_rows "$NOTE"
pass "80x24: the note wraps at word boundaries"
keys pd C-s
wait_gone "Log a contact with"
[ "$(notes)" = "$NOTE" ] || fail "the saved note is not what was typed: $(notes)"
pass "the saved note is exactly what was typed, no newline added"

# The detail view's Log tab: the same note wrapped at word boundaries.
keys pd Enter
wait_for "Overview"
keys pd l
wait_for "No contact people"
keys pd l
wait_for "extraordinarily"
for w in "programme;" "volunteers," "bookings" "families," "extraordinarily" "internationalisation"; do
	screen | grep -F -q -- "$w" || fail "the Log tab cut '$w' across rows"
done
pass "the Log tab shows the note's words whole"
keys pd q
wait_for "sort: name"

# Welsh (ŵ ŷ) and Korean (two columns a syllable) in one note.
NOTE2="Siaradais â'r curadur am y tŷ a'r ŵyl haf; bydd y llyfrgellwyr yn dod ddydd Gwener. 도서관 협력 기관과 여름 독서 프로그램을 다음 주에 다시 논의하기로 했습니다 그리고 자원봉사자 명단도"
wait_for "Amgueddfa Cymru"
keys pd c
wait_for "Log a contact with Amgueddfa Cymru"
type_text pd "$NOTE2"
wait_rows "$NOTE2"
pass "Welsh and Korean wrap at word boundaries"
keys pd C-s
wait_gone "Log a contact with"
case $(notes) in
*"$NOTE2"*) pass "and are saved as typed" ;;
*) fail "the saved note is wrong: $(notes)" ;;
esac
keys pd q
assert_exit pd 0
check_memory
