"""The documentation says what the program does: the README's short tour
of the command line, run as it is shown against a fresh desk on an
80-column terminal, prints what the README shows (dates, times, the user
and how far a date is masked); every long option a command's parser
takes is in that command's --help and in partnerdesk(1)."""
import os
import re
import shlex
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import TAP, Env  # noqa: E402

REPO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def read(*path):
    with open(os.path.join(REPO, *path), encoding="utf-8") as f:
        return f.read()


def mask(line):
    """What may differ from the README's run: dates, times, the user an
    audit line names, how far a due date is; columns widen with them."""
    line = re.sub(r"\d{4}-\d\d-\d\d", "DATE", line)
    line = re.sub(r"\d\d:\d\d:\d\d  \S+  ", "TIME  USER  ", line)
    line = re.sub(r"in \d+ days?|tomorrow|today", "DUE", line)
    return re.sub(r" +", " ", line).rstrip()


def tour(readme):
    """The tour's commands, each with the lines the README shows after it."""
    block = readme[readme.index("## A short tour of the command line"):]
    block = block[block.index("```\n") + 4:]
    block = block[:block.index("```\n")]
    steps, lines = [], block.splitlines()
    i = 0
    while i < len(lines):
        cmd = lines[i]
        assert cmd.startswith("$ "), cmd
        while cmd.endswith("\\"):
            i += 1
            cmd = cmd[:-1] + " " + lines[i].strip()
        i += 1
        shown = []
        while i < len(lines) and not lines[i].startswith("$ "):
            shown.append(lines[i])
            i += 1
        steps.append((shlex.split(cmd[2:]), shown))
    return steps


def matches(got, shown):
    """Line by line, masked; a README line "  ..." stands for any lines."""
    got = [mask(l) for l in got]
    want = [mask(l) for l in shown]
    dots = [k for k, w in enumerate(want) if w.strip() == "..."]
    if dots:
        k = dots[0]
        head, tail = want[:k], want[k + 1:]
        return got[:len(head)] == head and got[len(got) - len(tail):] == tail and len(got) >= k + len(tail)
    return got == want


t = TAP()
env = Env(sys.argv[1])
try:
    steps = tour(read("README.md"))
    t.ok(len(steps) >= 8, "the README's tour has its commands", steps)
    for argv, shown in steps:
        t.eq(argv[0], "partnerdesk", "a tour step runs partnerdesk")
        # On a terminal 80 columns wide, as a reader sees it: the agenda's
        # table fits it there (piped, its rows are whole).
        got = env.run_on_tty(*argv[1:], stdout_too=True, cols=80).decode("utf-8").replace("\r\n", "\n")
        got = got.splitlines()
        t.ok(matches(got, shown), "README tour: partnerdesk %s prints what the README shows" % " ".join(argv[1:]),
             "got:\n%s\nREADME:\n%s" % ("\n".join(got), "\n".join(shown)))

    # Every long option is told: in the command's --help and in the man page.
    man = read("man", "partnerdesk.1").replace("\\-", "-")
    cli = os.path.join(REPO, "src", "cli")
    for name in sorted(os.listdir(cli)):
        m = re.fullmatch(r"cmd_(\w+)\.c", name)
        if not m:
            continue
        command = m.group(1)
        opts = re.findall(r'\{"([a-z-]+)", *(?:no|required|optional)_argument', read("src", "cli", name))
        help_text = env.run(command, "--help", db=False).out
        for opt in opts:
            if (command, opt) == ("edit", "stage"):
                continue   # taken only to be refused with the move that does it
            t.ok(re.search(r"--%s\b" % opt, help_text) is not None,
                 "partnerdesk %s --help names --%s" % (command, opt), help_text)
            t.ok(re.search(r"--%s\b" % opt, man) is not None,
                 "partnerdesk(1) names %s's --%s" % (command, opt))

    # The shipped config is the documented example of the format: any YAML
    # reader (PyYAML here, as a librarian's editor or script would use) must
    # read it, not only libyaml, which takes a plain scalar ending in "?}".
    import yaml
    cfg = yaml.safe_load(read("config", "partnerdesk.yaml"))
    t.ok(len(cfg.get("fit_criteria", [])) == 10 and
         all(c["question"].endswith("?") for c in cfg["fit_criteria"]),
         "config/partnerdesk.yaml reads with PyYAML too, its ten questions whole")
finally:
    env.cleanup()
t.done()
