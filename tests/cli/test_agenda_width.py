"""The agenda's table on an 80-column terminal and through a pipe: on the
terminal every row fits (NAME and WHAT cut by display width at a whole
character, marked with an ellipsis), piped every row is whole for scripts;
Welsh, Korean and Arabic names and notes. The list's table fits the same."""
import re
import sys
import unicodedata

from harness import TAP, Env, added_id

t = TAP()
env = Env(sys.argv[1])

WELSH = "Cymdeithas Hanes Lleol Llanfair a\u2019r Cylch, G\u0175yl Ddewi"
# "Tŷ" with its circumflex as a combining accent, as macOS pastes it.
WELSH_NOTE = "Trefnu\u2019r \u0175yl gyda\u2019r ysgol Gymraeg a ch\u00f4r T" + "y\u0302" + " Pawb ar ddydd Sadwrn"
KOREAN = "서울특별시 마포구 한국어 문해교육 협동조합 도서관 친구들"
# Longer than the 255 bytes a row's note was once cut to.
KOREAN_NOTE = "다음 주 화요일 오후에 어르신 한글 교실 일정과 자원봉사자 명단을 다시 확인하기 " * 3
KOREAN_NOTE = KOREAN_NOTE.strip()
ARABIC = "جمعية الجالية العربية للثقافة والتعليم في المدينة"
ARABIC_NOTE = "مُتابعة موعد ورشة القراءة للأطفال في المكتبة المركزية يوم السبت"
SHORT, SHORT_NOTE = "Tŷ Pawb", "Call back"


def width(text):
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def cells(line):
    """LOG, DATE, DUE, PARTNER, NAME, WHAT: two spaces part the columns."""
    return re.split(r"  +", line.strip())


def on_terminal(cols, command="agenda"):
    seen = env.run_on_tty(command, stdout_too=True, cols=cols)
    return seen.decode("utf-8").replace("\r\n", "\n")


try:
    want = {}
    for name, note in ((WELSH, WELSH_NOTE), (KOREAN, KOREAN_NOTE), (ARABIC, ARABIC_NOTE), (SHORT, SHORT_NOTE)):
        pid = added_id(env.run("add", name))
        r = env.run("log", str(pid), "--follow-up", "+1d", note)
        t.eq(r.rc, 0, "a follow-up logged with %s" % name)
        want[str(pid)] = (name, note)

    piped = env.run("agenda")
    t.eq(piped.rc, 0, "agenda exits 0 piped")
    rows = {cells(line)[3]: cells(line) for line in piped.out.splitlines()[1:]}
    t.eq({p: tuple(c[4:]) for p, c in rows.items()}, want,
         "piped, every name and note is whole (the Korean note past 255 bytes too)")
    t.ok("\u2026" not in piped.out and "..." not in piped.out, "piped, nothing is cut", piped.out)

    shown = on_terminal(80)
    lines = shown.splitlines()
    t.eq(len(lines), len(piped.out.splitlines()), "on an 80-column terminal: a line a row, as piped")
    t.eq([line for line in lines if width(line) > 80], [], "no line is wider than 80 columns")
    cut = {}
    for line in lines[1:]:
        c = cells(line)
        name, note = want.get(c[3], ("", ""))
        for got, whole in ((c[4], name), (c[5], note)):
            part = got[:-1]
            ok = got == whole or (got.endswith("\u2026") and part and whole.startswith(part))
            t.ok(ok, "%s: cut at a whole character, with an ellipsis, or whole" % whole[:12], line)
            if got != whole:
                cut[c[3]] = cut.get(c[3], 0) + 1
    t.eq(sorted(want[p][0] for p in cut), sorted([WELSH, KOREAN, ARABIC]),
         "the long names and notes are cut, the short one is not")
    # The columns still line up: WHAT starts at one display column on every
    # row, however wide the characters before it.
    starts = {width(line[:line.rindex(cells(line)[5])]) for line in lines}
    t.eq(len(starts), 1, "WHAT starts in the same column on every line (Korean is two columns wide)")
    t.eq(shown, on_terminal(80), "the same again (no stray state)")

    # A terminal wide enough shows it all, as a pipe does.
    t.eq(on_terminal(400), piped.out, "on a 400-column terminal every row is whole")
    r = env.run("agenda", env={"COLUMNS": "80"})
    t.eq(r.out, piped.out, "COLUMNS does not cut piped output")

    # list: the name gives up width on a terminal (its columns are ID,
    # NAME, KIND, STAGE, LAST CONTACT, NEXT FOLLOW-UP).
    piped = env.run("list")
    listed = on_terminal(80, "list")
    lines = listed.splitlines()
    t.eq(len(lines), len(piped.out.splitlines()), "list on an 80-column terminal: a line a row")
    t.eq([line for line in lines if width(line) > 80], [], "list: no line is wider than 80 columns")
    names = {c[0]: c[1] for c in (cells(line) for line in lines[1:])}
    for pid, (name, _) in want.items():
        got = names.get(pid, "")
        t.ok(got == name or (got.endswith("\u2026") and got[:-1] and name.startswith(got[:-1])),
             "list: %s cut at a whole character, with an ellipsis, or whole" % name[:12], got)
    t.eq(names.get([p for p, (n, _) in want.items() if n == SHORT][0]), SHORT, "list: the short name whole")
    # Piped, every name is whole (a script or grep gets the partner's own
    # name, never one cut with "..."), as agenda's rows are; on a terminal
    # a name stops at 48 columns even when the screen is wider, with "…",
    # and the rest of every row is what a pipe gets.
    flat = [cells(line) for line in piped.out.splitlines()]
    t.eq({c[0]: c[1] for c in flat[1:]}, {p: n for p, (n, _) in want.items()},
         "list piped: every name whole, the ones past 48 columns too")
    t.ok("\u2026" not in piped.out and "..." not in piped.out, "list piped: nothing is cut", piped.out)
    t.ok(any(width(n) > 48 for n, _ in want.values()), "(a name is wider than 48 columns)")
    for f in ("csv", "json"):
        r = env.run("list", "--format", f)
        t.ok(r.rc == 0 and all(n in r.out for n, _ in want.values()), "list --format %s: the names whole" % f, r)
    wide = [cells(line) for line in on_terminal(400, "list").splitlines()]
    t.eq([c[:1] + c[2:] for c in wide], [c[:1] + c[2:] for c in flat],
         "list on a 400-column terminal: the rows a pipe gets")
    t.ok(all(width(c[1]) <= 48 and (c[1] in names.values() or c[1].endswith("\u2026")) for c in wide[1:]),
         "and each name within its 48 columns, cut with an ellipsis", wide)
    t.ok(any(c[1].endswith("\u2026") for c in wide[1:]), "(one is cut there)", wide)
finally:
    env.cleanup()
t.done()
