"""The binary's surface: --help and --version, every command's --help,
usage errors (exit 2, usage on stderr, nothing on stdout)."""
import sys

from harness import TAP, Env

COMMANDS = ["add", "agenda", "backup", "check", "contact", "edit", "list", "log", "move", "show"]

t = TAP()
env = Env(sys.argv[1])
try:
    r = env.run("--help", db=False)
    t.eq(r.rc, 0, "--help exits 0")
    for c in COMMANDS:
        t.ok("\n  %s " % c in r.out, "--help lists %s" % c, r)
    t.eq(r.err, "", "--help writes nothing to stderr")
    t.ok(all(len(l) <= 80 for l in r.out.splitlines()), "--help fits an 80-column terminal", r)
    # Every command's help, those --help lists included, fits 80 columns:
    # a help read on an 80-column SSH window must not wrap mid-option.
    listed = [l.split()[0] for l in r.out.split("commands:\n")[1].split("\n\n")[0].splitlines()]
    t.ok(set(COMMANDS) <= set(listed), "--help lists the commands checked below", listed)
    for c in listed:
        wide = [l for l in env.run(c, "--help").out.splitlines() if len(l) > 80]
        t.ok(not wide, "%s --help fits an 80-column terminal" % c, wide)

    r = env.run("--version", db=False)
    t.eq(r.rc, 0, "--version exits 0")
    t.ok(r.out.startswith("partnerdesk ") and r.out.strip().split()[1][0].isdigit(),
         "--version prints 'partnerdesk VERSION'", r)

    r = env.run("frobnicate")
    t.eq(r.rc, 2, "an unknown command is a usage error")
    t.ok(r.err.startswith("partnerdesk: ") and r.out == "", "its message goes to stderr", r)
    t.ok("commands: add, agenda," in r.err and r.err.endswith("see 'partnerdesk --help'\n")
         and len(r.err.splitlines()) <= 5, "listing the commands on one line, briefly", r)

    r = env.run("--nonsense", db=False)
    t.eq(r.rc, 2, "an unknown global option is a usage error")
    t.ok(r.err.startswith("partnerdesk: unknown option '--nonsense'"), "and names it", r)
    t.ok(len(r.err.splitlines()) <= 4 and r.err.endswith("see 'partnerdesk --help'\n"),
         "briefly, pointing at --help", r)
    r = env.run("-qz", db=False)
    t.ok(r.rc == 2 and r.err.startswith("partnerdesk: unknown option '-q'"),
         "an unknown letter in a cluster is named, not the program", r)
    r = env.run("--config", db=False)
    t.ok(r.rc == 2 and r.err.startswith("partnerdesk: option '--config' needs a value"),
         "a global option missing its value says so", r)

    # What was typed is named as placeholders: an escape sequence in a word
    # on the command line never reaches the terminal raw.
    for typed, shown, what in (("Ev\x1b[2J", "'Ev^[[2J' is not a command", "a command"),
                               ("--x\x1b]0;t", "unknown option '--x^[]0;t'", "an option"),
                               ("-\x1b", "unknown option '-^['", "an option letter")):
        r = env.run(typed, db=False)
        t.ok(r.rc == 2 and r.err.startswith("partnerdesk: " + shown) and "\x1b" not in r.err,
             "%s holding an escape is named with it shown as ^[" % what, r)

    # A command mistyped, or named as other programs name it, is answered
    # with the command meant; never run on the guess.
    for typed, said in (("lst", "did you mean 'list'?"), ("improt", "did you mean 'import'?"),
                        ("agnda", "did you mean 'agenda'?"), ("ls", "did you mean 'partnerdesk list'?"),
                        ("help", "did you mean 'partnerdesk --help'?"),
                        ("search", "did you mean 'partnerdesk list --search'?"),
                        ("Harbor Science Center", "to see a partner, 'partnerdesk show NAME'")):
        r = env.run(typed)
        t.ok(r.rc == 2 and r.err.startswith("partnerdesk: '%s' is not a command; %s\n" % (typed, said))
             and r.out == "", "'%s' is not a command, and the one meant is named" % typed, r)
    r = env.run("zzz")
    t.ok(r.err.startswith("partnerdesk: 'zzz' is not a command\n"), "nothing is guessed for a word near none", r)
    # A short word two letters off a command is another word, not a typo
    # of it: 'init' is not edit, nor 'save' move. A command named is run
    # next, so none is better than a wrong one.
    for typed in ("init", "quit", "exit", "save", "load", "tag", "all"):
        r = env.run(typed)
        t.ok(r.rc == 2 and r.err.startswith("partnerdesk: '%s' is not a command\n" % typed),
             "'%s' is answered with no command guessed" % typed, r)
    for typed, said in (("visit", "did you mean 'partnerdesk log'?"), ("stats", "did you mean 'partnerdesk report'?"),
                        ("eport", "did you mean 'export' or 'report'?")):
        r = env.run(typed)
        t.ok(r.rc == 2 and r.err.startswith("partnerdesk: '%s' is not a command; %s\n" % (typed, said)),
             "'%s' is answered with %s" % (typed, said), r)
    r = env.run("--dbb", "x.db", "list", db=False)
    t.ok(r.rc == 2 and r.err.startswith("partnerdesk: unknown option '--dbb'; did you mean --db?\n"),
         "a global option mistyped is named", r)
    r = env.run("--stage", "date", "list", db=False)
    t.ok(r.rc == 2 and r.err.startswith("partnerdesk: unknown option '--stage'; a command's options go "
                                        "after it, as in 'partnerdesk list --stage ...'\n"),
         "a command's option before the command says where it goes", r)
    r = env.run("--on-duplicate=skip", "import", db=False)
    t.ok("as in 'partnerdesk import --on-duplicate ...'" in r.err,
         "and names a command that takes it when list does not", r)

    r = env.run("--demo", "list")
    t.eq(r.rc, 2, "--demo with a command is a usage error")

    for c in COMMANDS:
        r = env.run(c, "--help")
        t.eq(r.rc, 0, "%s --help exits 0" % c)
        t.ok(r.out.startswith("usage: partnerdesk %s" % c), "%s --help prints its usage on stdout" % c, r)
        t.eq(r.err, "", "%s --help is quiet on stderr" % c)
        r = env.run(c, "--no-such-option")
        t.eq(r.rc, 2, "%s with an unknown option exits 2" % c)
        t.ok("usage: partnerdesk %s" % c in r.err and r.out == "",
             "%s prints its usage on stderr for a usage error" % c, r)
        t.ok(r.err.startswith("partnerdesk: "), "%s usage errors start 'partnerdesk: '" % c, r)
        full = env.run(c, "--help").out
        synopsis = full.split("\n\n")[0] + "\n"
        t.ok(r.err.endswith(synopsis + "see 'partnerdesk %s --help'\n" % c)
             and len(r.err.splitlines()) == len(synopsis.splitlines()) + 2,
             "%s: a usage error is the message, the synopsis and where to read more, "
             "not the whole help" % c, r)

    usage_errors = [
        ["add"],
        ["add", "A", "B"],
        ["add", "   "],
        ["add", "X", "--scale", "huge"],
        ["add", "X", "--kind"],
        ["list", "--format", "xml"],
        ["list", "--sort", "colour"],
        ["list", "stray"],
        ["show"],
        ["show", "X", "--format", "csv"],
        ["edit", "X"],
        ["edit", "X", "--stage", "date"],
        ["edit", "X", "--fiscal-month", "13"],
        ["edit", "X", "--if-version", "abc", "--name", "Y"],
        ["move", "X"],
        ["move", "X", "date", "--review", "someday"],
        ["contact"],
        ["contact", "frob"],
        ["contact", "add", "X"],
        ["log", "X"],
        ["log", "X", "--follow-up", "next-ish", "called"],
        ["log", "X", "--at", "tomorrow 25:00", "called"],
        ["agenda", "--days", "-1"],
        ["agenda", "--format", "yaml"],
        ["agenda", "done"],
        ["agenda", "done", "abc"],
        ["agenda", "whatever"],
        ["check", "extra"],
        ["backup"],
    ]
    for argv in usage_errors:
        r = env.run(*argv)
        t.ok(r.rc == 2 and r.out == "" and "usage:" in r.err, "usage error: %s" % " ".join(argv), r)
    # A mistyped option names the one meant, of those the command takes;
    # a word near none gets no guess; log's note is words, not --note.
    for argv, said in ((["log", "X", "--chanel", "email", "hi"], "log: unknown option '--chanel'; did you mean --channel?\n"),
                       (["log", "X", "--folow-up", "fri", "hi"], "did you mean --follow-up?\n"),
                       (["edit", "X", "--emial", "a@b.org"], "did you mean --email?\n"),
                       (["edit", "X", "--add-tags", "teens"], "did you mean --add-tag?\n"),
                       (["list", "--fromat", "json"], "did you mean --format?\n"),
                       (["log", "X", "--note", "hi"], "log: unknown option '--note'; the note is the words after the partner, "
                                                      "as in partnerdesk log PARTNER 'Called about the fair'\n"),
                       (["log", "X", "--zzz", "hi"], "log: unknown option '--zzz'\n"),
                       (["add", "X", "--note-x", "hi"], "add: unknown option '--note-x'; did you mean --notes?\n")):
        r = env.run(*argv)
        first = r.err.split("\n", 1)[0] + "\n"
        t.ok(r.rc == 2 and first.endswith(said), "%s: %s" % (" ".join(argv), said.strip()), r)
    # The guess is an option the command (or contact's subcommand) takes,
    # never one another takes or the usage's --FIELD; the nearest of those
    # sharing a first part; none for a letter after a long option (-xy
    # after --reverse) or a word several options start with.
    for argv, said in ((["contact", "list", "X", "--titel", "t"], "contact: unknown option '--titel'\n"),
                       (["contact", "add", "X", "Bo", "--nam", "B"], "contact: unknown option '--nam'\n"),
                       (["contact", "add", "X", "Bo", "--forc"], "contact: unknown option '--forc'\n"),
                       (["contact", "edit", "X", "Bo", "--naem", "B"], "did you mean --name?\n"),
                       (["contact", "add", "X", "Bo", "--titel", "t"], "did you mean --title?\n"),
                       (["edit", "X", "--feild", "v"], "edit: unknown option '--feild'\n"),
                       (["edit", "X", "--remove-goals", "g"], "did you mean --remove-goal?\n"),
                       (["edit", "X", "--remove-branches", "b"], "did you mean --remove-branch?\n"),
                       (["log", "X", "--con", "Ann", "hi"], "log: unknown option '--con'\n"),
                       (["list", "--reverse", "-xy"], "list: unknown option '-x'\n"),
                       (["log", "--at=fri", "-zq", "X", "hi"], "log: unknown option '-z'\n")):
        r = env.run(*argv)
        first = r.err.split("\n", 1)[0] + "\n"
        t.ok(r.rc == 2 and first.endswith(said), "%s: %s" % (" ".join(argv), said.strip()), r)
    # A --format no command writes: each names the ones it does.
    for argv, formats in ((["list"], "table, csv, json or yaml"), (["report"], "text, csv or json"),
                          (["audit"], "table or json"), (["agenda"], "table or json"),
                          (["contact", "list", "X"], "table or json"), (["show", "X"], "text, json or yaml")):
        r = env.run(*argv, "--format", "xml")
        t.ok(r.rc == 2 and r.err.startswith("partnerdesk: --format is %s, not 'xml'\n" % formats),
             "%s --format xml: the formats named" % " ".join(argv), r)
    # A command of one PARTNER: none given is asked for, more than one is
    # told to quote a name with spaces.
    for argv, extra in ((["show"], []), (["edit"], ["--name", "Y"]), (["delete"], []),
                        (["contact", "list"], [])):
        what = " ".join(argv)
        r = env.run(*argv, *extra)
        t.ok(r.rc == 2 and r.err.startswith("partnerdesk: %s: which PARTNER?\n" % what),
             "%s without PARTNER asks for one" % what, r)
        r = env.run(*argv, "Harbor", "Arts", *extra)
        t.ok(r.rc == 2 and r.err.startswith("partnerdesk: %s takes one PARTNER; quote a name with spaces\n" % what),
             "%s with two says to quote a name" % what, r)
    import os
    t.ok(not os.path.exists(env.db), "usage errors never create the database")

    # The config in XDG_CONFIG_HOME is a link to a file that is gone (a
    # dotfiles checkout moved): named, not silently replaced by defaults.
    os.makedirs(os.path.join(env.config, "partnerdesk"))
    link = os.path.join(env.config, "partnerdesk", "config.yaml")
    os.symlink(env.path("dotfiles/partnerdesk.yaml"), link)
    r = env.run("add", "Amgueddfa Ceredigion")
    t.ok(r.rc == 1 and r.err.startswith("partnerdesk: %s: cannot read" % link),
         "a config link to nothing is named, exit 1", r)
    os.unlink(link)
    r = env.run("add", "Amgueddfa Ceredigion")
    t.ok(r.rc == 0, "no config at all: the defaults", r)
finally:
    env.cleanup()
t.done()
