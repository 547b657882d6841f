#!/usr/bin/env python3
"""jq.py FILE EXPR...: loads the JSON document FILE as `r` and prints each Python expression's value, one a line
(strings as they are, everything else as compact JSON). Exits 1, naming the expression, when one fails."""
import json
import sys

with open(sys.argv[1]) as f:
    r = json.load(f)
for expr in sys.argv[2:]:
    try:
        v = eval(expr, {"r": r, "len": len, "sorted": sorted, "set": set, "all": all, "any": any})
    except Exception as e:
        print("jq.py: %s: %s" % (expr, e), file=sys.stderr)
        sys.exit(1)
    print(v if isinstance(v, str) else json.dumps(v, sort_keys=True))
