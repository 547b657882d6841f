"""concurrent-fix.py FILE -- COMMAND...: starts COMMAND twice at once (two --fix runs over the same tree), waits for
both, and prints their exit codes in order, the loser's complaint about FILE, and how many times FILE now carries
the fixes (once each: "2 fixes applied once"; lost or doubled edits show otherwise)."""
import subprocess
import sys

path = sys.argv[1]
command = sys.argv[sys.argv.index("--") + 1:]
runs = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for _ in range(2)]
results = [(p.wait(), p.stderr.read().decode()) for p in runs]
print("exit codes: " + " ".join(str(c) for c in sorted(c for c, _ in results)))
for code, err in results:
    if code != 0:
        print("the loser: " + next((l for l in err.splitlines() if "not applied" in l), "(no complaint)"))
text = open(path).read()
fixed = text.count("hbus->hdev, SZ_4G, -1, PCI_CONFIG_MMIO_LENGTH, 0x1000, false)")
print("the file: %s" % ("2 fixes applied once" if fixed == 3 and "0, -1," not in text else "%d fixed calls" % fixed))
