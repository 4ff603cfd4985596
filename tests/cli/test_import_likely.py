"""An imported row that --on-duplicate lets in as a new partner (its name
is not one the desk holds) but that the desk likely holds already, by the
rules merge and check go by (a similar name, the same website host or
email domain), is named on its row: in a dry run's plan, under its add
line, and in the import's messages, with the partner it looks like and
the merge that puts it right; the summary counts them. The same name is
--on-duplicate's; rows alike within the file are not looked for; a domain
many partners hold (a council's) says nothing. An organisation's vCard
(KIND:org) is looked at as a row is. On a terminal the message, and the
dry run's line under an add, are wrapped within 80 columns at their
spaces, never inside a name (French, Korean) or the merge to copy; to a
pipe each is one line, as every other FILE:ROW: message is."""
import os
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402



def columns(line):
    """The columns a line takes on a terminal: East Asian wide two,
    combining marks none."""
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def shown_lines(text):
    """A terminal's lines, without the progress line's erasing (CR, ESC [K)."""
    return text.replace("\x1b[K", "").replace("\r\n", "\n").replace("\r", "").splitlines()


DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")

t = TAP()
env = Env(sys.argv[1])
try:
    wales = os.path.join(DATA, "csv", "libraries_wales.csv")
    r = env.run("import", wales)
    t.ok(r.rc == 0, "the Welsh libraries, to import beside", r)
    t.ok("look like partners already here" not in r.out + r.err, "rows alike in one file are not said", r)
    r = env.run("add", "Mus\u00e9e des Beaux-Arts")
    t.ok(r.rc == 0, "a partner added by hand", r)

    new = env.path("new.csv")
    with open(new, "w", encoding="utf-8") as f:
        f.write("Name,Email,Website,Phone\n"
                "Musee des Beaux Arts,,,04 72 10 17 40\n"
                "The Aberaeron Library,,,01545 570382\n"
                "Friends of Taibach,,https://www.taibachlibrary.org.uk/friends,\n"
                "Anglesey Reading Group,readers@anglesey.gov.uk,,\n"
                "Brand New Partner,,,\n"
                "Amlwch Library,,,\n")
    r = env.run("import", new, "--dry-run", "--on-duplicate", "new")
    t.ok(r.rc == 0, "dry run", r)
    lines = r.out.splitlines()
    def under(row):
        for i, line in enumerate(lines):
            if line.startswith(new + ":%d: add " % row):
                return lines[i + 1:i + 3]
        return []
    t.ok(under(2) and under(2)[0].startswith("    likely the same as #266 \"Mus\u00e9e des Beaux-Arts\" (similar name)"),
         "a similar name: the partner it looks like, under the add line", r.out)
    t.eq(under(2)[1] if len(under(2)) > 1 else "",
         "    --on-duplicate does not merge it: partnerdesk merge after, or fix the name",
         "and what to do about it")
    t.ok(under(3) and under(3)[0].startswith("    likely the same as #69 \"Aberaeron Library\" (similar name)"),
         "an article aside: similar", r.out)
    t.ok(under(4) and under(4)[0].startswith("    likely the same as #139 \"Taibach Library\" (same website)"),
         "the same website host", r.out)
    t.ok(not under(5) or "likely" not in under(5)[0], "a council's domain, many partners', says nothing", r.out)
    t.ok(not under(6) or "likely" not in under(6)[0], "a new name: nothing", r.out)
    t.ok(not under(7) or "likely" not in under(7)[0], "the same name, let in by --on-duplicate new: not again", r.out)
    t.ok(all(len(line) <= 80 for line in lines if line.startswith("    ")), "each plan line fits 80 columns", r.out)
    t.ok("dry run, nothing written: 6 added, 0 merged, 0 skipped, 0 failed; 3 added that look like "
         "partners already here: see above" in r.out, "the summary counts them", r.out)

    r = env.run("import", new)
    t.ok(r.rc == 0, "the import", r)
    t.ok("partnerdesk: %s:2: added \"Musee des Beaux Arts\" as #267, likely the same as #266 "
         "\"Mus\u00e9e des Beaux-Arts\" (similar name); --on-duplicate does not merge it: "
         "partnerdesk merge 267 266 if so, or fix the name" % new in r.err, "said as it is added", r.err)
    t.eq(r.out.strip(), "5 added, 0 merged, 1 skipped, 0 failed; 3 added that look like partners already "
         "here: see check", "counted in the summary")
    r = env.run("check")
    t.ok("#266 Mus\u00e9e des Beaux-Arts and #267 Musee des Beaux Arts (similar name)" in r.out,
         "where check lists them", r.out)

    # An organisation's card goes the same way.
    vcf = env.path("orgs.vcf")
    with open(vcf, "w", encoding="utf-8", newline="") as f:
        f.write("BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Taibach Library Ltd\r\n"
                "ORG:Taibach Library Ltd\r\nEND:VCARD\r\n")
    r = env.run("import", vcf, "--dry-run")
    t.ok(r.rc == 0 and "    likely the same as #139 \"Taibach Library\" (similar name)" in r.out
         and "1 added that looks like a partner already here: see above" in r.out,
         "a KIND:org card: said under its add line, counted", r)

    # Two desks alike, one imported into on a terminal of 80 columns, the
    # other through a pipe: a long French name and a Korean one.
    SEOUL = "\uc11c\uc6b8 \uc815\ub3c5\ub3c4\uc11c\uad00"
    KIDS = "\uc815\ub3c5\ub3c4\uc11c\uad00 \uc5b4\ub9b0\uc774\uc790\ub8cc\uc2e4"
    sheet = env.path("wide.csv")
    with open(sheet, "w", encoding="utf-8") as f:
        f.write("Name,Website\n"
                "Mediatheque Francoise Sagan Paris 10e,https://mediatheque-sagan.paris\n"
                "%s,https://jeongdok.sen.go.kr\n" % KIDS)
    def desk(name):
        db = env.path(name)
        for args in (["add", "M\u00e9diath\u00e8que Fran\u00e7oise Sagan, Paris 10e",
                      "--website", "https://mediatheque-sagan.paris"],
                     ["add", SEOUL, "--website", "https://jeongdok.sen.go.kr"]):
            r = env.run("--db", db, *args, db=False)
            t.ok(r.rc == 0, "%s: %s" % (name, args[1]), r)
        return db
    piped = env.run("--db", desk("piped.db"), "import", sheet, db=False)
    found = [line for line in piped.err.splitlines() if "likely the same as" in line]
    t.ok(len(found) == 2 and all(len(line) > 80 for line in found),
         "to a pipe: one line a finding, however long", piped.err)
    raw = env.run_on_tty("--db", desk("tty.db"), "import", sheet, db=False, cols=80)
    try:
        shown = raw.decode("utf-8")
        t.ok(True, "on a terminal, no character cut in two")
    except UnicodeDecodeError as e:
        shown = raw.decode("utf-8", "replace")
        t.ok(False, "on a terminal, no character cut in two: %s" % e, repr(raw))
    lines = shown_lines(shown)
    t.ok(lines and all(columns(line) <= 80 for line in lines), "every line within 80 columns", shown)
    said, cur = [], None
    for line in lines:
        if line.startswith("partnerdesk: "):
            cur = [line]
            said.append(cur)
        elif line.startswith("  ") and cur:
            cur.append(line)
    t.eq([" ".join(part.strip() for part in one) for one in said], found,
         "the wrapped lines say what the pipe's say, word for word")
    t.ok(said and all(len(one) > 1 for one in said), "each finding on lines of their own", shown)
    for name in ("\"Mediatheque Francoise Sagan Paris 10...\"",
                 "\"M\u00e9diath\u00e8que Fran\u00e7oise Sagan, Pari...\"",
                 "\"%s\"" % SEOUL, "\"%s\"" % KIDS,
                 "partnerdesk merge 3 1", "partnerdesk merge 4 2"):
        t.ok(any(name in line for line in lines), "%s whole on one line" % name, shown)
    # A narrower terminal: within its width.
    raw = env.run_on_tty("--db", desk("narrow.db"), "import", sheet, db=False, cols=60)
    lines = shown_lines(raw.decode("utf-8", "replace"))
    t.ok(lines and all(columns(line) <= 60 for line in lines), "at 60 columns, within 60", "\n".join(lines))

    # The dry run's line under an add goes the same way on a terminal.
    dry = env.run("--db", env.path("piped.db"), "import", sheet, "--dry-run", "--on-duplicate", "new", db=False)
    plan = [line for line in dry.out.splitlines() if line.startswith("    likely the same as")]
    t.ok(len(plan) == 2 and any(len(line) > 80 for line in plan), "a dry run's line to a pipe: one, long",
         dry.out)
    raw = env.run_on_tty("--db", env.path("piped.db"), "import", sheet, "--dry-run", "--on-duplicate",
                         "new", db=False, stdout_too=True, cols=80)
    lines = shown_lines(raw.decode("utf-8", "replace"))
    under = []
    for i, line in enumerate(lines):
        if line.startswith("    likely the same as"):
            one = [line]
            for more in lines[i + 1:]:
                if not more.startswith("      "):
                    break
                one.append(more)
            under.append(" ".join(part.strip() for part in one))
            t.ok(all(columns(part) <= 80 for part in one), "within 80 columns: %r" % one)
    t.eq(under, [line.strip() for line in plan], "the dry run's wrapped lines say what the pipe's say")

    # A domain four partners hold: with the row, five, as many as still
    # count, and check pairs the row with each. The row, stored before it
    # is looked at, was counted twice (itself, and again as the one
    # asked about), so the import said nothing of what check then listed.
    for i in range(1, 5):
        t.eq(env.run("add", "Cyngor Department %d" % i, "--email", "desk%d@cyngor.example" % i).rc, 0,
             "a partner on the council's domain")
    council = env.path("council.csv")
    with open(council, "w", encoding="utf-8") as f:
        f.write("Name,Email\nArchifau Cyngor,archifau@cyngor.example\n")
    r = env.run("import", council, "--dry-run")
    t.ok(r.rc == 0 and "(same email domain) (and 3 more)" in r.out
         and "1 added that looks like a partner already here" in r.out,
         "a domain four partners hold, five with the row: said, as check would pair them", r)
    r = env.run("import", council)
    r = env.run("check")
    t.ok(r.out.count("Archifau Cyngor (same email domain)") == 4, "check pairs it with all four", r)

    # Five partners by names like the row's: the one named, and four more,
    # all of them; it said three more, the most a list of four could hold,
    # and a desk's same-named came first and could fill it.
    for name in ("Theatr Fach", "Y Theatr Fach", "Theatr Fach Cyf", "Theatr Fach Ltd", "Yr Theatr Fach"):
        t.eq(env.run("add", name).rc, 0, "added " + name)
    fach = env.path("fach.csv")
    with open(fach, "w", encoding="utf-8") as f:
        f.write("Name\nTheatr Fach Limited\n")
    r = env.run("import", fach, "--dry-run")
    t.ok(r.rc == 0 and "(similar name) (and 4 more)" in r.out, "every other partner alike is counted", r)

    # Without --keep-going a bad row undoes the whole import: a row named
    # before it as "added as #N, likely the same as ...", with the merge
    # to run, was never written, and that merge named a partner no desk
    # held. Said once the import is committed, and only then.
    undone = env.path("undone.csv")
    with open(undone, "w", encoding="utf-8") as f:
        f.write("Name,Stage\n"
                "Aberaeron Library Ltd,\n"
                "Row With A Bad Stage,courtship\n")
    before = env.run("list", "--format", "csv").out
    r = env.run("import", undone)
    t.ok(r.rc != 0 and "so nothing was" in r.err, "a bad row: nothing imported", r)
    t.ok("likely the same as" not in r.err and "partnerdesk merge" not in r.err,
         "and no row is said to be added, nor a merge of it offered", r)
    t.eq(env.run("list", "--format", "csv").out, before, "the desk as it was")
    r = env.run("import", undone, "--keep-going")
    t.ok("1 added" in r.out and "likely the same as" in r.err and "partnerdesk merge" in r.err,
         "with --keep-going the row is written, and said", r)
finally:
    env.cleanup()
t.done()
