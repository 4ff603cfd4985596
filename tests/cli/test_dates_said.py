"""Dates said as people say them, at `log --follow-up` and `log --at`: a
typo of a date word asks for the word, "end of month" and "friday week"
are read as meant, "3/12" is refused naming both readings and how to
write each. All were refused as "not a date" with only the list of
forms."""
import calendar
import datetime
import sys

from harness import TAP, Env

t = TAP()
env = Env(sys.argv[1])


def follow_up(text):
    return env.run("log", "Harbor", "Asked about the pier permit", "--follow-up", text)


try:
    env.run("add", "Harbor Science Center", "--kind", "museum")
    today = datetime.datetime.now(datetime.timezone.utc).date()   # the harness runs in TZ=UTC

    r = follow_up("tommorow")
    t.ok(r.rc != 0 and 'did you mean "tomorrow"' in r.err, "tommorow asks for tomorrow", r)
    r = follow_up("fridy week")
    t.ok(r.rc != 0 and 'did you mean "friday week"' in r.err, "fridy week asks for friday week", r)

    last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    r = follow_up("end of month")
    t.ok(r.rc == 0 and last.isoformat() in r.out, "end of month is %s" % last, r)
    y, m = divmod(today.month, 12)
    nm = datetime.date(today.year + y, m + 1, 1)
    nlast = nm.replace(day=calendar.monthrange(nm.year, nm.month)[1])
    r = follow_up("end of next month")
    t.ok(r.rc == 0 and nlast.isoformat() in r.out, "end of next month is %s" % nlast, r)
    # A week after the coming Friday, today included, as GNU date reads
    # "fri week" and the British mean "Friday week".
    fri = today + datetime.timedelta(days=(4 - today.weekday()) % 7)
    fw = fri + datetime.timedelta(days=7)
    r = follow_up("friday week")
    t.ok(r.rc == 0 and "Fri " + fw.isoformat() in r.out, "friday week is Fri %s" % fw, r)
    r = follow_up("end of week")
    t.ok(r.rc == 0 and "Fri " + fri.isoformat() in r.out, "end of week is the working week's Friday %s" % fri, r)

    before = env.run("log", "Harbor", "--format", "json").out
    r = follow_up("3/12")
    t.ok(r.rc != 0 and '"3/12" may be 3 December' in r.err and "12 March" in r.err
         and "write Dec 3 or Mar 12" in r.err, "3/12 is refused naming both readings and how to write each", r)
    t.ok(env.run("log", "Harbor", "--format", "json").out == before, "and nothing is logged", r)
    r = follow_up("31/12")
    t.ok(r.rc == 0 and "-12-31" in r.out, "31/12 has one reading and is taken", r)

    r = env.run("log", "Harbor", "Called back", "--at", "yesterdy 15:00")
    t.ok(r.rc != 0 and "did you mean 'yesterday 15:00'" in r.err, "--at yesterdy 15:00 asks for yesterday", r)
    r = env.run("log", "Harbor", "Called back", "--at", "3/12")
    t.ok(r.rc != 0 and "may be 3 December" in r.err and "12 March" in r.err, "--at 3/12 names both readings", r)

    r = env.run("log", "--help")
    t.ok("end of month" in r.out and "friday week" in r.out, "log --help names the new forms", r)
finally:
    env.cleanup()
t.done()
