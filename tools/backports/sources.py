"""Where a tree's files come from: a Debian package or a kernel directory (prepared by tools/kernel/prepare-tree.sh,
cached), a directory with a compile_commands.json, or a git revision (checked out with `git archive` into the cache,
never touching the repository's work tree)."""
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field

from . import specs

TOOLS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PREPARE_TREE = os.path.join(TOOLS, "kernel", "prepare-tree.sh")


class SourceError(Exception):
    pass


@dataclass
class Source:
    kind: str                       # "kernel" | "compdb"
    root: str                       # the source tree
    build_dir: str = ""             # kernel: the prepared out-of-tree build
    db_path: str = ""               # compdb: the compile_commands.json
    path_map: tuple = ()            # compdb from git: (prefix in the database, prefix to use instead)
    info: dict = field(default_factory=dict)   # for the report's "source"


def kernel_version(src):
    try:
        with open(os.path.join(src, "Makefile"), encoding="utf-8", errors="replace") as f:
            head = f.read(4096)
    except OSError:
        return ""
    v = {k: (re.search(r"^%s[ \t]*=[ \t]*(\S*)" % k, head, re.M) or [None, ""])[1]
         for k in ("VERSION", "PATCHLEVEL", "SUBLEVEL", "EXTRAVERSION")}
    if not v["VERSION"]:
        return ""
    out = "%s.%s" % (v["VERSION"], v["PATCHLEVEL"])
    if v["SUBLEVEL"] not in ("", "0"):
        out += "." + v["SUBLEVEL"]
    return out + v["EXTRAVERSION"]


def package_version(name):
    r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 else ""


def prepare_kernel(source, arch, cache, cli=None):
    """Runs prepare-tree.sh (its unit selection with `cli`, the mmio-audit this audit runs); returns (src, build).
    Its step timings go to the log it returns on failure."""
    cmd = [PREPARE_TREE, "--arch", arch, "--cache", cache] + (["--cli", cli] if cli else []) + [source]
    r = subprocess.run(cmd, capture_output=True, text=True)
    last = r.stdout.strip().splitlines()[-1:] if r.stdout.strip() else []
    if r.returncode != 0 or not last or len(last[0].split()) != 2:
        log = (r.stderr + r.stdout).strip().splitlines()[-15:]
        raise SourceError("preparing %s failed (prepare-tree.sh exit %d):\n%s" % (source, r.returncode, "\n".join(log)))
    src, build = last[0].split()
    return src, build


def _git(repo, *args):
    r = subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise SourceError("git %s failed in %s: %s" % (" ".join(args), repo, r.stderr.strip()))
    return r.stdout.strip()


def checkout(spec, cache):
    """The commit's files, extracted once into CACHE/git/NAME-COMMIT (reused later: kernel builds are cached by
    that name). Returns (the spec's directory in the checkout, the repository's top level, the checkout's top)."""
    top = os.path.realpath(_git(spec.source, "rev-parse", "--show-toplevel"))
    prefix = os.path.relpath(os.path.realpath(spec.source), top)
    name = "%s-%s" % (os.path.basename(top), spec.commit[:12])
    dest = os.path.join(cache, "git", name)
    if not os.path.isdir(dest):
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        partial = tempfile.mkdtemp(prefix=name + ".partial-", dir=os.path.dirname(dest))
        os.chmod(partial, 0o755)
        try:
            archive = subprocess.Popen(["git", "-C", top, "archive", "--format=tar", spec.commit],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            with tarfile.open(fileobj=archive.stdout, mode="r|") as tar:
                if hasattr(tarfile, "tar_filter"):
                    tar.extractall(partial, filter="tar")
                else:
                    tar.extractall(partial)
            err = archive.stderr.read().decode(errors="replace")
            if archive.wait() != 0:
                raise SourceError("git archive %s failed: %s" % (spec.commit, err.strip()))
            try:
                os.rename(partial, dest)
            except OSError:
                if not os.path.isdir(dest):     # someone else extracted it meanwhile: use theirs
                    raise
        finally:
            shutil.rmtree(partial, ignore_errors=True)
    if prefix == ".":
        return dest, top, dest
    # A subdirectory of the repository: name it uniquely (prepare-tree.sh names a kernel's build after its source
    # directory, and two commits' `linux/` must not share one).
    link = "%s-%s" % (dest, prefix.replace(os.sep, "-"))
    if not os.path.islink(link):
        try:
            os.symlink(os.path.join(dest, prefix), link)
        except FileExistsError:
            pass
    return link, top, dest


def describe(spec):
    """The report's "source" entry, as far as the spec tells (materialize adds what it learns)."""
    info = {"type": spec.source_type}
    if spec.source_type == "debian-package":
        info.update(name=spec.source)
    elif spec.source_type == "directory":
        info.update(path=spec.source)
    else:
        info.update(repository=spec.source, revision=spec.revision, commit=spec.commit)
    return info


def materialize(spec, cache, cli=None):
    info = describe(spec)

    root, path_map = spec.source, ()
    if spec.source_type == "git":
        root, top, checkout_top = checkout(spec, cache)
        path_map = (top, checkout_top)
        try:
            info["describe"] = _git(spec.source, "describe", "--always", "--tags", spec.commit)
        except SourceError:
            pass
    kind = spec.kind or specs.detect_kind(root)
    if spec.source_type == "git" and kind is None:
        # A compile_commands.json is generated, seldom committed: take the work tree's, paths moved to the commit.
        if os.path.isfile(os.path.join(spec.source, "compile_commands.json")):
            kind = "compdb"
        else:
            raise SourceError("%s@%s is neither a kernel source tree nor a directory with a compile_commands.json"
                              % (spec.source, spec.revision))

    if kind == "kernel":
        src, build = prepare_kernel(spec.source if spec.source_type == "debian-package" else root, spec.arch, cache, cli)
        if spec.source_type == "debian-package":
            info["version"] = package_version(spec.source)     # known once prepare-tree.sh has installed it
        return Source(kind="kernel", root=src, build_dir=build, info=info)

    db = os.path.join(root, "compile_commands.json")
    if not os.path.isfile(db) and spec.source_type == "git":
        db = os.path.join(spec.source, "compile_commands.json")
    if not os.path.isfile(db):
        raise SourceError("%s has no compile_commands.json" % root)
    return Source(kind="compdb", root=root, db_path=db, path_map=path_map if spec.source_type == "git" else (),
                  info=info)
