"""Patched copies: a tree's patches are applied to copies of the files they touch, in an overlay directory, so a
shared (cached, prepared) tree is never modified. Patches are -p1 (`git diff`, `git format-patch`, `diff -u a/ b/`).
"""
import os
import shutil
import subprocess
from dataclasses import dataclass, field


class PatchError(Exception):
    pass


@dataclass
class Overlay:
    root: str                                       # the tree the patches apply to (never written)
    dir: str = ""                                   # where patched copies live, same layout as root
    changed: set = field(default_factory=set)       # relative paths present in the overlay (patched or added)
    added: set = field(default_factory=set)         # files the patches create
    deleted: set = field(default_factory=set)       # files the patches delete
    patches: list = field(default_factory=list)     # [{"path": ..., "files": [...]}]

    def path_of(self, rel):
        """Where a tree-relative file's effective content is (None once deleted)."""
        if rel in self.deleted:
            return None
        if rel in self.changed:
            return os.path.join(self.dir, rel)
        return os.path.join(self.root, rel)

    def header_dirs(self):
        """Directories (relative) holding patched headers: their units compile from the overlay too, so that
        `#include "local.h"` finds the patched copy first."""
        return {os.path.dirname(p) for p in self.changed if not p.endswith(".c")}

    def shadow(self, rel):
        """Puts an unpatched copy of rel into the overlay (for units next to a patched header); returns its path."""
        dst = os.path.join(self.dir, rel)
        if not os.path.exists(dst):
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy2(os.path.join(self.root, rel), dst)
        return dst


def _strip1(path):
    path = path.split("\t", 1)[0].strip()
    if path == "/dev/null":
        return None
    if path.startswith('"') and path.endswith('"'):
        path = path[1:-1]
    parts = path.split("/", 1)
    if len(parts) != 2 or not parts[1]:
        return path
    rel = os.path.normpath(parts[1])
    if rel.startswith("..") or os.path.isabs(rel):
        raise PatchError("refuses to patch '%s': outside the tree" % path)
    return rel


def files_of(patch_path):
    """(touched, created, deleted) relative paths, read from the ---/+++ headers of a unified diff."""
    touched, created, deleted = [], set(), set()
    try:
        with open(patch_path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError as e:
        raise PatchError("cannot read patch '%s': %s" % (patch_path, e.strerror))
    for k, line in enumerate(lines):
        if line.startswith("--- ") and k + 1 < len(lines) and lines[k + 1].startswith("+++ "):
            old, new = _strip1(line[4:]), _strip1(lines[k + 1][4:])
            target = new or old
            if target is None:
                continue
            if target not in touched:
                touched.append(target)
            if old is None:
                created.add(target)
            if new is None:
                deleted.add(target)
    if not touched:
        raise PatchError("patch '%s' holds no unified diff (---/+++ headers)" % patch_path)
    return touched, created, deleted


def apply(root, patch_paths, workdir):
    """Applies patches in order to copies under workdir/overlay. Raises PatchError with patch's own output."""
    ov = Overlay(root=root, dir=os.path.join(workdir, "overlay"))
    if not patch_paths:
        return ov
    os.makedirs(ov.dir, exist_ok=True)
    for p in patch_paths:
        touched, created, deleted = files_of(p)
        for rel in touched:
            dst = os.path.join(ov.dir, rel)
            if rel in ov.changed or rel in created:
                continue
            src = os.path.join(root, rel)
            if not os.path.isfile(src):
                raise PatchError("patch '%s' changes '%s', which the tree does not have" % (p, rel))
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copy2(src, dst)
        r = subprocess.run(["patch", "-p1", "--batch", "--forward", "--no-backup-if-mismatch", "-r", "-",
                            "-d", ov.dir, "-i", p], capture_output=True, text=True)
        if r.returncode != 0:
            out = (r.stdout + r.stderr).strip()
            raise PatchError("patch '%s' does not apply to %s:\n%s" % (p, root, out))
        for rel in touched:
            if os.path.exists(os.path.join(ov.dir, rel)):
                ov.changed.add(rel)
                ov.deleted.discard(rel)
                if rel in created:
                    ov.added.add(rel)
            else:
                ov.changed.discard(rel)
                ov.added.discard(rel)
                ov.deleted.add(rel)
        ov.patches.append({"path": p, "files": touched})
    return ov
