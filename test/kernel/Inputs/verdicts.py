#!/usr/bin/env python3
"""Each finding of a JSON report on a line: its rule, then `mitigated by COMMIT at FILE:LINE in FUNCTION()` or
`violated`, then the summary's mitigated count."""
import json
import sys

report = json.load(open(sys.argv[1]))
for f in report["findings"]:
    m = f.get("mitigated")
    state = "mitigated by %s at %s:%d in %s()" % (m["commit"], m["file"], m["line"], m["function"]) if m else "violated"
    print(f["rule"], state)
print("mitigated:", report["summary"]["mitigated"])
