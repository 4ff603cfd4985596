#!/bin/sh
# The bytes the interface writes on a slow link (a python pty session).
exec python3 "$(dirname "$0")/wire.py" "$@"
