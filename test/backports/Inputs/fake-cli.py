#!/usr/bin/env python3
"""fake-cli.py: mmio-audit ($MMIO_REAL_CLI) whose JSON report is then spoiled as $FAKE says, to test that the
backports tool refuses or survives reports it cannot trust: `nocalls` (no inventory), `nullnote` (a note with a
file and no line, which docs/cli.md allows), `version` (another schema version)."""
import json
import os
import subprocess
import sys

args = sys.argv[1:]
rc = subprocess.run([os.environ["MMIO_REAL_CLI"]] + args).returncode
if "--list-rules" in args or "-o" not in args:
    sys.exit(rc)
out = args[args.index("-o") + 1]
with open(out) as f:
    r = json.load(f)
fake = os.environ.get("FAKE")
if fake == "nocalls":
    r["calls"] = None
elif fake == "nullnote":
    for f in r["findings"]:
        f["notes"].append({"file": "elsewhere.c", "line": None, "column": None, "message": "somewhere in that file"})
elif fake == "version":
    r["version"] = 99
with open(out, "w") as f:
    json.dump(r, f)
sys.exit(rc)
