"""How the benchmark scripts measure one run of a command: wall and CPU time, and peak RSS."""
import os
import resource
import subprocess
import sys
import time


def timed(cmd, cwd=None, ok=(0,)):
    """(wall s, CPU s, stdout) of one run. CPU is user + system of the command and its children: it barely moves
    when other work shares the machine, where wall time does. An exit status outside `ok` ends the benchmark."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in ok:
        sys.exit("bench: command failed (%d): %s\n%s" % (proc.returncode, " ".join(cmd[:3]),
                                                           proc.stderr.decode()[-2000:]))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stdout.decode(errors="replace")


def peak_rss(cmd, cwd=None):
    """Peak RSS in MiB of one run, from GNU time when available (ru_maxrss of children only ever grows)."""
    if not os.path.exists("/usr/bin/time"):
        return float("nan")
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    try:
        return int(proc.stderr.decode().strip().splitlines()[-1]) / 1024.0
    except (ValueError, IndexError):
        return float("nan")
