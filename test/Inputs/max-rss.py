"""max-rss.py MIB -- COMMAND...: runs COMMAND (its output passed through) and fails, saying how much it used, when its
peak resident memory exceeds MIB mebibytes. Exits with COMMAND's status otherwise."""
import resource
import subprocess
import sys

limit = float(sys.argv[1])
command = sys.argv[sys.argv.index("--") + 1:]
status = subprocess.run(command).returncode
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
if peak > limit:
    sys.exit("max-rss.py: %s used %.0f MiB, more than %.0f" % (command[0], peak, limit))
sys.exit(status)
