"""On a terminal every message of an import, and its summary, is wrapped
within the terminal's width (and 80 columns) at spaces, as the likely
duplicates already were: never inside the file's name and row, a quoted
name or value, or a command to copy; lines after the first indented.
The summary's first line ran to 121 columns and a FILE:ROW: warning of a
phone in scientific notation to 260, off the side of a branch's 80-column
session. To a pipe each stays one line, byte for byte as before. So do
every command's own messages (restore's refusal ran to 250 columns)."""
import os
import re
import sys
import unicodedata
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402


def columns(line):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def shown_lines(raw):
    """A terminal's lines, without the progress line's erasing (CR, ESC [K)."""
    text = raw.decode("utf-8", "replace")
    return text.replace("\x1b[K", "").replace("\r\n", "\n").replace("\r", "").splitlines()


def joined(lines, first):
    """Each message: a line that starts as first(line) says, and the
    indented lines after it, joined by one space."""
    said, on = [], False
    for line in lines:
        if first(line):
            said.append(line)
            on = True
        elif on and line.startswith("  "):
            said[-1] += " " + line.strip()
        else:
            on = False
    return said


t = TAP()
env = Env(sys.argv[1])
try:
    t.eq(env.run("add", "Aberaeron Library", "--website", "https://aberaeron.example.org").rc, 0,
         "a partner to look like")
    # A name with spaces, to be kept whole with its row; as typed in the
    # directory it is in (an absolute path in /tmp is wider than 60).
    os.chdir(env.dir)
    sheet = "branch partners (autumn).csv"
    with open(sheet, "w", encoding="utf-8") as f:
        f.write("Name,Phone,Website,Email,Colour,Year opened,Statutory,Local authority code\n"
                "Caf\u00e9 Ol\u00e9 Reading Circle,4.47712E+11,,,red,1990,yes,W06\n"
                "Aberaeron Library Friends,,https://aberaeron.example.org/friends,x@y,,,,\n")

    def tty(cols, *args):
        return shown_lines(env.run_on_tty(*args, stdout_too=True, cols=cols))

    piped = env.run("import", sheet, "--dry-run")
    t.eq(piped.rc, 0, "a dry run")
    messages = [line for line in piped.err.splitlines()]
    t.ok(any(len(line) > 100 and "scientific notation" in line for line in messages),
         "to a pipe the warning is one long line", piped.err)
    summary = [line for line in piped.out.splitlines() if line.startswith("dry run")][0]
    t.ok(summary.startswith("dry run, nothing written: ") and len(summary) > 80,
         "and the summary's first line is one, longer than 80", piped.out)

    for cols in (80, 60):
        lines = tty(cols, "import", sheet, "--dry-run")
        t.ok(lines and all(columns(line) <= cols for line in lines), "%d columns: every line within them"
             % cols, "\n".join(lines))
        said = joined(lines, lambda line: line.startswith("partnerdesk: "))
        t.eq(said, messages, "%d columns: the messages say what the pipe's say, word for word" % cols)
        t.ok(any(line.startswith("partnerdesk: %s:2: warning:" % sheet) for line in lines),
             "%d columns: the file's name and row whole on a line" % cols, "\n".join(lines))
        t.ok(any("\"Aberaeron Library Friends\"" in line for line in lines),
             "%d columns: a quoted name whole" % cols, "\n".join(lines))
        first = joined(lines, lambda line: line.startswith("dry run, nothing written: "))
        t.ok(first and first[0].startswith(summary), "%d columns: the summary's first line, wrapped, "
             "says the same" % cols, first)
        t.ok(any(line.startswith("  ") and "\"Local authority code\"" in line for line in lines),
             "%d columns: the columns kept in the notes listed, within the width" % cols, "\n".join(lines))

    # The import itself, to a pipe and on a terminal: the same messages.
    env2 = env.path("second.db")
    t.eq(env.run("--db", env2, "add", "Aberaeron Library", "--website", "https://aberaeron.example.org",
                 db=False).rc, 0, "a second desk alike")
    piped = env.run("import", sheet)
    t.eq(piped.rc, 0, "the import", )
    lines = shown_lines(env.run_on_tty("--db", env2, "import", sheet, db=False, stdout_too=True, cols=80))
    t.ok(lines and all(columns(line) <= 80 for line in lines), "the import: every line within 80",
         "\n".join(lines))
    t.eq(joined(lines, lambda line: line.startswith("partnerdesk: ")), piped.err.splitlines(),
         "the import: its messages word for word, the likely duplicate's among them")
    t.ok(any("partnerdesk merge 3 1" in line for line in lines), "the merge to copy whole", "\n".join(lines))

    # Imported again: the count of rows skipped, and a message from
    # before the import (a workbook saved as it is) wrap too.
    lines = tty(60, "import", sheet)
    t.ok(lines and all(columns(line) <= 60 for line in lines), "skipped again: within 60", "\n".join(lines))
    book = env.path("partners.xlsx")
    with zipfile.ZipFile(book, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    piped = env.run("import", book)
    t.ok(piped.rc == 1 and len(piped.err.strip()) > 80, "a workbook refused, on one line to a pipe", piped)
    lines = tty(60, "import", book)
    t.ok(lines and all(columns(line) <= 60 for line in lines), "and within 60 columns on a terminal",
         "\n".join(lines))
    t.eq(joined(lines, lambda line: line.startswith("partnerdesk: ")), piped.err.splitlines(),
         "saying the same")
    # A bad row: nothing imported, said within the width.
    bad = env.path("bad.csv")
    with open(bad, "w", encoding="utf-8") as f:
        f.write("Name,Stage\nSomeone New,courtship\n")
    piped = env.run("import", bad)
    lines = tty(60, "import", bad)
    t.ok(lines and all(columns(line) <= 60 for line in lines), "a failed import: within 60",
         "\n".join(lines))
    t.eq(joined(lines, lambda line: line.startswith("partnerdesk: ")), piped.err.splitlines(),
         "a failed import: the same words")

    # An option and its value stay together: "--partner NAME", not
    # "--partner" at the end of a line and "NAME" on the next, as the name
    # and file below placed them at 80 columns.
    card = "p.vcf"
    with open(card, "w", encoding="utf-8") as f:
        f.write("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Al\r\nEND:VCARD\r\n")
    lines = tty(80, "import", card)
    t.ok(any("--partner NAME" in line for line in lines) and all(columns(line) <= 80 for line in lines),
         "--partner NAME on one line", "\n".join(lines))

    # Every command's messages, not an import's alone: restore's refusal of
    # a file that is no copy ran to about 250 columns, cut mid-word by the
    # terminal.
    with open("notes.txt", "w", encoding="utf-8") as f:
        f.write("not a database at all\n")
    piped = env.run("restore", "notes.txt")
    t.ok(piped.rc == 1 and len(piped.err.splitlines()) == 1 and len(piped.err) > 160,
         "to a pipe restore's refusal is one long line", piped.err)
    lines = tty(80, "restore", "notes.txt")
    t.ok(len(lines) > 1 and all(columns(line) <= 80 for line in lines),
         "on a terminal restore's refusal is wrapped within 80", "\n".join(lines))
    t.eq(joined(lines, lambda line: line.startswith("partnerdesk: ")), piped.err.splitlines(),
         "restore's refusal: the same words")
    t.ok(any("`partnerdesk export --format yaml`" in line for line in lines),
         "a command in it whole on a line", "\n".join(lines))

    # A message's own lines stay lines: the partners a name matches, one a
    # line under it, were run together with ^J between them on a terminal.
    for name in ("Museum of Art", "Museum of Bread and Butter Making in the Valleys of Wales"):
        t.eq(env.run("add", name).rc, 0, "a museum: " + name)
    piped = env.run("show", "Museum")
    t.ok(piped.rc == 1 and "  #" in piped.err and len(piped.err.splitlines()) == 3,
         "to a pipe the partners a name matches are listed a line each", piped.err)
    lines = tty(40, "show", "Museum")
    t.ok(not any("^J" in line for line in lines), "on a terminal no ^J in place of a line's end",
         "\n".join(lines))
    listed = [i for i, line in enumerate(lines) if line.startswith("  #")]
    t.eq(" ".join(line.strip() for line in lines[:listed[0] if listed else len(lines)]),
         piped.err.splitlines()[0], "its first line, wrapped, says the pipe's")
    t.ok(any(line.startswith("  #") and line.endswith(" Museum of Art") for line in lines) and
         all(columns(line) <= 40 for line in lines),
         "each partner on a line of its own, indented as to a pipe, within 40", "\n".join(lines))
    # And an import's refusal of them as the partner of cards without ORG.
    piped = env.run("import", card, "--partner", "Museum")
    t.ok(piped.rc == 1 and len(piped.err.splitlines()) == 3, "to a pipe: --partner Museum matches two",
         piped.err)
    lines = tty(80, "import", card, "--partner", "Museum")
    t.ok(not any("^J" in line for line in lines) and lines == piped.err.splitlines(),
         "on a terminal too a line each, as to a pipe", "\n".join(lines))
    # A command's prose on standard output wraps too: restore's success
    # line ran to about 150 columns, most of it the path of the copy kept,
    # and an added partner's long name took "added 7: ..." past 80. Never
    # inside a name or a path (a copy's name with spaces stays whole, to be
    # copied); a line that is a path alone may be wider than 80, as the
    # terminal then folds it. To a pipe each is one line, as before.
    def fits(line, cols=80):
        """Within cols, or one part that may not be broken: a path, a
        quoted name."""
        one = line.strip()
        return columns(line) <= cols or len(one.split()) == 1 or (one[0] == one[-1] == '"')

    def prose(line):
        return not line.startswith(" ")

    long_name = "Friends of the Aberystwyth Public Library Community Reading Circle"
    # Two desks alike, one for the pipe and one for the terminal, in
    # folders named alike: each step does the same to each.
    desks = {}
    for side in ("pipe", "tty1"):
        os.mkdir(env.path(side))
        desks[side] = env.path(os.path.join(side, "partnerdesk.db"))
        t.eq(env.run("--db", desks[side], "add", "Aberaeron Library", db=False).rc, 0, "a desk for the " + side)
    copy = "partnerdesk before the autumn import.db"
    steps = [
        ("add", long_name, "--website", "https://friends-reading.example.org"),
        ("move", long_name, "date", "--reason", "met at the fair"),
        ("log", long_name, "--follow-up", "2030-01-05", "asked", "about", "the", "autumn", "programme"),
        ("merge", "--dry-run", "Aberaeron Library", long_name),
        ("backup", "{dir}/" + copy),
        ("restore", "{dir}/" + copy),
    ]
    for args in steps:
        def on(side):
            return ["--db", desks[side]] + [a.replace("{dir}", env.path(side)) for a in args]
        piped = env.run(*on("pipe"), db=False)
        t.ok(piped.rc == 0, "%s: to a pipe" % args[0], piped)
        # The kept copy is named by the second it was made in, which the
        # terminal's run (slower under ASan) may reach after the pipe's:
        # compared with that second left out, measured as it is.
        def same_second(text):
            return re.sub(r"before-restore-\d{8}-\d{6}", "before-restore-T", text)
        first = piped.out.splitlines()[0].replace("/pipe/", "/tty1/") if piped.out else ""
        t.ok(columns(first) > 80, "%s: to a pipe its line is one, wider than 80" % args[0], piped.out)
        rc, raw = env.run_on_tty(*on("tty1"), db=False, stdout_too=True, cols=80, status=True)
        lines = shown_lines(raw)
        t.ok(rc == 0, "%s: on a terminal" % args[0], lines)
        t.ok(len(lines) > 1 and all(fits(line) for line in lines), "%s: every line within 80 columns"
             % args[0], "\n".join(lines))
        said = joined(lines, prose)
        t.ok(said and same_second(said[0]).startswith(same_second(first)),
             "%s: the same words as the pipe's line" % args[0],
             (said, first))
        if args[0] == "restore":
            t.ok(any(env.path(os.path.join("tty1", copy)) + ";" in line for line in lines),
                 "restore: the copy's name, spaces and all, whole on a line", "\n".join(lines))
            kept = first.rsplit(" ", 1)[1]
            t.ok(any(same_second(line.strip()) == same_second(kept) and columns(line) <= 80 for line in lines),
                 "restore: the copy kept whole on a line within 80", "\n".join(lines))
        if args[0] == "add":
            t.ok(any(long_name in line for line in lines), "add: the name whole", "\n".join(lines))

    # The import's dry run, its rows and a merge's plan, on 60 columns.
    with open("again.csv", "w", encoding="utf-8") as f:
        f.write("Name,Email,Phone,Notes\n"
                + long_name + ",chair@friends-of-aberystwyth-library.example.org,01970 654321,"
                "met at the autumn fair by the children's library\n"
                "Penparcau Community Forum and Neighbourhood Partnership Hub,,,\n")
    piped = env.run("--db", desks["tty1"], "import", "again.csv", "--dry-run", "--on-duplicate", "merge",
                    db=False)
    t.ok(piped.rc == 0 and any(columns(line) > 60 for line in piped.out.splitlines()),
         "a merging dry run to a pipe: lines wider than 60", piped)
    lines = shown_lines(env.run_on_tty("--db", desks["tty1"], "import", "again.csv", "--dry-run",
                                       "--on-duplicate", "merge", db=False, stdout_too=True, cols=60))
    t.ok(lines and all(fits(line, 60) for line in lines), "its rows and plan within 60 columns",
         "\n".join(lines))
    t.ok(any(line.strip() == "\"%s\"" % long_name for line in lines), "the merged row's name whole",
         "\n".join(lines))

    # A file's name holding a control byte or one that is no UTF-8, shown
    # as "^A" or "\\xff": its FILE:ROW: was no longer seen as the file's
    # and was broken at a space inside the name.
    for raw, shown in ((b"branch\x01 partners of the autumn term list.csv", "branch^A partners of the autumn term list.csv"),
                       (b"branch\xff partners of the autumn term list.csv", "branch\\xff partners of the autumn term list.csv")):
        name = os.fsdecode(raw)
        with open(name, "w", encoding="utf-8") as f:
            f.write("Name,Phone\nCafe Reading Circle,4.47712E+11\n")
        piped = env.run("import", name, "--dry-run")
        t.ok(piped.rc == 0 and piped.err.startswith("partnerdesk: %s:2: warning: " % shown),
             "to a pipe the name shows as %s" % shown, piped)
        lines = tty(60, "import", name, "--dry-run")
        t.ok(any(line.startswith("partnerdesk: %s:2:" % shown) for line in lines),
             "on 60 columns %s:2: whole on its line" % shown, "\n".join(lines))
        t.eq(joined(lines, lambda line: line.startswith("partnerdesk: ")), piped.err.splitlines(),
             "and the same words as the pipe's")
finally:
    env.cleanup()
t.done()
