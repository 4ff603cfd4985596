"""report end to end: on the known data set of tests/unit/model/report_data.h
(built around the real clock by report_fixture), the figures worked out by
hand come out of `report --format json`, the CSV holds the very same numbers,
and the text bar charts print them too; UTF-8 blocks with an ASCII
fallback; usage errors; the refusal of a marriage without an approval;
`complete` and the fit in `show`."""
import csv
import io
import json
import re
import sqlite3
import subprocess
import sys
import unicodedata

from harness import TAP, Env

t = TAP()
env = Env(sys.argv[1])
fixture = sys.argv[2]
BLOCKS = "\u2588\u2589\u258a\u258b\u258c\u258d\u258e\u258f"


def report(*args, **kw):
    return env.run("report", *args, **kw)


def strict_json(text):
    """json.loads that refuses an object with a key twice (json.loads keeps
    the last, and the figure before it is lost without a word)."""
    def pairs(kv):
        keys = [k for k, _ in kv]
        twice = sorted(set(k for k in keys if keys.count(k) > 1))
        if twice:
            raise ValueError("keys twice in one object: %s" % twice)
        return dict(kv)
    return json.loads(text, object_pairs_hook=pairs)


def tables(j):
    return {tb["key"]: tb for tb in j["tables"]}


def value(j, table, row, col):
    for r in tables(j)[table]["rows"]:
        if r["key"] == row:
            return r["values"][col]
    return None


def csv_figures(text):
    rows = list(csv.reader(io.StringIO(text)))
    head = rows[0]
    return head, {(r[2], r[3], r[5]): int(r[6]) for r in rows[1:]}, rows[1:]


def json_figures(j):
    return {(tb["key"], r["key"], c): v for tb in j["tables"] for r in tb["rows"] for c, v in r["values"].items()}


