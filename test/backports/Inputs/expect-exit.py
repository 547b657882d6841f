#!/usr/bin/env python3
"""expect-exit.py CODE COMMAND...: runs COMMAND (its output passes through) and succeeds only if it exits with CODE.
lit's shell has no $?, and `not` cannot tell exit 1 from exit 2."""
import subprocess
import sys

want = int(sys.argv[1])
got = subprocess.call(sys.argv[2:])
if got != want:
    print("expect-exit.py: %s exited %d, expected %d" % (" ".join(sys.argv[2:4]), got, want), file=sys.stderr)
    sys.exit(1)
