#!/usr/bin/env python3
"""The look of text on a screen captured with `tmux capture-pane -e`: reads
the capture on stdin and prints, for the first place TEXT starts on a line
holding CONTEXT, its attributes as words (fg=N bg=N bold reverse
underline). Usage: sgr.py TEXT [CONTEXT]"""
import re
import sys


def cells(line):
    """(char, attrs) for each character of a captured line."""
    st = {"fg": None, "bg": None, "bold": False, "reverse": False, "underline": False}
    out = []
    for m in re.finditer(r"\x1b\[([0-9;]*)m|(.)", line):
        if m.group(2) is not None:
            out.append((m.group(2), dict(st)))
            continue
        codes = [int(c) if c else 0 for c in m.group(1).split(";")] if m.group(1) else [0]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                st = {"fg": None, "bg": None, "bold": False, "reverse": False, "underline": False}
            elif c == 1:
                st["bold"] = True
            elif c == 4:
                st["underline"] = True
            elif c == 7:
                st["reverse"] = True
            elif c == 22:
                st["bold"] = False
            elif c == 24:
                st["underline"] = False
            elif c == 27:
                st["reverse"] = False
            elif 30 <= c <= 37:
                st["fg"] = c - 30
            elif c == 39:
                st["fg"] = None
            elif 40 <= c <= 47:
                st["bg"] = c - 40
            elif c == 49:
                st["bg"] = None
            elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
                st["fg" if c == 38 else "bg"] = codes[i + 2]
                i += 2
            i += 1
    return out


def main():
    text = sys.argv[1]
    context = sys.argv[2] if len(sys.argv) > 2 else ""
    for line in sys.stdin.read().split("\n"):
        cs = cells(line)
        plain = "".join(c for c, _ in cs)
        if context not in plain:
            continue
        at = plain.find(text)
        if at < 0:
            continue
        a = cs[at][1]
        words = [f"fg={a['fg']}", f"bg={a['bg']}"] + [k for k in ("bold", "reverse", "underline") if a[k]]
        print(" ".join(words))
        return 0
    print("not-found")
    return 1


if __name__ == "__main__":
    sys.exit(main())