def width(text):
    """Display columns, as a terminal shows text."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def text_shows_bars(j, text):
    """Every row of every table shows as a line with the figure its bar
    draws, last before the bar (the others may have given way)."""
    lines = text.splitlines()
    missing = []
    for tb in j["tables"]:
        for r in tb["rows"]:
            bar = sum(r["values"].values()) if tb["bar"] == "total" else r["values"][tb["bar"]]
            pat = re.compile(r"^  " + re.escape(r["label"]) + r"( +[0-9]+)* +" + str(bar) +
                             r"(  [" + BLOCKS + "#]+)?$")
            if not any(pat.match(line) for line in lines):
                missing.append((tb["key"], r["label"], bar))
    return missing


def on_terminal(args, cols, extra_env):
    """stdout on a pseudo-terminal `cols` wide: what it printed, as lines."""
    seen = env.run_on_tty(*args, stdout_too=True, cols=cols, env=extra_env)
    return seen.decode("utf-8", "replace").replace("\r\n", "\n").splitlines()


def text_agrees(j, text):
    """Every row of every table shows as a line: label, its figures, a bar."""
    lines = text.splitlines()
    missing = []
    for tb in j["tables"]:
        for r in tb["rows"]:
            nums = [str(r["values"][c]) for c in tb["columns"]]
            if tb["bar"] == "total":
                nums.append(str(sum(r["values"].values())))
            pat = re.compile(r"^  " + re.escape(r["label"]) + r" +" + r" +".join(nums) + r"(  [" + BLOCKS + "#]+)?$")
            if not any(pat.match(line) for line in lines):
                missing.append((tb["key"], r["label"], nums))
    return missing


try:
    r = subprocess.run([fixture, env.db], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env.env)
    t.eq(r.returncode, 0, "the report data set is built")

    # ---- pipeline
    r = report("pipeline", "--format", "json")
    t.eq(r.rc, 0, "report pipeline --format json")
    j = strict_json(r.out)
    t.eq((j["report"], j["period"], j["from"]), ("pipeline", "all", None), "names the report and the period")
    stages = {row["key"]: row["values"]["partners"] for row in tables(j)["stages"]["rows"]}
    t.eq(stages, {"glance": 1, "date": 1, "engagement": 2, "marriage": 1, "dissolved": 1}, "partners per stage")
    t.eq(sum(row["values"]["moves"] for row in tables(j)["moves_per_month"]["rows"]), 9, "9 moves in all")
    conv = {row["key"]: row["values"]["partners"] for row in tables(j)["conversions"]["rows"]}
    t.eq(conv, {"glance>date": 4, "date>engagement": 3, "engagement>marriage": 1, ">dissolved": 1},
         "glances to dates, dates to engagements, engagements to marriages, dissolved")
    days = {row["key"]: (row["values"]["stays"], row["values"]["median_days"], row["values"]["p90_days"])
            for row in tables(j)["stage_days"]["rows"]}
    t.eq(days, {"glance": (6, 10, 395), "date": (4, 30, 220), "engagement": (3, 80, 140), "marriage": (1, 60, 60)},
         "stays, median and 90th-percentile days per stage")
    # Partners per kind: every partner in its stage's column once, the
    # active ones in "partners" and by scale; a kind nobody has is left out.
    kinds = tables(j)["by_kind"]
    t.eq(kinds["columns"][:1] + kinds["columns"][-2:], ["partners", "macro", "micro"], "by_kind's columns")
    t.eq({s: sum(row["values"][s] for row in kinds["rows"]) for s in stages}, stages,
         "partners per kind add up, stage by stage, to partners per stage")
    t.eq(sum(row["values"]["partners"] for row in kinds["rows"]), sum(v for s, v in stages.items() if s != "dissolved"),
         "and the active ones to the active partners")
    t.ok(kinds["rows"] and all(sum(row["values"][s] for s in stages) > 0 for row in kinds["rows"]),
         "no row for a kind no partner has", kinds)

    r = report("pipeline", "--format", "csv")
    t.eq(r.rc, 0, "report pipeline --format csv")
    head, figs, rows = csv_figures(r.out)
    t.eq(head, ["report", "period", "table", "key", "label", "column", "value"], "CSV header")
    t.eq(figs, json_figures(j), "CSV and JSON give the same numbers")
    t.ok(r.out.endswith("\r\n"), "CSV records end in CRLF")

    r = report("pipeline")
    t.eq(r.rc, 0, "report pipeline as text")
    wide = report("pipeline", env={"COLUMNS": "200"}).out
    t.eq(text_agrees(j, wide), [], "the bar chart at 200 columns shows the same numbers as the JSON")
    t.ok(any(c in r.out for c in BLOCKS), "bars of Unicode blocks in a UTF-8 locale", r.out)
    r2 = report("pipeline", env={"LC_ALL": "C", "COLUMNS": "200"})
    t.ok(not any(c in r2.out for c in BLOCKS) and "#" in r2.out, "'#' bars when the locale is not UTF-8", r2.out)
    t.eq(text_agrees(j, r2.out), [], "the ASCII chart shows the same numbers")
    t.eq(report().out, r.out, "pipeline is the default report")
    # The largest bar fills an 80-column line; wider, it stops at 68
    # columns (1,000 columns too), a chart and not a line across the screen.
    for cols in (80, 200, 1000):
        lines = report("pipeline", env={"COLUMNS": str(cols)}).out.splitlines()
        stages = lines[lines.index("Partners per stage (now)") + 1:]
        stages = stages[:stages.index("")]
        if cols == 80:
            t.eq(max(len(line) for line in stages), cols, "at 80 columns the longest bar ends at the edge")
        else:
            bars = [len(m) for line in stages for m in re.findall("[" + BLOCKS + "]+$", line)]
            t.eq(max(bars), 68, "at %d columns the longest bar is 68 columns" % cols)

    r = report("pipeline", "--period", "month", "--format", "json")
    jm = strict_json(r.out)
    t.ok(jm["period"] == "month" and jm["from"] and jm["from"].endswith("-01"), "a month period starts on the 1st", jm)
    t.eq(tables(jm)["stages"]["rows"], tables(j)["stages"]["rows"], "partners per stage do not depend on the period")
    # Audiences and attention are as of today whatever the period: their
    # text does not call its figures this month's.
    for kind in ("audiences", "attention"):
        first = report(kind, "--period", "month").out.splitlines()[0]
        t.eq(first, "%s, as of %s" % (kind.capitalize(), jm["to"]), "%s text says as of today" % kind)
    t.ok(report("activity", "--period", "month").out.startswith("Activity, this month (" + jm["from"]),
         "activity text names its period")

    # ---- activity
    r = report("activity", "--format", "json")
    t.eq(r.rc, 0, "report activity")
    ja = strict_json(r.out)
    ch = {row["key"]: row["values"]["interactions"] for row in tables(ja)["by_channel"]["rows"]}
    t.eq(ch, {"phone": 3, "email": 2, "visit": 1, "meeting": 1, "event": 0, "other": 0}, "interactions by channel")
    staff = [(row["key"], row["values"]["interactions"]) for row in tables(ja)["by_staff"]["rows"]]
    t.eq(staff, [("ann", 4), ("bob", 2), ("cy", 1)], "by staff member, busiest first")
    t.eq(sum(row["values"]["interactions"] for row in tables(ja)["per_month"]["rows"]), 7, "7 interactions by month")
    cross = tables(ja)["per_month_by_channel"]
    t.eq(sum(sum(row["values"].values()) for row in cross["rows"]), 7, "and 7 by month and channel")
    t.eq(text_agrees(ja, report("activity", env={"COLUMNS": "200"}).out), [], "activity text agrees with JSON")
    _, figs, _ = csv_figures(report("activity", "--format", "csv").out)
    t.eq(figs, json_figures(ja), "activity CSV agrees with JSON")

    # ---- audiences
    r = report("audiences", "--format", "json")
    jd = strict_json(r.out)
    t.eq(value(jd, "by_audience", "teens", "partners"), 2, "2 active partners reach teens")
    t.eq((value(jd, "by_audience", "families", "macro"), value(jd, "by_audience", "families", "micro")), (2, 0),
         "families: by scale")
    t.eq(value(jd, "by_audience", "seniors", "dissolved"), 1, "seniors: a dissolved partner")
    nr = [row["key"] for row in tables(jd)["not_reached"]["rows"]]
    t.ok("seniors" in nr and "children" in nr and "teens" not in nr and len(nr) == 8, "who we do not reach", nr)
    wide = report("audiences", env={"COLUMNS": "200"}).out
    t.eq(text_agrees(jd, wide), [], "audiences text at 200 columns shows every figure of the JSON")
    t.ok(max(width(line) for line in wide.splitlines()) <= 200, "and no line is wider than 200", wide)
    # The default stages' eight figures took 97 columns, and 109 with the
    # shortest bar: at 80 every row wrapped. Only the figure each bar draws
    # stays, as in the reports view; CSV and JSON keep all of them.
    narrow = report("audiences", env={"COLUMNS": "80"}).out
    t.eq([line for line in narrow.splitlines() if width(line) > 80], [], "at 80 columns no line is wider than 80")
    t.eq(text_shows_bars(jd, narrow), [], "and every row shows the figure its bar draws", )
    t.eq(report("audiences", env={"COLUMNS": None}).out, narrow, "80 columns when nothing says otherwise")
    for kind in ("pipeline", "activity", "audiences", "attention"):
        out = report(kind, env={"COLUMNS": "80"}).out
        t.ok(max(width(line) for line in out.splitlines()) <= 80, "%s: no line wider than 80" % kind, out)
    # At 200 columns a bar stops at 68: the longest ran to about 180 for a
    # count of 7, a line across the screen rather than a chart.
    for kind in ("pipeline", "activity", "audiences"):
        out = report(kind, env={"COLUMNS": "200"}).out
        bars = [len(m) for m in re.findall("[" + BLOCKS + "#]+$", out, re.M)]
        t.ok(bars and max(bars) == 68, "%s at 200 columns: the longest bar is 68 columns (%s)"
             % (kind, max(bars) if bars else None), out)
    # On a terminal its width counts, not COLUMNS.
    lines = on_terminal(["report", "audiences"], 80, {"COLUMNS": "200"})
    t.ok(lines and max(width(line) for line in lines) <= 80, "on an 80-column terminal no line is wider than 80",
         "\n".join(lines))
    _, figs, _ = csv_figures(report("audiences", "--format", "csv", env={"COLUMNS": "80"}).out)
    t.eq(figs, json_figures(jd), "the audiences CSV at 80 columns holds every figure")
    t.eq(json.loads(report("audiences", "--format", "json", env={"COLUMNS": "80"}).out), jd,
         "and the JSON is the same at any width")

    # ---- attention
    r = report("attention", "--format", "json")
    jt = strict_json(r.out)
    summary = {row["key"]: row["values"]["count"] for row in tables(jt)["summary"]["rows"]}
    t.eq(summary, {"stale": 1, "past_review": 1, "no_fit": 3, "overdue": 1}, "what needs attention")
    t.eq([(row["label"], row["values"]["days_quiet"]) for row in tables(jt)["stale"]["rows"]],
         [("Foxtrot College", 100)], "stale: Foxtrot, 100 days quiet")
    t.eq([(row["label"], row["values"]["days_past"]) for row in tables(jt)["past_review"]["rows"]],
         [("Foxtrot College", 20)], "past review by 20 days")
    t.eq([row["label"] for row in tables(jt)["no_fit"]["rows"]], ["Foxtrot College", "Beta School", "Delta Arts"],
         "without a fit assessment")
    t.eq([(row["label"], row["values"]["days_overdue"]) for row in tables(jt)["overdue"]["rows"]],
         [("Alpha Museum", 5)], "an overdue follow-up")
    t.eq(text_agrees(jt, report("attention").out), [], "attention text agrees with JSON")
    # "Stale" alone left the board asking how quiet: the title says the
    # desk's stale_days (90 by default), in the text and the JSON.
    t.ok("Stale: no contact in more than 90 days (days quiet)" in report("attention").out.splitlines(),
         "the stale list's title says its 90 days", report("attention").out)
    t.eq(tables(jt)["stale"].get("title"), "Stale: no contact in more than 90 days (days quiet)",
         "and so does the JSON's")

    # ---- alignment: labels and column names as printed, not as stored
    def table_lines(text, title):
        lines = text.splitlines()
        start = lines.index(title) + 1
        end = lines.index("", start) if "" in lines[start:] else len(lines)
        return lines[start:end]

    e2 = Env(sys.argv[1])
    try:
        cfg = e2.path("channels.yaml")
        with open(cfg, "w", encoding="utf-8") as f:
            f.write("channels: [\"\uc804\ud654\", caf\u00e9, visit]\n")
        for name in ["Plain Library", "Evil\x1b[31mRed", "\uc11c\uc6b8 \ub3c4\uc11c\uad00"]:
            e2.run("--config", cfg, "add", name)
        e2.run("--config", cfg, "log", "Plain", "--channel", "\uc804\ud654", "a call")
        e2.run("--config", cfg, "log", "Plain", "--channel", "caf\u00e9", "coffee")
        r = e2.run("--config", cfg, "report", "attention", env={"COLUMNS": "80"})
        rows = table_lines(r.out, "Without a fit assessment (days since added)")
        t.ok(len(rows) == 3 and "Evil^[[31mRed" in r.out and "\x1b" not in r.out, "a name's ESC shows as ^[", r.out)
        t.eq(sorted(set(width(line) for line in rows)), [width(rows[0])] if rows else [0],
             "labels with an ESC and with Korean line up their figures")
        r = e2.run("--config", cfg, "report", "activity", env={"COLUMNS": "80"})
        head, row = table_lines(r.out, "Interactions per month by channel")
        figures = re.sub("  [" + BLOCKS + "]+$", "", row)
        t.eq(width(head), width(figures), "a Korean or accented channel's heading is as wide as its figures")
        t.ok(head.endswith("total") and re.search(r"\bcaf\u00e9  visit  total$", head), "headings", r.out)
    finally:
        e2.cleanup()

    # ---- a total of 100,000 or more: the total column is as wide as its
    # widest figure (a fixed 5 pushed that row one column out of line)
    def word_ends(line):
        """The display columns where the blank-separated words end."""
        out, col, inword = [], 0, False
        for ch in line + " ":
            if ch == " " and inword:
                out.append(col)
            inword = ch != " "
            col += width(ch)
        return out

    e3 = Env(sys.argv[1])
    try:
        e3.run("add", "Busy Library")
        e3.run("log", "Busy", "--channel", "phone", "a call")
        e3.run("log", "Busy", "--channel", "email", "an email", "--at", "2024-01-15")
        h = sqlite3.connect(e3.db)
        with h:
            h.execute("""INSERT INTO interactions (partner_id, at, channel, staff, text, created, updated)
                         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
                         SELECT partner_id, at, channel, staff, text, created, updated
                           FROM interactions, n WHERE channel = 'phone'""")
        h.close()
        jb = json.loads(e3.run("report", "activity", "--format", "json").out)
        totals = sorted(sum(r["values"].values()) for r in tables(jb)["per_month_by_channel"]["rows"])
        t.eq(totals[-1], 100000, "a month of 100,000 interactions")
        for cols in ("200", "80"):
            out = e3.run("report", "activity", env={"COLUMNS": cols}).out
            rows = [re.sub("  [" + BLOCKS + "]+$", "", line)
                    for line in table_lines(out, "Interactions per month by channel")]
            ends = [word_ends(line)[-len(word_ends(rows[0])):] for line in rows]
            t.ok(rows and rows[0].endswith("total") and all(e == ends[0] for e in ends),
                 "at %s columns the totals, 100000 and 1, end under 'total'" % cols, out)
    finally:
        e3.cleanup()

    # ---- labels take what room the bars can give up: cut at 28 columns
    # beside 160 of bar at 200, and leaving a bar of 3 at 40
    WELSH = "Llyfrgell Genedlaethol Cymru Aberystwyth Ceredigion"
    KOREAN = "\uc11c\uc6b8\ud2b9\ubcc4\uc2dc\ub9bd \uc5b4\ub9b0\uc774\ub3c4\uc11c\uad00 " \
             "\uc885\ud569\uc790\ub8cc\uc2e4 \ubd84\uad00"
    e5 = Env(sys.argv[1])
    try:
        for name in (WELSH, KOREAN, "Short"):
            e5.run("add", name)
        h = sqlite3.connect(e5.db)
        with h:   # added 300, 200 and 100 days ago: bars of three lengths
            h.execute("UPDATE partners SET created = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', (-100 * (4 - id)) || ' days')")
        h.close()
        title = "Without a fit assessment (days since added)"
        for cols in (40, 60, 80, 200):
            out = e5.run("report", "attention", env={"COLUMNS": str(cols)}).out
            rows = table_lines(out, title)
            parts = [re.match(r"^  (.*?) +([0-9]+)  ([" + BLOCKS + "]*)$", line) for line in rows]
            if len(rows) != 3 or not all(parts):
                t.ok(False, "at %d columns three rows of label, figure, bar" % cols, out)
                continue
            labels = [m.group(1) for m in parts]
            whole = {lab: lab in (WELSH, KOREAN, "Short") for lab in labels}
            cut_ok = all(whole[lab] or (lab.endswith("...") and any(n.startswith(lab[:-3]) for n in (WELSH, KOREAN)))
                         for lab in labels)
            t.ok(cut_ok and "\ufffd" not in out, "at %d columns a label is whole or cut on a character" % cols, rows)
            ends = set(width(line[:m.end(2)]) for line, m in zip(rows, parts))
            t.ok(len(ends) == 1, "at %d columns the figures end in one column" % cols, rows)
            t.ok(max(width(line) for line in rows) <= cols, "at %d columns no row is wider than the line" % cols, rows)
            t.ok(max(len(m.group(3)) for m in parts) >= 10, "at %d columns the longest bar keeps 10 columns" % cols, rows)
            if cols >= 80:
                t.ok(WELSH in labels and KOREAN in labels, "at %d columns the long names are whole" % cols, rows)
            else:
                t.ok(min(width(lab) for lab in labels if lab != "Short") >= 10,
                     "at %d columns the cut names keep 10 columns at least" % cols, rows)
    finally:
        e5.cleanup()

    # ---- column keys: a stage named like the audiences table's own columns
    # (partners, macro, micro) made two "partners" and two "micro" in a
    # row's values; JSON kept one, and the 3 active partners read as 0.
    e4 = Env(sys.argv[1])
    try:
        cfg = e4.path("stages.yaml")
        with open(cfg, "w", encoding="utf-8") as f:
            f.write("stages:\n  - name: prospect\n  - name: partners\n  - name: micro\n"
                    "  - name: gone\n    closed: true\n"
                    "transitions:\n  - {from: '*', to: partners}\n  - {from: '*', to: micro}\n"
                    "  - {from: '*', to: gone}\n")
        e4.run("--config", cfg, "add", "A Lib", "--audience", "teens", "--scale", "macro")
        e4.run("--config", cfg, "add", "B Lib", "--audience", "teens", "--scale", "micro")
        e4.run("--config", cfg, "move", "B Lib", "micro", "--reason", "a year together")
        e4.run("--config", cfg, "add", "C Lib", "--audience", "teens")
        e4.run("--config", cfg, "add", "D Lib", "--audience", "teens")
        h = sqlite3.connect(e4.db)
        with h:   # stages an older config had (or a hand edit), named like columns too
            h.execute("UPDATE partners SET stage = 'macro' WHERE name = 'C Lib'")
            h.execute("UPDATE partners SET stage = 'stage:micro' WHERE name = 'D Lib'")
        h.close()
        r = e4.run("--config", cfg, "report", "audiences", "--format", "json")
        try:
            jk = strict_json(r.out)
        except ValueError as e:
            jk = None
            t.ok(False, "audiences JSON: %s" % e, r.out)
        if jk:
            tb = tables(jk)["by_audience"]
            t.ok(len(set(tb["columns"])) == len(tb["columns"]), "no two columns share a key", tb["columns"])
            teens = [row["values"] for row in tb["rows"] if row["key"] == "teens"][0]
            t.eq(len(teens), len(tb["columns"]), "a figure for every column")
            t.eq((teens["partners"], teens["micro"], teens["macro"]), (4, 1, 1),
                 "partners, micro and macro keep their documented keys")
            t.eq((teens["stage:partners"], teens["stage:micro"], teens["stage:macro"]), (0, 1, 1),
                 "the stages named like them are stage:NAME")
            t.eq(teens.get("stage:micro_2"), 1, "and a stage named like that, stage:micro_2")
            _, figs, _ = csv_figures(e4.run("--config", cfg, "report", "audiences", "--format", "csv").out)
            t.eq(figs, json_figures(jk), "and the CSV holds the same figures under the same keys")
    finally:
        e4.cleanup()

    # ---- errors
    r = report("weather")
    t.eq(r.rc, 2, "an unknown report is a usage error")
    t.ok("pipeline" in r.err and "attention" in r.err, "naming the reports", r)
    r = report("--period", "week")
    t.eq(r.rc, 2, "an unknown period is a usage error")
    r = report("--format", "xml")
    t.eq(r.rc, 2, "an unknown format is a usage error")
    r = env.run("--db", env.path("none.db"), "report", db=False)
    t.eq(r.rc, 1, "no database: exit 1")
    t.ok("no database" in r.err, "saying so", r)

    # ---- the approval a marriage needs
    r = env.run("move", "Alpha", "marriage", "--reason", "a year of programs together")
    t.eq(r.rc, 1, "engagement -> marriage without an approval is refused")
    t.eq(r.err.strip(), "partnerdesk: moving to marriage needs an approval (who approved it?); "
         "give --approved-by NAME",
         "and the refusal says an approval is needed")

    # ---- fit in show
    r = env.run("show", "Alpha")
    t.ok("Fit (3 of 30)" in r.out and "mission" in r.out and "a close match" in r.out, "show prints the fit", r.out)
    j = json.loads(env.run("show", "Alpha", "--format", "json").out)
    t.ok(any(f.get("criterion") == "mission" and f.get("score") == 3 for f in j.get("fit", [])),
         "show --format json carries the fit", j.get("fit"))

    # ---- complete
    r = env.run("complete", "partners")
    t.eq(r.out.splitlines(), ["Alpha Museum", "Beta School", "Delta Arts", "Epsilon Library", "Foxtrot College",
                              "Gamma Zoo"], "complete partners lists the names")
    t.eq(env.run("complete", "stages").out.split(), ["glance", "date", "engagement", "marriage", "dissolved"],
         "complete stages")
    t.ok("museum" in env.run("complete", "kinds").out.splitlines(), "complete kinds")
    t.ok({"report", "complete", "show"} <= set(env.run("complete", "commands").out.split()), "complete commands")
    r = env.run("--db", env.path("none.db"), "complete", "partners", db=False)
    t.ok(r.rc == 0 and r.out == "" and r.err == "", "no database: no names and no noise", r)
    t.eq(env.run("complete", "nonsense").rc, 2, "complete refuses what it does not know")
    r = env.run("complete", "contacts")
    t.ok(r.rc == 2 and "complete contacts: which PARTNER?" in r.err, "complete contacts asks which PARTNER", r)
    r = env.run("complete", "contacts", "Alpha", "Museum")
    t.ok(r.rc == 2 and "complete contacts takes one PARTNER; quote a name with spaces" in r.err,
         "complete contacts with two words says to quote a name", r)

    # ---- --excel: the CSV for a spreadsheet, as export and list write it
    plain = report("activity", "--format", "csv").out
    r = report("activity", "--excel")
    t.eq(r.rc, 0, "report --excel")
    t.ok(r.out.startswith("\ufeff") and r.out[1:] == plain, "--excel: a BOM, then the CSV (no cell to guard yet)",
         r.out[:80])
    t.eq(report("activity", "--excel", "--format", "csv").out, r.out, "--excel with --format csv is the same")
    r = report("activity", "--excel", "--format", "json")
    t.ok(r.rc == 2 and "--excel writes CSV, not json" in r.err, "--excel with another format is a usage error", r)
    r = env.run("log", "Alpha", "--by", "=cmd|' /C calc'!A0", "a hostile name")
    t.ok(r.rc == 0, "a call logged by a name a spreadsheet would run", r)
    rows = list(csv.reader(io.StringIO(report("activity", "--excel").out[1:])))
    t.ok(any(row[4] == "'=cmd|' /C calc'!A0" for row in rows), "--excel: the staff member's cell stays text", rows)
    rows = list(csv.reader(io.StringIO(report("activity", "--format", "csv").out)))
    t.ok(any(row[4] == "=cmd|' /C calc'!A0" for row in rows), "plain csv: the name as it is", rows)
finally:
    env.cleanup()
t.done()
