"""contact, log and agenda end to end: people at a partner, the outreach
log (from arguments and from stdin), every DATE form, the agenda with
overdue first, marking a follow-up done, the current agreements' review
and end dates on the agenda beside the follow-ups."""
import calendar
import datetime
import json
import os
import pty
import re
import signal
import sqlite3
import subprocess
import sys
import time

from harness import TAP, Env, added_id

t = TAP()
env = Env(sys.argv[1])


def add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    m += 1
    return datetime.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def next_weekday(d, wd):
    days = (wd - d.weekday()) % 7
    return d + datetime.timedelta(days=days or 7)


try:
    pid = added_id(env.run("add", "Mid-County Food Bank", "--kind", "nonprofit"))
    other = added_id(env.run("add", "Greenway Botanical Garden", "--kind", "botanical garden"))

    r = env.run("contact", "add", "Mid", "Beatriz Santos", "--title", "Director of Community Programs",
                "--email", "bsantos@example.org", "--phone", "555-0101", "--channel", "email")
    t.eq(r.rc, 0, "contact add exits 0")
    t.ok("outreach" in r.out, "a community title is marked as outreach", r)
    r = env.run("contact", "add", "Mid", "Will Hartman", "--title", "Pantry Manager")
    t.ok(r.rc == 0 and "outreach" not in r.out, "another title is not", r)
    r = env.run("contact", "add", "Mid", "Nobody", "--channel", "carrier pigeon")
    t.eq(r.rc, 1, "an unknown preferred channel fails")
    r = env.run("contact", "add", "Zebra", "Somebody")
    t.eq(r.rc, 1, "contact add to an unknown partner fails")
    r = env.run("contact", "list", "Mid", "--format", "json")
    people = json.loads(r.out)
    t.eq([p["name"] for p in people], ["Beatriz Santos", "Will Hartman"], "contact list, by name")
    t.eq(people[0]["outreach"], True, "contact list marks outreach contacts")
    shown = json.loads(env.run("show", "Mid", "--format", "json").out)["contacts"]
    t.eq(people, sorted(shown, key=lambda c: c["name"]),
         "contact list's json gives each person as show's does, version included")
    r = env.run("contact", "list", "Mid")
    t.ok(r.rc == 0 and "Beatriz Santos" in r.out, "contact list as a table", r)
    for i in range(9):
        env.run("contact", "add", "Mid", "Volunteer %d" % (i + 1))
    lines = env.run("contact", "list", "Mid").out.splitlines()
    t.ok(lines[0].startswith("ID ") and any(l.startswith(" 3  ") for l in lines)
         and any(l.startswith("11  ") for l in lines), "its ids are right-aligned, as list's are", lines)
    # The agenda's table says whom a follow-up is with as the interface's
    # agenda does: "Name: note", or the note alone when it begins with
    # the name (not "Will Hartman: Will Hartman asked...").
    env.run("add", "Market Hall")
    env.run("contact", "add", "Market Hall", "Will Hartman")
    env.run("contact", "add", "Market Hall", "Beatriz Santos")
    ids = []
    for who, note in (("Will", "Will Hartman asked for the spring dates"),
                      ("Beatriz", "Bring the flyers\nand the posters")):
        r = env.run("log", "Market Hall", "--contact", who, "--follow-up", "+1d", note)
        ids.append(r.out.split(":")[0].split()[-1])
    rows = [l for l in env.run("agenda").out.splitlines() if l.lstrip().startswith(tuple(ids))]
    t.ok(any(l.endswith("  Will Hartman asked for the spring dates") for l in rows)
         and not any("Hartman: Will" in l for l in rows),
         "agenda: a note that begins with its person's name is not led by it again", rows)
    t.ok(any(l.endswith("  Beatriz Santos: Bring the flyers") for l in rows),
         "agenda: one that does not is led by 'Name: ', its first line", rows)
    for i in ids:
        env.run("agenda", "done", i)
    # The same name again (another case, other spacing) is added, with a word.
    env.run("add", "Oak Street Pantry")
    first_dana = env.run("contact", "add", "Oak Street", "Dana Ortiz").out.split()[2].rstrip(":")
    r = env.run("contact", "add", "Oak Street", "dana  ORTIZ")
    t.ok(r.rc == 0 and "already has a contact with this name (contact %s)" % first_dana in r.err,
         "a second Dana Ortiz is added, and said", r)
    r = env.run("contact", "add", "Oak Street", "Dana Ortiz-Smith")
    t.ok(r.rc == 0 and "warning" not in r.err, "a longer name is no warning", r)

    # contact --help names the outreach keywords of the config in force.
    r = env.run("contact", "--help")
    t.ok(r.rc == 0 and "engagement, learning" in r.out, "contact --help shows the default keywords", r)
    t.eq([len(l) for l in r.out.splitlines() if len(l) > 80], [], "contact --help fits in 80 columns")
    kw = env.path("kw.yaml")
    with open(kw, "w") as f:
        f.write("outreach_keywords: [docent, curator]\n")
    r = env.run("--config", kw, "contact", "add", "--help")
    t.ok(r.rc == 0 and "Outreach keywords now: docent, curator." in r.out
         and "education" not in r.out, "and the configured ones", r)
    for action in ("edit", "delete", "list"):
        r = env.run("--config", kw, "contact", action, "--help")
        t.ok(r.rc == 0 and "Outreach keywords now: docent, curator." in r.out,
             "contact %s --help names them too" % action, r)
    with open(kw, "w") as f:
        f.write("outreach_keywords: [%s]\n" % ", ".join("keyword number %d" % i for i in range(12)))
    r = env.run("--config", kw, "contact", "--help")
    words = " ".join(r.out.split("Outreach keywords now:")[-1].split())
    t.ok(r.rc == 0 and all(len(l) <= 80 for l in r.out.splitlines())
         and words == ", ".join("keyword number %d" % i for i in range(12)) + ".",
         "a long keyword list is wrapped within 80 columns, every keyword kept", r)
    # The config's text reaches the terminal sanitized, as every other
    # string the commands print: an escape sequence in a keyword is not
    # sent raw (this one would clear the screen).
    with open(kw, "w") as f:
        f.write('outreach_keywords: ["docent\\e[2J", curator]\n')
    r = env.run("--config", kw, "contact", "--help")
    t.ok(r.rc == 0 and "\x1b" not in r.out and "docent" in r.out and "curator." in r.out,
         "a keyword's escape sequence is not printed raw", r)

    r = env.run("log", "Mid", "--contact", "beat", "--channel", "meeting", "--by", "mgarcia",
                "Planned", "the", "summer", "meals")
    t.eq(r.rc, 0, "log exits 0")
    r = env.run("log", "Mid", "--channel", "email", "-", input="Line one\nLine two\n")
    t.eq(r.rc, 0, "log - reads stdin")
    r = env.run("log", "Mid", "-", input="   \n")
    t.eq(r.rc, 2, "an empty note from stdin is a usage error")
    r = env.run("log", "Mid", "--channel", "telepathy", "hmm")
    t.eq(r.rc, 1, "an unknown channel fails")
    t.ok("phone" in r.err and "email" in r.err, "listing the channels", r)
    r = env.run("log", "Mid", "--contact", "Zed", "hmm")
    t.eq(r.rc, 1, "an unknown contact fails")
    r = env.run("log", "Zebra", "hmm")
    t.eq(r.rc, 1, "log to an unknown partner fails")

    j = json.loads(env.run("show", str(pid), "--format", "json").out)
    its = j["interactions"]
    t.eq(len(its), 2, "two notes logged")
    first = [i for i in its if i["channel"] == "meeting"][0]
    t.eq(first["text"], "Planned the summer meals", "TEXT words are joined")
    t.eq(first["contact"], "Beatriz Santos", "--contact by prefix")
    t.eq(first["by"], "mgarcia", "--by names the staff member")
    t.ok(first["at"].endswith("Z"), "at is ISO 8601 UTC")
    t.eq([i for i in its if i["channel"] == "email"][0]["text"], "Line one\nLine two",
         "a note from stdin keeps its lines")

    # A note saved on Windows (CRLF) is stored with the desk's own line
    # ends: a CR left in would show as ^M in show and the agenda. (A CR
    # alone ends no line: test_sanitize keeps it exactly.)
    r = env.run("log", "Mid", "--follow-up", "+1d", "-",
                input=b"Called about Tuesdays.\r\nThey said yes.\r\nBring forms.\r\n")
    t.eq(r.rc, 0, "log - reads a note with CRLF line ends")
    its = json.loads(env.run("show", str(pid), "--format", "json").out)["interactions"]
    t.eq([i["text"] for i in its if i["text"].startswith("Called about Tuesdays")],
         ["Called about Tuesdays.\nThey said yes.\nBring forms."], "stored with LF line ends")
    r = env.run("agenda")
    t.ok("Called about Tuesdays." in r.out and "^M" not in r.out, "the agenda shows no ^M", r)
    r = env.run("show", str(pid))
    t.ok("They said yes." in r.out and "^M" not in r.out, "nor does show", r)
    env.run("agenda", "done", str(max(i["id"] for i in its)))

    # DATE forms, through --follow-up
    today = datetime.date.today()
    forms = {
        "2031-12-01": datetime.date(2031, 12, 1),
        "today": today,
        "tomorrow": today + datetime.timedelta(days=1),
        "fri": next_weekday(today, 4),
        "monday": next_weekday(today, 0),
        "+3d": today + datetime.timedelta(days=3),
        "+2w": today + datetime.timedelta(days=14),
        "+1m": add_months(today, 1),
        "yesterday": today - datetime.timedelta(days=1),
        "-3d": today - datetime.timedelta(days=3),
        "+1y": add_months(today, 12),
        "next fri": next_weekday(today, 4),
        "in 2 weeks": today + datetime.timedelta(days=14),
        "in a month": add_months(today, 1),
        # as said on a call or read off an email ("not a date" before)
        "this fri": today + datetime.timedelta(days=(4 - today.weekday()) % 7),
        "in 2 weeks' time": today + datetime.timedelta(days=14),
        "2 weeks from now": today + datetime.timedelta(days=14),
        "sat 5 dec 2037": datetime.date(2037, 12, 5),
        "the 5th of December 2037": datetime.date(2037, 12, 5),
    }
    for text, want in forms.items():
        r = env.run("log", "Greenway", "--follow-up", text, "date form " + text)
        if not t.eq(r.rc, 0, "--follow-up %s accepted" % text):
            continue
        its = json.loads(env.run("show", str(other), "--format", "json").out)["interactions"]
        got = [i["follow_up"] for i in its if i["text"] == "date form " + text]
        t.eq(got, [want.isoformat()], "DATE %s is %s" % (text, want))
        said = "follow up %s %s\n" % (want.strftime("%a"), want.isoformat())
        t.ok(r.out.endswith(said), "and log says it with its weekday: %s" % said.strip(), r)
    # 13/01/2026 is a date (13 is no month); 03/01/2026 may be either.
    for bad in ["2026-02-30", "someday", "+3x", "03/01/2026", "31/02/2026"]:
        r = env.run("log", "Greenway", "--follow-up", bad, "nope")
        t.eq(r.rc, 2, "DATE %r is refused as a usage error" % bad)
    # A weekday that is not the day's is refused naming the day's.
    r = env.run("log", "Greenway", "--follow-up", "fri 5 dec 2037", "nope")
    t.eq(r.rc, 2, "DATE 'fri 5 dec 2037' is refused as a usage error")
    t.ok('"fri 5 dec 2037": 2037-12-05 is a Saturday, not a Friday' in r.err, "naming the day's weekday", r)
    # A relative date past 0001-01-01..9999-12-31 is refused in the words
    # typed, with the range: never clamped, never a "0000-11-23" nobody typed.
    for far in ["-100000y", "+100000y", "+3000000d"]:
        r = env.run("log", "Greenway", "--follow-up", far, "too far")
        t.eq(r.rc, 2, "DATE %r is refused as a usage error" % far)
        t.ok('"%s" is out of range' % far in r.err and "0001-01-01 and 9999-12-31" in r.err
             and "0000-" not in r.err, "naming what was typed and the range", r)

    # --at
    r = env.run("log", "Greenway", "--at", "2021-01-15 09:30", "past visit")
    t.eq(r.rc, 0, "--at 'DATE HH:MM'")
    r = env.run("log", "Greenway", "--at", "2021-01-16T10:00:00Z", "iso")
    t.eq(r.rc, 0, "--at ISO time")
    its = json.loads(env.run("show", str(other), "--format", "json").out)["interactions"]
    t.eq([i["at"] for i in its if i["text"] == "past visit"], ["2021-01-15T09:30:00Z"], "--at local time (TZ=UTC)")
    t.eq([i["at"] for i in its if i["text"] == "iso"], ["2021-01-16T10:00:00Z"], "--at keeps an ISO time")
    # As said of a call: "at" before the time, minutes or hours ago
    # ("give the time as HH:MM" before).
    r = env.run("log", "Greenway", "--at", "20 jan 2021 at 3pm", "said at")
    t.ok(r.rc == 0, "--at '20 jan 2021 at 3pm'", r)
    start = time.time()
    r = env.run("log", "Greenway", "--at", "an hour ago", "an hour ago")
    t.ok(r.rc == 0, "--at 'an hour ago'", r)
    its = json.loads(env.run("show", str(other), "--format", "json").out)["interactions"]
    t.eq([i["at"] for i in its if i["text"] == "said at"], ["2021-01-20T15:00:00Z"], "--at ... at 3pm")
    ago = [i["at"] for i in its if i["text"] == "an hour ago"]
    got = datetime.datetime.strptime(ago[0], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc).timestamp() if ago else 0
    t.ok(start - 3600 - 1 <= got <= time.time() - 3600 + 1, "--at 'an hour ago' is an hour before now: %s" % ago)

    # --at after today is a typo (2027 for 2026): refused, nothing logged,
    # so "last contact" never lies about the future.
    before = json.loads(env.run("show", str(other), "--format", "json").out)["interactions"]
    for when in ["2099-01-01", "+1d", "tomorrow 09:00", "2099-01-01T10:00:00Z"]:
        r = env.run("log", "Greenway", "--at", when, "from the future")
        t.ok(r.rc == 2 and "after today" in r.err, "--at %s (after today) is refused" % when, r)
        # said back as typed: a day alone as a day, not as the noon it means
        said = re.search(r"is after today \(([^)]*)\)", r.err)
        t.ok(said is not None and (":" in said.group(1)) == (" " in when or "T" in when),
             "--at %s: the time is named only when one was typed" % when, r)
    after = json.loads(env.run("show", str(other), "--format", "json").out)["interactions"]
    t.eq(len(after), len(before), "nothing was logged from the future")
    r = env.run("log", "Greenway", "--at", "today 23:59", "later today")
    t.ok(r.rc == 0 and r.err == "", "--at later today is allowed (clock slack)", r)
    r = env.run("log", "Greenway", "--at", "yesterday", "yesterday's call")
    t.ok(r.rc == 0 and r.err == "", "--at yesterday is fine", r)

    # A follow-up already past is kept but said out loud.
    r = env.run("log", "Greenway", "--follow-up", "2021-01-01", "typo follow-up")
    t.eq(r.rc, 0, "--follow-up in the past is accepted")
    t.ok("follow-up 2021-01-01 is already past; it shows as overdue" in r.err,
         "with a one-line warning on stderr", r)
    t.eq(len(r.err.strip().splitlines()), 1, "one line")
    env.run("agenda", "done", r.out.split(":")[0].split()[-1])   # out of the agenda checks below
    r = env.run("log", "Greenway", "--follow-up", "today", "due today")
    t.ok(r.rc == 0 and r.err == "", "a follow-up today is no warning", r)

    # agenda: overdue first
    env.run("log", "Mid", "--follow-up", "-5d", "overdue thing")
    env.run("log", "Mid", "--follow-up", "+2d", "soon thing")
    env.run("log", "Mid", "--follow-up", "+30d", "far thing")
    r = env.run("agenda")
    t.eq(r.rc, 0, "agenda exits 0")
    lines = r.out.splitlines()
    t.ok("overdue thing" in lines[1], "the overdue follow-up comes first", r)
    t.ok("overdue" in lines[1], "marked overdue", r)
    t.ok("far thing" not in r.out, "a follow-up beyond --days is left out", r)
    r = env.run("agenda", "--days", "60", "--format", "json")
    items = json.loads(r.out)
    texts = [i["text"] for i in items]
    t.ok("far thing" in texts, "--days widens the window")
    dates = [i["date"] for i in items]
    t.eq(dates, sorted(dates), "agenda json is in date order")
    t.eq(items[0]["overdue"], True, "the first item is overdue")
    t.ok(all(k in items[0] for k in ["kind", "date", "days", "partner", "partner_id", "interaction_id"]),
         "agenda json items carry their fields")

    od = [i for i in items if i["text"] == "overdue thing"][0]
    r = env.run("agenda", "done", str(od["interaction_id"]))
    t.eq(r.rc, 0, "agenda done exits 0")
    items = json.loads(env.run("agenda", "--days", "60", "--format", "json").out)
    t.ok("overdue thing" not in [i["text"] for i in items], "a done follow-up leaves the agenda")
    its = json.loads(env.run("show", str(pid), "--format", "json").out)["interactions"]
    t.eq([i["done"] for i in its if i["text"] == "overdue thing"], [True], "and is marked done")
    r = env.run("agenda", "done", str(od["interaction_id"]))
    t.eq(r.rc, 1, "marking it done twice fails")
    r = env.run("agenda", "done", "99999")
    t.eq(r.rc, 1, "agenda done of an unknown id fails")

    # A done-mark made by mistake can be taken back.
    r = env.run("agenda", "undone", str(od["interaction_id"]))
    t.eq(r.rc, 0, "agenda undone exits 0")
    t.ok("reopened" in r.out, "agenda undone says so", r)
    items = json.loads(env.run("agenda", "--days", "60", "--format", "json").out)
    t.ok("overdue thing" in [i["text"] for i in items], "a reopened follow-up is back on the agenda")
    its = json.loads(env.run("show", str(pid), "--format", "json").out)["interactions"]
    t.eq([i["done"] for i in its if i["text"] == "overdue thing"], [False], "and is open again")
    r = env.run("agenda", "undone", str(od["interaction_id"]))
    t.eq(r.rc, 1, "reopening an open follow-up fails")
    t.ok("open already" in r.err, "and says it is open already", r)

    # Agreements: the current one's review and end dates are on the agenda,
    # in words of their own, sorted with the follow-ups; a dissolved
    # partner's and a replaced agreement's are not.
    today = datetime.date.today()
    def day(n):
        return (today + datetime.timedelta(days=n)).isoformat()
    backup = env.path("agreements.yaml")
    with open(backup, "w") as f:
        f.write("partnerdesk-backup: 1\npartners:\n"
                "- name: Riverside Museum\n  stage: date\n"
                "  interactions:\n  - at: \"2026-01-05T10:00:00Z\"\n    text: call about the docents\n"
                "    follow_up: \"%s\"\n"
                "  agreements:\n  - stage: date\n    title: Docent nights\n"
                "    review_date: \"%s\"\n    end_date: \"%s\"\n"
                "- name: Lincoln School\n  stage: marriage\n"
                "  agreements:\n  - stage: marriage\n    title: Class visits\n    end_date: \"%s\"\n"
                "    created: \"2026-01-02T00:00:00Z\"\n"
                "  - stage: marriage\n    end_date: \"%s\"\n    created: \"2025-01-02T00:00:00Z\"\n"
                "- name: Old Mill\n  stage: dissolved\n"
                "  agreements:\n  - stage: dissolved\n    review_date: \"%s\"\n"
                % (day(-1), day(-4), day(3), day(-2), day(-30), day(-6)))
    adb = env.path("agreements.db")
    r = env.run("--db", adb, "import", backup, db=False)
    t.eq(r.rc, 0, "a desk with agreements")
    r = env.run("--db", adb, "agenda", db=False)
    lines = r.out.splitlines()
    t.eq(len(lines), 5, "a heading, the follow-up, two reviews and an end: %r" % lines)
    t.ok(lines[0].split() == ["LOG", "DATE", "DUE", "PARTNER", "NAME", "WHAT"],
         "the columns name their ids: the log entry, the partner", r)
    ids = {p["name"]: str(p["id"])
           for p in json.loads(env.run("--db", adb, "list", "--format", "json", db=False).out)}
    # An agreement's row has no log entry ('agenda done' takes follow-ups
    # only) but has its partner's id, as every row does.
    t.ok(lines[1].split() == [day(-4), "4", "days", "overdue", ids["Riverside Museum"], "Riverside", "Museum",
                              "Agreement", "review:", "Docent", "nights"], "the overdue agreement review first", r)
    t.ok(lines[2].split() == [day(-2), "2", "days", "overdue", ids["Lincoln School"], "Lincoln", "School",
                              "Agreement", "ended:", "Class", "visits"], "then an agreement that has ended", r)
    t.ok(lines[3].split()[0].isdigit() and lines[3].split()[1:] == [day(-1), "1", "day", "overdue",
         ids["Riverside Museum"], "Riverside", "Museum", "call", "about", "the", "docents"],
         "a follow-up as before, with its log entry and its partner", r)
    t.ok(lines[4].split() == [day(3), "in", "3", "days", ids["Riverside Museum"], "Riverside", "Museum",
                              "Agreement", "ends:", "Docent", "nights"], "and the end inside --days", r)
    # A stage review's row: its partner's id is what 'edit --review'
    # takes to settle it.
    r = env.run("--db", adb, "edit", "Lincoln School", "--review", "-3d", db=False)
    t.eq(r.rc, 0, "Lincoln School's review is past")
    row = [l for l in env.run("--db", adb, "agenda", db=False).out.splitlines() if "Marriage review" in l]
    t.ok(len(row) == 1 and row[0].split()[:6] == [day(-3), "3", "days", "overdue", ids["Lincoln School"],
         "Lincoln"] and row[0].startswith(" "), "a stage review's row: no log entry, the partner's id", row)
    r = env.run("--db", adb, "edit", row[0].split()[4], "--review", "+90d", db=False)
    r = env.run("--db", adb, "agenda", db=False)
    t.ok("Marriage review" not in r.out, "that id settles the review with edit --review", r)
    t.ok("Old Mill" not in r.out, "a dissolved partner's agreement is left out", r)
    r = env.run("--db", adb, "agenda", "--days", "2", db=False)
    t.ok("Agreement ends" not in r.out and "Agreement review" in r.out, "an end beyond --days waits", r)
    items = json.loads(env.run("--db", adb, "agenda", "--format", "json", db=False).out)
    t.eq([i["kind"] for i in items], ["agreement_review", "agreement_end", "follow_up", "agreement_end"],
         "json kinds: agreement_review, agreement_end")
    t.ok(all(isinstance(i["agreement_id"], int) for i in items if i["kind"].startswith("agreement")),
         "agreement items name their agreement")
    fu = [i for i in items if i["kind"] == "follow_up"][0]
    t.eq(sorted(fu), sorted(["kind", "date", "days", "overdue", "partner_id", "partner", "stage",
                             "interaction_id", "contact", "contact_removed", "text"]),
         "a follow-up's json keys as before, and contact_removed")
    t.eq(fu["contact_removed"], False, "contact_removed: false while the person is on the list")
    t.eq([i["text"] for i in items if i["partner"] == "Lincoln School"], ["Agreement ended: Class visits"],
         "the newest agreement only: a replaced one is settled")
    r = env.run("--db", adb, "move", "Riverside", "engagement", "--reason", "a season", "--review", "+60d",
                db=False)
    t.eq(r.rc, 0, "the museum moves on")
    r = env.run("--db", adb, "agenda", db=False)
    t.ok("Docent nights" not in r.out, "an agreement for a stage left behind leaves the agenda", r)
    r = env.run("agenda", "undone", "99999")
    t.eq(r.rc, 1, "agenda undone of an unknown id fails")

    # An empty agenda says so in words that read right for any --days.
    quiet = env.path("quiet.db")
    env.run("--db", quiet, "add", "Quiet Hall", db=False)
    said = [env.run("--db", quiet, "agenda", "--days", d, db=False).out for d in ("0", "1", "7")]
    t.eq(said, ["nothing due today\n", "nothing due today or tomorrow\n", "nothing due in the next 7 days\n"],
         "an empty agenda: 'today', 'today or tomorrow', 'in the next 7 days'")

    # Two contacts with one name: the list tells them apart and #ID picks one.
    env.run("add", "City Zoo")
    keeper = int(env.run("contact", "add", "City Zoo", "Sam Lee", "--title", "Keeper").out.split(":")[0].split()[-1])
    educator = int(env.run("contact", "add", "City Zoo", "Sam Lee", "--title", "Educator",
                           "--email", "sam@zoo.example").out.split(":")[0].split()[-1])
    r = env.run("log", "City Zoo", "--contact", "Sam Lee", "which one")
    t.eq(r.rc, 1, "an ambiguous contact name fails")
    t.ok("#%d Sam Lee, Keeper" % keeper in r.err and "#%d Sam Lee, Educator <sam@zoo.example>" % educator in r.err,
         "listing the candidates with their titles", r)
    t.ok("--contact '#ID'" in r.err, "and how to pick one", r)

    def contact_of(text):
        con = sqlite3.connect("file:%s?mode=ro" % env.db, uri=True)
        try:
            return con.execute("select contact_id from interactions where text = ?", (text,)).fetchone()[0]
        finally:
            con.close()

    r = env.run("log", "City Zoo", "--contact", "#%d" % educator, "talked to the educator")
    t.eq(r.rc, 0, "--contact '#ID' is accepted")
    t.eq(contact_of("talked to the educator"), educator, "and picks that contact")
    r = env.run("log", "City Zoo", "--contact", str(keeper), "talked to the keeper")
    t.eq(r.rc, 0, "--contact with a bare id is accepted, as PARTNER is")
    t.eq(contact_of("talked to the keeper"), keeper, "and picks that contact")
    beatriz = [p["id"] for p in people if p["name"] == "Beatriz Santos"][0]
    r = env.run("log", "City Zoo", "--contact", "#%d" % beatriz, "wrong partner")
    t.ok(r.rc == 1 and "no contact #%d" % beatriz in r.err and "Keeper" in r.err,
         "another partner's contact id is refused, listing this partner's", r)
    r = env.run("log", "City Zoo", "--contact", "Beatriz", "wrong partner")
    t.eq(r.rc, 1, "another partner's contact name is refused")

    # A note on stdin that a C string would cut at its first NUL (UTF-16
    # as Notepad's "Unicode" saves it, with or without a mark; any NUL) is
    # refused whole, exit 1, nothing logged; it cannot be kept as a shell
    # here-document, so it is shown instead (or left in the file it is in).
    def n_logged():
        con = sqlite3.connect("file:%s?mode=ro" % env.db, uri=True)
        try:
            return con.execute("select count(*) from interactions").fetchone()[0]
        finally:
            con.close()

    def kept_files():
        d = os.path.join(env.data, "partnerdesk", "kept")
        return sorted(os.listdir(d)) if os.path.isdir(d) else []

    before = n_logged()
    note = "Called about the summer reading programme"
    for label, data, enc in (("UTF-16LE without a mark", note.encode("utf-16-le"), "UTF-16LE"),
                             ("UTF-16 with a mark", note.encode("utf-16"), "UTF-16"),
                             ("UTF-16BE without a mark", note.encode("utf-16-be"), "UTF-16BE")):
        r = env.run("log", "City Zoo", "-", input=data)
        t.ok(r.rc == 1 and "UTF-16" in r.err and "iconv -f %s -t UTF-8" % enc in r.err,
             "a %s note is refused, saying how to convert it" % label, r)
        t.ok(note in r.err, "and shown, read as UTF-16", r)
    r = env.run("log", "City Zoo", "-", input=b"first part\0second part\n")
    t.ok(r.rc == 1 and "NUL byte (byte 11)" in r.err and "logged" not in r.out,
         "a note holding a NUL byte is refused", r)
    t.ok("first part^@second part" in r.err, "and shown whole, the NUL as ^@", r)
    with open(env.path("nul-note.txt"), "wb") as f:
        f.write(b"in a file\0after it\n")
    with open(env.path("nul-note.txt"), "rb") as f:
        p = subprocess.run([env.exe, "--db", env.db, "log", "City Zoo", "-"], stdin=f,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env.env, timeout=60)
    err = p.stderr.decode("utf-8", "replace")
    t.ok(p.returncode == 1 and "still in the file" in err, "read from a file, it is left there", err)
    t.eq(n_logged(), before, "none of them logged anything (not even its first letter)")
    t.eq(kept_files(), [], "nor kept a note cut at the NUL")

    # `log PARTNER -` typed at a terminal, the SSH session dropped (or
    # Ctrl-C, a shutdown) before Ctrl-D: the lines it had read are kept,
    # not logged (the note was not finished) and not lost.
    def proc_field(pid, name, key):
        try:
            with open("/proc/%d/%s" % (pid, name)) as f:
                text = f.read()
        except OSError:
            return ""
        for line in text.splitlines():
            if line.startswith(key):
                return line[len(key):].strip()
        return text.strip()

    def wait_until(pred):
        deadline = time.time() + 30
        while time.time() < deadline and not pred():
            time.sleep(0.01)
        return pred()

    for sig in (signal.SIGHUP, signal.SIGINT, signal.SIGTERM):
        for f in kept_files():
            os.unlink(os.path.join(env.data, "partnerdesk", "kept", f))
        before = n_logged()
        master, slave = pty.openpty()
        p = subprocess.Popen([env.exe, "--db", env.db, "log", "City Zoo", "-"], stdin=slave,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env.env)
        os.close(slave)
        # Waiting in read() on the terminal, then the typed line taken in.
        wait_until(lambda: proc_field(p.pid, "wchan", "") in ("wait_woken", "n_tty_read"))
        read_before = int(proc_field(p.pid, "io", "rchar:") or 0)
        line = b"Principal wants 3 class visits in March\n"
        os.write(master, line)
        wait_until(lambda: int(proc_field(p.pid, "io", "rchar:") or 0) >= read_before + len(line))
        os.write(master, b"and a librarian at the spring")   # never finished
        p.send_signal(sig)
        out, err = p.communicate(timeout=60)
        os.close(master)
        name = signal.Signals(sig).name
        t.eq(p.returncode, 128 + sig, "%s while the note is typed: ends as the signal would" % name)
        t.eq(n_logged(), before, "%s: the unfinished note is not logged" % name)
        files = kept_files()
        t.eq(len(files), 1, "%s: the lines read so far are kept in one file" % name)
        if files:
            path = os.path.join(env.data, "partnerdesk", "kept", files[0])
            with open(path) as f:
                script = f.read()
            t.ok("Principal wants 3 class visits in March" in script
                 and "before the note was finished" in script,
                 "%s: the kept file holds them and says why" % name, script)
            if sig == signal.SIGHUP:
                r = subprocess.run(["sh", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env=env.env, timeout=60)
                t.ok(r.returncode == 0 and n_logged() == before + 1 and not os.path.exists(path),
                     "and sh FILE logs them and removes the file", r.stderr)

    # check lists a kept note by the local minute it was kept at (the file
    # says UTC), and one whose time can't be read as "(time unknown)".
    for f in kept_files():
        os.unlink(os.path.join(env.data, "partnerdesk", "kept", f))
    kdir = os.path.join(env.data, "partnerdesk", "kept")
    os.makedirs(kdir, exist_ok=True)
    for fname, stamp in (("timed.sh", "at 2026-11-23T16:21:05Z"), ("untimed.sh", "at some point")):
        with open(os.path.join(kdir, fname), "w") as f:
            f.write("#!/bin/sh\n# partnerdesk kept this note %s: the desk was busy\n"
                    "partnerdesk log 'Ty Gwyn' <<'EOF' && rm -f -- \"$0\"\nMet the head\nEOF\n" % stamp)
    for tz, minute in (("UTC", "2026-11-23 16:21"), ("EST+5", "2026-11-23 11:21"),
                       ("IST-5:30", "2026-11-23 21:51")):
        r = env.run("check", env={"TZ": tz})
        t.ok("2 notes kept, not yet logged" in r.out and "\n  %s  (partner unknown)  " % minute in r.out
             and "\n  (time unknown)  (partner unknown)  " in r.out,
             "check, TZ=%s: the kept note's time is the local %s" % (tz, minute), r)

    # A server's file size limit (ulimit -f) met by the write: the command
    # says why and keeps a note read from stdin; SIGXFSZ killed it, the
    # note gone with it.
    import resource
    r = env.run("add", "Size Limit Library")
    t.ok(r.rc == 0, "a partner for the limit", r)

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))
    e = dict(env.env)
    p = subprocess.run([env.exe, "--db", env.db, "log", "Size Limit Library", "-"],
                       input=b"Said yes to the summer reading stand\n", stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=e, timeout=60, preexec_fn=small_files)
    err = p.stderr.decode("utf-8", "replace")
    t.ok(p.returncode == 1, "past the file size limit log fails, not killed (rc %d)" % p.returncode, err)
    t.ok("file size limit" in err, "saying why", err)
    kdir = os.path.join(env.data, "partnerdesk", "kept")
    kept = [f for f in os.listdir(kdir)] if os.path.isdir(kdir) else []
    t.ok(any("Said yes to the summer reading stand" in open(os.path.join(kdir, f)).read() for f in kept),
         "and the note is kept in a file: %s" % kept)
    # A channel a letter off is named ("emial"), as a stage or an option
    # is; the entry is not logged on the guess.
    before = len(json.loads(env.run("show", "Mid", "--format", "json").out)["interactions"])
    r = env.run("log", "Mid", "--channel", "emial", "Sent the flyer")
    t.ok(r.rc == 1 and "'emial' is not a channel (did you mean 'email'?); the channels are: phone, email"
         in r.err, "a mistyped channel names the one meant", r)
    # Only what a typo makes: "letter" is three letters off "other", no
    # typo of it; "e-mail" and "meet" (cut short) are the channels meant.
    r = env.run("log", "Mid", "--channel", "letter", "Sent the flyer")
    t.ok(r.rc == 1 and "'letter' is not a channel; the channels are" in r.err and "did you mean" not in r.err,
         "a word that is no typo of a channel gets no guess", r)
    for typed, meant in (("e-mail", "email"), ("meet", "meeting")):
        r = env.run("log", "Mid", "--channel", typed, "Sent the flyer")
        t.ok(r.rc == 1 and "(did you mean '%s'?)" % meant in r.err, "'%s' names %s" % (typed, meant), r)
    r = env.run("contact", "add", "Mid", "Dee Visit", "--channel", "vist")
    t.ok(r.rc == 1 and "(did you mean 'visit'?)" in r.err, "so does a person's channel", r)
    t.eq(len(json.loads(env.run("show", "Mid", "--format", "json").out)["interactions"]), before,
         "and nothing was logged")
finally:
    env.cleanup()
t.done()
