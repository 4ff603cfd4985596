"""show on a terminal lays a long field (mission, notes, a log entry's
text) out as its card does: wrapped at spaces within the terminal's width
(and 80 columns), the lines it wraps onto hanging under the value's
indent. One long line each before, which the terminal folded to column 0,
through the labels. To a pipe every field is byte for byte as before: one
line each, for grep and scripts."""
import os
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402


def columns(line):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def shown_lines(raw):
    return raw.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "").splitlines()


MISSION = ("Hands-on science learning for every age along the river, with summer camps, "
           "teacher workshops and a travelling planetarium that visits rural schools.")
NOTES = ("Met Priya at the Caf\u00e9 Ol\u00e9 open house; she wants a joint teen program in "
         "spring and asked for the branch calendar before the board meets in January.\n"
         "Second line: short.")
CALL = ("Talked about a teen robotics night in March at the Northside branch; she will "
        "check the makerspace dates and send the insurance certificate.")

t = TAP()
env = Env(sys.argv[1])
try:
    r = env.run("add", "Harbor Science Center", "--kind", "science center",
                "--notes", NOTES)
    t.eq(r.rc, 0, "a partner with long notes")
    t.eq(env.run("edit", "Harbor", "--mission", MISSION).rc, 0, "and a long mission")
    t.eq(env.run("log", "Harbor", "--channel", "phone", CALL).rc, 0, "and a long call")

    lines = shown_lines(env.run_on_tty("show", "Harbor", stdout_too=True, cols=80))
    wide = [line for line in lines if columns(line) > 80]
    t.eq(wide, [], "no line wider than 80 columns")

    def under(label, indent):
        """The text of the lines from the one that starts with label, while
        the lines after it hang under indent (the next character no
        space), joined by one space."""
        at = next((i for i, line in enumerate(lines) if line.startswith(label)), None)
        if at is None:
            return None
        got = [lines[at][len(label):]]
        for line in lines[at + 1:]:
            if not line.startswith(indent) or line[len(indent):][:1] in ("", " "):
                break
            got.append(line[len(indent):])
        return " ".join(got)

    t.eq(under("  mission      ", " " * 15), MISSION, "the mission wraps under its indent, every word kept")
    t.eq(under("  notes        ", " " * 15), NOTES.replace("\n", " "),
         "the notes too, their own second line kept under the indent")
    t.eq("Talked" + (under("      Talked", " " * 6) or ""), CALL,
         "a log entry's text wraps under its own indent")
    at_0 = [line for line in lines if line[:1].strip()]
    t.eq(at_0, ["Harbor Science Center  (#1)", "Log (newest first)", "Stage history"],
         "nothing but the title and the headings starts at column 0")

    # To a pipe, byte for byte as before: one line a field.
    out = env.run("show", "Harbor").out
    t.ok("  mission      " + MISSION + "\n" in out, "piped, the mission is one line")
    t.ok("  notes        " + NOTES.replace("\n", "\n" + " " * 15) + "\n" in out,
         "piped, the notes are their own lines")
    t.ok("      " + CALL + "\n" in out, "piped, the call is one line")
finally:
    env.cleanup()
t.done()
