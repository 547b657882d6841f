"""Which translation units of a tree to compile, and how: one list of Unit (name, command, directory) per tree,
whatever the tree is; mmio-audit then analyses them from one compilation database. Kernel trees: the units the CLI's sound prefilter kept when the tree was prepared
(tools/kernel/prepare-tree.sh writes them to BUILD/mmio-audit/compile_commands.json), plus the C files whose text
calls an allocator by name (a grep, which also sees what the patches change), through Kbuild's own command lines
(tools/kernel/compile-unit.py). compile_commands.json trees: the entries that name an allocator."""
import fcntl
import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass

from .sources import TOOLS

COMPILE_UNIT = os.path.join(TOOLS, "kernel", "compile-unit.py")
# Directories of a kernel tree that hold no kernel code (host tools, documentation, build scripts).
KERNEL_SKIP = ("tools/", "Documentation/", "scripts/", "usr/")
KERNEL_ARCH_DIR = {"x86_64": "x86", "arm64": "arm64"}


class UnitError(Exception):
    pass


@dataclass
class Unit:
    name: str               # the file, relative to the tree (absolute when outside it)
    argv: list
    cwd: str
    path: str = ""          # the file compiled: the tree's, or the overlay's patched copy
    patched: bool = False   # compiled from the overlay (patched, or next to a patched header)
    error: str = ""         # no command could be made (the Kbuild object did not build, an unreadable file)


def allocator_regex(ruleset):
    names = "|".join(re.escape(a.name) for a in ruleset.allocators)
    return r"\b(%s)\s*\(" % names


def selection_text(ruleset, kind, prefiltered=False):
    names = ", ".join(a.name for a in ruleset.allocators)
    if kind == "kernel" and prefiltered:
        return ("units: those of the configuration in which an allocator call is possible (%s), chosen by "
                "mmio-audit's preprocessor prefilter when the tree was prepared, and every .c file whose text, "
                "patched, calls one by name" % names)
    where = ("every .c file of the kernel tree (outside tools/, Documentation/, scripts/ and other architectures' "
             "arch/ directories)" if kind == "kernel" else "every entry of compile_commands.json")
    return ("units: %s whose text calls an allocator by name (%s), found with a grep, not the preprocessor: a call "
            "spelled only inside a macro or inline function of a header that the .c file does not name is not seen"
            % (where, names))


def _names_allocator(path, pattern):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return re.search(pattern, f.read()) is not None
    except OSError:
        return False


def _shadow_includes(argv, cwd, root, overlay):
    """Puts the overlay's copy of every include directory under the tree in front of it, so patched headers win."""
    if not overlay.header_dirs():
        return argv
    rroot = os.path.realpath(root)

    def twin(path):
        real = os.path.realpath(os.path.join(cwd, path))
        if real == rroot or real.startswith(rroot + os.sep):
            candidate = os.path.join(overlay.dir, os.path.relpath(real, rroot))
            if os.path.isdir(candidate) or os.path.isfile(candidate):
                return candidate
        return None

    out, k = [], 0
    while k < len(argv):
        a = argv[k]
        if a in ("-I", "-isystem", "-iquote", "-idirafter") and k + 1 < len(argv):
            t = twin(argv[k + 1])
            if t:
                out += [a, t]
            out += [a, argv[k + 1]]
            k += 2
            continue
        if a.startswith("-I") and len(a) > 2:
            t = twin(a[2:])
            if t:
                out.append("-I" + t)
        elif a == "-include" and k + 1 < len(argv):
            t = twin(argv[k + 1])
            out += [a, t or argv[k + 1]]
            k += 2
            continue
        out.append(a)
        k += 1
    return out


def _relative(path, root):
    real, rroot = os.path.realpath(path), os.path.realpath(root)
    if real.startswith(rroot + os.sep):
        return os.path.relpath(real, rroot)
    return None


def _effective(rel, overlay):
    """(path to compile, patched?) for a tree-relative unit, honouring the overlay."""
    if rel in overlay.changed:
        return os.path.join(overlay.dir, rel), True
    if overlay.dir and os.path.dirname(rel) in overlay.header_dirs():
        return overlay.shadow(rel), True
    return os.path.join(overlay.root, rel), False


