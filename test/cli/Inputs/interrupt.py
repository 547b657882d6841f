#!/usr/bin/env python3
"""interrupt.py [--signal INT|TERM] [--when progress|staged:DIR] [--ignore] -- COMMAND...

Runs COMMAND as an interactive shell would (SIGINT and SIGTERM at their defaults, or ignored with --ignore), sends it
the signal at a chosen moment, and prints how it ended ("status: killed by SIGINT" or "status: exit N") and what it
wrote on standard error. Moments: `progress`, once its progress line shows a first unit done (the run is under way);
`staged:DIR`, once a staged file (a fix or report not yet renamed into place) appears in DIR; `replaced:DIR`, once a
file that was in DIR at the start is replaced by another (a fix renamed into place)."""
import argparse
import os
import signal
import subprocess
import sys
import threading
import time

p = argparse.ArgumentParser()
p.add_argument("--signal", default="INT", choices=["INT", "TERM"])
p.add_argument("--when", default="progress")
p.add_argument("--ignore", action="store_true")
p.add_argument("command", nargs=argparse.REMAINDER)
a = p.parse_args()
command = a.command[1:] if a.command and a.command[0] == "--" else a.command
sig = getattr(signal, "SIG" + a.signal)


def child_signals():
    disposition = signal.SIG_IGN if a.ignore else signal.SIG_DFL
    signal.signal(signal.SIGINT, disposition)  # a test runner's workers may ignore it; a terminal's shell does not
    signal.signal(signal.SIGTERM, disposition)


# The files a `replaced:` moment watches, as they are before the command runs.
start = {}
if a.when.startswith("replaced:"):
    watched = a.when.split(":", 1)[1]
    start = {f: os.stat(os.path.join(watched, f)).st_ino for f in os.listdir(watched)
             if os.path.isfile(os.path.join(watched, f))}
proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                        preexec_fn=child_signals)
stderr = bytearray()
under_way = threading.Event()


def drain():
    while True:
        chunk = os.read(proc.stderr.fileno(), 4096)
        if not chunk:
            break
        stderr.extend(chunk)
        if b"[1/" in stderr or b"[2/" in stderr:
            under_way.set()
    under_way.set()


reader = threading.Thread(target=drain)
reader.start()
deadline = time.monotonic() + 120
if a.when == "progress":
    under_way.wait(120)
elif a.when.startswith("replaced:"):
    directory = a.when.split(":", 1)[1]
    while time.monotonic() < deadline and proc.poll() is None:
        now = {f: os.stat(os.path.join(directory, f)).st_ino for f in os.listdir(directory)
               if os.path.isfile(os.path.join(directory, f))}
        if any(f in now and now[f] != ino for f, ino in start.items()):
            break
        time.sleep(0.01)
elif a.when.startswith("staged:"):
    directory = a.when.split(":", 1)[1]
    while time.monotonic() < deadline and proc.poll() is None:
        if any(".mmio-audit-" in f for f in os.listdir(directory)):
            break
        time.sleep(0.01)
else:
    sys.exit("interrupt.py: unknown moment " + a.when)
if proc.poll() is not None:
    print("interrupt.py: the command ended before it could be interrupted", file=sys.stderr)
proc.send_signal(sig)
try:
    code = proc.wait(timeout=120)
except subprocess.TimeoutExpired:
    proc.kill()
    sys.exit("interrupt.py: the command did not stop within 120 s of the signal")
reader.join()
# The progress line is redrawn with carriage returns; keep what was printed for good.
text = stderr.decode(errors="replace")
lines = [line.rsplit("\r", 1)[-1] for line in text.split("\n")]
print("\n".join(line for line in lines if line.strip()))
print("status: " + ("killed by " + signal.Signals(-code).name if code < 0 else "exit %d" % code))
