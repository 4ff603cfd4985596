"""log --edit ID: a logged entry corrected in place. Only what is given
changes (the note, the channel, the person, the time, the follow-up, or
none of either); who logged it stays; the audit keeps what it was; IDs
are those agenda and show --format json print; what cannot be is refused
with nothing changed."""
import datetime
import json
import sys

from harness import TAP, Env, added_id

t = TAP()
env = Env(sys.argv[1])


def entry(partner, iid):
    r = env.run("show", partner, "--format", "json")
    return [i for i in json.loads(r.out)["interactions"] if i["id"] == iid][0]


try:
    added_id(env.run("add", "Ty Gwyn Library", "--kind", "library"))
    env.run("contact", "add", "Ty Gwyn", "Mair Jones")
    r = env.run("log", "Ty Gwyn", "--by", "mgarcia", "--follow-up", "tomorrow", "Left a voicmail")
    t.eq(r.rc, 0, "log exits 0")
    iid = int(r.out.split()[1].rstrip(":"))
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    agenda = json.loads(env.run("agenda", "--format", "json").out)
    t.ok(any(a["interaction_id"] == iid for a in agenda), "the agenda prints the entry's id", agenda)

    r = env.run("log", "--edit", str(iid), "Left a voicemail for Mair")
    t.eq(r.rc, 0, "log --edit with a TEXT exits 0")
    t.ok("corrected %d" % iid in r.out, "and says which entry it corrected", r)
    e = entry("Ty Gwyn", iid)
    t.eq(e["text"], "Left a voicemail for Mair", "the note is corrected")
    t.eq((e["channel"], e["follow_up"], e["by"]), ("phone", tomorrow, "mgarcia"),
         "the rest stays, who logged it too")
    r = env.run("show", "Ty Gwyn", "--format", "json")
    t.eq(len(json.loads(r.out)["interactions"]), 1, "no entry is added")

    next_week = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()
    r = env.run("log", "--edit", "#%d" % iid, "--channel", "email", "--contact", "mair",
                "--follow-up", "+1w")
    t.eq(r.rc, 0, "log --edit #ID with options exits 0")
    e = entry("Ty Gwyn", iid)
    t.eq((e["channel"], e["contact"], e["follow_up"], e["text"]),
         ("email", "Mair Jones", next_week, "Left a voicemail for Mair"),
         "channel, person and follow-up corrected, the note kept")

    r = env.run("log", "--edit", str(iid), "-", input="Emailed Mair\r\nabout the stall\n")
    t.eq(r.rc, 0, "log --edit ID - reads the note from stdin")
    t.eq(entry("Ty Gwyn", iid)["text"], "Emailed Mair\nabout the stall", "with plain line ends")

    r = env.run("log", "--edit", str(iid), "--contact", "none", "--follow-up", "none")
    t.eq(r.rc, 0, "--contact none and --follow-up none exit 0")
    e = entry("Ty Gwyn", iid)
    t.eq((e["contact"], e["follow_up"]), (None, None), "and clear them")
    agenda = json.loads(env.run("agenda", "--format", "json").out)
    t.ok(not any(a["interaction_id"] == iid for a in agenda), "the entry leaves the agenda", agenda)

    r = env.run("log", "--edit", str(iid), "--at", "yesterday 15:00")
    t.eq(r.rc, 0, "--at corrects when it happened")
    yday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    t.ok(entry("Ty Gwyn", iid)["at"].startswith(yday[:8]), "to yesterday", entry("Ty Gwyn", iid))

    r = env.run("audit", "--format", "json")
    changes = [c for a in json.loads(r.out) if a.get("entity") == "interaction" for c in a.get("changes", [])]
    t.ok(any(c["field"] == "text" and c["old"] == "Left a voicmail" and c["new"] == "Left a voicemail for Mair"
             for c in changes), "the audit trail keeps what the note was", changes)

    before = entry("Ty Gwyn", iid)
    for args, rc, why in [
        (["--edit", str(iid)], 2, "nothing to change is a usage error"),
        (["--edit", "abc", "x"], 2, "an ID that is no number"),
        (["--edit", "999", "x"], 1, "an ID that is no entry"),
        (["--edit", str(iid), "--channel", "pigeon"], 1, "an unknown channel"),
        (["--edit", str(iid), "--contact", "Nobody"], 1, "a person the partner has not"),
        (["--edit", str(iid), "--by", "someone", "x"], 2, "--by cannot change who logged it"),
        (["--edit", str(iid), "--at", "2099-01-01"], 2, "a time after today"),
    ]:
        r = env.run("log", *args)
        t.eq(r.rc, rc, "refused: " + why)
        t.ok(r.err.strip() != "", "with a message: " + why, r)
    r = env.run("log", "--edit", "999", "x")
    t.ok("no log entry 999" in r.err, "an unknown ID is named", r)
    t.eq(entry("Ty Gwyn", iid), before, "nothing was changed by the refusals")
    r = env.run("log", "--edit", str(iid), "-", input="   \n")
    t.eq(r.rc, 2, "an empty note is refused (a note stays)")
    t.eq(entry("Ty Gwyn", iid)["text"], before["text"], "and the note is kept")

    # An entry whose person was removed keeps their name through an edit
    # that leaves the person alone; --contact none clears it.
    env.run("contact", "add", "Ty Gwyn", "Ifan Rhys")
    r = env.run("log", "Ty Gwyn", "--contact", "Ifan", "Asked about the hall")
    gone = int(r.out.split()[1].rstrip(":"))
    r = env.run("contact", "delete", "Ty Gwyn", "Ifan", "--force")
    t.eq(r.rc, 0, "Ifan removed, his entry kept")
    r = env.run("log", "--edit", str(gone), "Asked about the hall for May")
    e = entry("Ty Gwyn", gone)
    t.eq((r.rc, e["contact"], e.get("contact_removed")), (0, "Ifan Rhys", True),
         "an edit of the note keeps the removed person's name")
    r = env.run("log", "--edit", str(gone), "--contact", "none")
    e = entry("Ty Gwyn", gone)
    t.eq((r.rc, e["contact"], e.get("contact_removed")), (0, None, False),
         "--contact none clears the removed person's name too")

    r = env.run("log", "--help")
    t.ok("--edit ID" in r.out, "log --help says --edit", r)
finally:
    env.cleanup()
t.done()
