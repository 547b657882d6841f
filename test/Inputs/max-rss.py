"""max-rss.py [--scale K] MIB -- COMMAND...: runs COMMAND (its output passed through) and fails, saying how much it
used, when its peak resident memory exceeds K x MIB mebibytes. Exits with COMMAND's status otherwise."""
import resource
import subprocess
import sys

args = sys.argv[1:sys.argv.index("--")]
scale = 1.0
if args[0] == "--scale":
    scale, args = float(args[1]), args[2:]
limit = float(args[0]) * scale
command = sys.argv[sys.argv.index("--") + 1:]
status = subprocess.run(command).returncode
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
if peak > limit:
    sys.exit("max-rss.py: %s used %.0f MiB, more than %.0f" % (command[0], peak, limit))
sys.exit(status)
