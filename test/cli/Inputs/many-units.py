#!/usr/bin/env python3
"""many-units.py SOURCE DIR N [make-db options]: copies SOURCE to DIR/src/u1.c ... uN.c and writes their
compile_commands.json with make-db.py: a run long enough to interrupt."""
import os
import shutil
import subprocess
import sys

source, directory, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(os.path.join(directory, "src"), exist_ok=True)
files = []
for i in range(1, count + 1):
    name = os.path.join("src", "u%d.c" % i)
    shutil.copyfile(source, os.path.join(directory, name))
    files.append(name)
make_db = os.path.join(os.path.dirname(os.path.abspath(__file__)), "make-db.py")
sys.exit(subprocess.call([sys.executable, make_db] + sys.argv[4:] + [directory] + files))