# --- kernel trees -----------------------------------------------------------------------------------------------

def _kernel_candidates(root, pattern, arch):
    r = subprocess.run(["grep", "-rlsE", "--include=*.c", "-e", pattern, "."], cwd=root,
                       capture_output=True, text=True)
    if r.returncode > 1 and not r.stdout:
        raise UnitError("grep over %s failed: %s" % (root, r.stderr.strip()))
    own_arch = "arch/%s/" % KERNEL_ARCH_DIR[arch]
    out = set()
    for line in r.stdout.splitlines():
        rel = os.path.normpath(line)
        if rel.startswith(KERNEL_SKIP) or (rel.startswith("arch/") and not rel.startswith(own_arch)):
            continue
        out.add(rel)
    return out


def _cmd_file(build, rel):
    obj = rel[:-2] + ".o"
    return os.path.join(build, os.path.dirname(obj), "." + os.path.basename(obj) + ".cmd")


def _make_objects(src, build, arch, cache, rels, jobs):
    """Builds the objects whose Kbuild command is not recorded yet (compile-unit.py reads it from the .cmd file),
    under the cache's lock, as the kernel test suite does. Returns make's output."""
    objs = [r[:-2] + ".o" for r in rels]
    cmd = ["make", "-C", src, "O=" + build, "LLVM=-19", "ARCH=" + KERNEL_ARCH_DIR[arch], "-s", "-k",
           "-j%d" % jobs] + objs
    with open(os.path.join(cache, ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        r = subprocess.run(cmd, capture_output=True, text=True)
    return (r.stdout + r.stderr).strip()


def prefiltered_units(source):
    """The tree-relative units prepare-tree.sh's selection kept, or None when the tree was prepared without it."""
    path = os.path.join(source.build_dir, "mmio-audit", "compile_commands.json")
    try:
        with open(path) as f:
            entries = json.load(f)
    except (OSError, ValueError):
        return None
    out = set()
    for e in entries:
        rel = _relative(os.path.join(e["directory"], e["file"]), source.root)
        if rel:
            out.add(rel)
    return out


def kernel_units(source, overlay, ruleset, arch, cache, jobs):
    pattern = allocator_regex(ruleset)
    rels = _kernel_candidates(source.root, pattern, arch)
    # The prefilter's choice covers calls the grep cannot see (in a header's inline function or macro); the grep
    # covers what the patches change, which the selection made before them did not see.
    rels |= prefiltered_units(source) or set()
    notes = []
    for rel in sorted(overlay.changed):
        if rel.endswith(".c"):
            if _names_allocator(os.path.join(overlay.dir, rel), pattern):
                rels.add(rel)
            else:
                rels.discard(rel)
    rels -= overlay.deleted
    for rel in sorted(overlay.added & rels):
        notes.append("%s is new in the patches: Kbuild has no command for it, so it is not compiled" % rel)
        rels.discard(rel)
    units, missing = [], [r for r in sorted(rels) if not os.path.isfile(_cmd_file(source.build_dir, r))]
    make_log = _make_objects(source.root, source.build_dir, arch, cache, missing, jobs) if missing else ""
    for rel in sorted(rels):
        if not os.path.isfile(_cmd_file(source.build_dir, rel)):
            tail = "\n".join(make_log.splitlines()[-12:])
            units.append(Unit(name=rel, argv=[], cwd=source.build_dir,
                              error="Kbuild could not build %s.o, so its command line is unknown:\n%s"
                                    % (rel[:-2], tail)))
            continue
        path, patched = _effective(rel, overlay)
        cmd = [sys.executable, COMPILE_UNIT, source.root, source.build_dir, rel, "--print"]
        if patched:
            cmd += ["--source", path]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            units.append(Unit(name=rel, argv=[], cwd=source.build_dir, patched=patched,
                              error="compile-unit.py: " + (r.stderr.strip() or "exit %d" % r.returncode)))
            continue
        argv = _shadow_includes(json.loads(r.stdout), source.build_dir, source.root, overlay)
        units.append(Unit(name=rel, argv=argv, cwd=source.build_dir, path=path, patched=patched))
    return units, notes


# --- compile_commands.json trees --------------------------------------------------------------------------------

_DROP_WITH_VALUE = {"-o", "-MF", "-MT", "-MQ"}
_DROP = {"-c", "-MD", "-MMD", "-MP", "-M", "-MM", "-fsyntax-only"}


_LAUNCHERS = {"ccache", "sccache", "distcc", "icecc"}


def _clean(argv, clang, directory, abs_file, compile_path):
    out = [clang]
    k = 1
    while k < len(argv) and os.path.basename(argv[k - 1]) in _LAUNCHERS:
        k += 1      # `ccache gcc ...`: the launcher and the compiler both give way to clang
    while k < len(argv):
        a = argv[k]
        if a in _DROP_WITH_VALUE:
            k += 2
            continue
        if a in _DROP or a.startswith("-Wp,-M") or (a.startswith("-o") and len(a) > 2 and not a.startswith("-O")):
            k += 1
            continue
        if not a.startswith("-") and os.path.normpath(os.path.join(directory, a)) == abs_file:
            a = compile_path
        out.append(a)
        k += 1
    return out + ["-fsyntax-only"]


def compdb_units(source, overlay, ruleset, clang):
    try:
        with open(source.db_path, encoding="utf-8") as f:
            entries = json.load(f)
    except OSError as e:
        raise UnitError("cannot read %s: %s" % (source.db_path, e.strerror))
    except ValueError as e:
        raise UnitError("%s is not JSON: %s" % (source.db_path, e))
    if not isinstance(entries, list):
        raise UnitError("%s is not a list of compile commands" % source.db_path)
    old, new = source.path_map or ("", "")

    def moved(s):
        return new + s[len(old):] if old and (s == old or s.startswith(old + os.sep)) else s

    pattern = allocator_regex(ruleset)
    units, names, skipped = [], {}, 0
    for i, e in enumerate(entries):
        where = "%s: entry %d" % (source.db_path, i + 1)
        if not isinstance(e, dict) or not isinstance(e.get("file"), str) or not isinstance(e.get("directory"), str):
            raise UnitError("%s: needs \"directory\" and \"file\" strings" % where)
        if isinstance(e.get("arguments"), list) and all(isinstance(a, str) for a in e["arguments"]):
            argv = list(e["arguments"])
        elif isinstance(e.get("command"), str):
            try:
                argv = shlex.split(e["command"])
            except ValueError as err:
                raise UnitError("%s: \"command\" does not split: %s" % (where, err))
        else:
            raise UnitError("%s: needs \"arguments\" (a list of strings) or \"command\" (a string)" % where)
        if not argv:
            raise UnitError("%s: empty command" % where)
        directory = moved(e["directory"])
        argv = [argv[0]] + [moved(a) for a in argv[1:]]
        abs_file = os.path.normpath(os.path.join(directory, moved(e["file"])))
        rel = _relative(abs_file, source.root)
        if rel is not None and rel in overlay.deleted:
            skipped += 1
            continue
        if rel is not None:
            path, patched = _effective(rel, overlay)
        else:
            path, patched = abs_file, False
        if not os.path.isfile(path):
            name = rel or abs_file
            units.append(Unit(name=name, argv=[], cwd=directory, error="%s: no such file" % path))
            continue
        if not _names_allocator(path, pattern):
            skipped += 1
            continue
        name = rel or abs_file
        names[name] = names.get(name, 0) + 1
        if names[name] > 1:
            name += " #%d" % names[name]
        argv = _shadow_includes(_clean(argv, clang, directory, abs_file, path), directory, source.root, overlay)
        units.append(Unit(name=name, argv=argv, cwd=directory, path=path, patched=patched))
    notes = ["%d of %d compile_commands.json entries name no allocator and were not compiled"
             % (skipped, len(entries))] if skipped else []
    return units, notes
