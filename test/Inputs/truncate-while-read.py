"""truncate-while-read.py FILE RUNS -- COMMAND...: writes FILE (a valid ruleset padded to 12 MiB with comments), then
RUNS times starts COMMAND and, while it runs, truncates FILE and writes it again, over and over. Prints how many runs
crashed: killed by a signal, or (clang, which catches its own crashes and exits 1) printed a stack dump. A reader that
maps the file dies with SIGBUS when it shrinks under it."""
import os
import signal
import subprocess
import sys
import threading

path, runs = sys.argv[1], int(sys.argv[2])
command = sys.argv[sys.argv.index("--") + 1:]
body = b"version: 1\n" + (b"# " + b"x" * 1021 + b"\n") * (12 * 1024)


def churn(stop):
    while not stop.is_set():
        with open(path, "r+b") as f:
            f.truncate(4096)
        with open(path, "wb") as f:
            f.write(body)


with open(path, "wb") as f:
    f.write(body)
killed = []
for _ in range(runs):
    stop = threading.Event()
    t = threading.Thread(target=churn, args=(stop,))
    t.start()
    p = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stop.set()
    t.join()
    if p.returncode < 0:
        killed.append(signal.Signals(-p.returncode).name)
    elif b"Stack dump:" in p.stderr:
        killed.append("crash")
print("crashed: %d %s" % (len(killed), " ".join(sorted(set(killed)))))
