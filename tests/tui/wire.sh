#!/bin/sh
# The bytes the interface writes on a slow link (a python pty session): the
# log form, where the echo under a lock is timed (the screens: wire_screens.sh).
exec python3 "$(dirname "$0")/wire.py" "$@" form
