"""on-terminal.py COMMAND...: runs COMMAND with standard output a terminal (a pseudo-terminal), and prints what it
wrote there with escape characters shown as "<ESC>"."""
import os
import pty
import subprocess
import sys

main, side = pty.openpty()
p = subprocess.Popen(sys.argv[1:], stdout=side, stderr=subprocess.DEVNULL)
os.close(side)
out = b""
while True:
    try:
        chunk = os.read(main, 65536)
    except OSError:  # EIO once the command has closed its side
        break
    if not chunk:
        break
    out += chunk
p.wait()
sys.stdout.write(out.decode(errors="replace").replace("\x1b", "<ESC>"))
