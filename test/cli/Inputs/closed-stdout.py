"""closed-stdout.py COMMAND...: runs COMMAND with standard output a pipe nobody reads (its read end closed before
the command starts), then prints how the command ended ("signal SIGPIPE" or "exit N") and what it wrote to
standard error."""
import os
import signal
import subprocess
import sys

read_end, write_end = os.pipe()
os.close(read_end)
p = subprocess.run(sys.argv[1:], stdout=write_end, stderr=subprocess.PIPE)
os.close(write_end)
print("signal " + signal.Signals(-p.returncode).name if p.returncode < 0 else "exit %d" % p.returncode)
sys.stdout.write(p.stderr.decode(errors="replace"))
