#!/bin/sh
# The bytes the interface writes on a slow link (a python pty session): the
# list, the kanban and the detail, counted, not timed (the form: wire.sh).
exec python3 "$(dirname "$0")/wire.py" "$@" screens
