"""Tree specs: what the user writes after --tree, parsed and checked before any work starts.

    [LABEL=]SOURCE[,KEY=VALUE]...

SOURCE is a Debian package (linux-source-6.12), a directory (a kernel source tree, or any directory holding a
compile_commands.json), or a git revision REPO_DIR@REV. KEYs: patch=FILE (repeatable, applied in order to copies),
arch=x86_64|arm64 (kernel trees), kind=kernel|compdb (when detection guesses wrong). LABEL names the tree in the
report; by default it is made from the source and the patches' names.
"""
import os
import re
import subprocess
from dataclasses import dataclass, field

ARCHES = ("x86_64", "arm64")
KINDS = ("kernel", "compdb")
LABEL_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+:-]*$")
PACKAGE_RE = re.compile(r"^linux-source-[0-9][A-Za-z0-9.+~-]*$")


class SpecError(Exception):
    """A tree spec that cannot mean anything: reported before any tree is touched."""


@dataclass
class TreeSpec:
    text: str                       # as the user wrote it
    label: str
    source_type: str                # "debian-package" | "directory" | "git"
    source: str                     # package name, absolute directory, or absolute repository directory
    revision: str = ""              # git only: as written
    commit: str = ""                # git only: the full commit it names
    kind: str = ""                  # "kernel" | "compdb" ("" = detect; git trees are detected once checked out)
    arch: str = "x86_64"
    patches: list = field(default_factory=list)   # absolute paths
    patch_texts: list = field(default_factory=list)   # the same, as written


def looks_like_kernel(path):
    return all(os.path.exists(os.path.join(path, p)) for p in ("Makefile", "Kconfig", "drivers", "scripts"))


def detect_kind(path):
    """kernel for a kernel source tree, compdb for a directory with a compile_commands.json, else None."""
    if looks_like_kernel(path):
        return "kernel"
    if os.path.isfile(os.path.join(path, "compile_commands.json")):
        return "compdb"
    return None


def _git(repo, *args):
    r = subprocess.run(["git", "-C", repo, *args], capture_output=True, text=True)
    return r.returncode, r.stdout.strip(), r.stderr.strip()


def _default_label(spec):
    if spec.source_type == "debian-package":
        base = spec.source
    elif spec.source_type == "directory":
        base = os.path.basename(spec.source.rstrip("/")) or spec.source
    else:
        base = "%s@%s" % (os.path.basename(spec.source.rstrip("/")), spec.revision)
    for p in spec.patches:
        stem = os.path.basename(p)
        for ext in (".patch", ".diff"):
            if stem.endswith(ext):
                stem = stem[: -len(ext)]
        base += "+" + stem
    return base


def parse(text, cwd=None):
    """Parses and checks one spec; raises SpecError saying what is wrong."""
    cwd = cwd or os.getcwd()
    if not text.strip():
        raise SpecError("empty tree spec")
    parts = text.split(",")
    head, options = parts[0], parts[1:]
    label = ""
    m = re.match(r"^([^=/]+)=(.+)$", head)
    if m:
        label, head = m.group(1), m.group(2)
        if not LABEL_RE.match(label):
            raise SpecError("tree spec '%s': label '%s' may hold only letters, digits and . _ + : - "
                            "(starting with a letter or digit)" % (text, label))
    if not head:
        raise SpecError("tree spec '%s': no source" % text)

    spec = TreeSpec(text=text, label=label, source_type="", source="")
    for opt in options:
        if "=" not in opt:
            raise SpecError("tree spec '%s': '%s' is not KEY=VALUE (keys: patch, arch, kind)" % (text, opt))
        key, value = opt.split("=", 1)
        if not value:
            raise SpecError("tree spec '%s': '%s' needs a value" % (text, key))
        if key == "patch":
            path = os.path.abspath(os.path.join(cwd, value))
            if not os.path.isfile(path):
                raise SpecError("tree spec '%s': patch '%s' is not a file" % (text, value))
            spec.patches.append(path)
            spec.patch_texts.append(value)
        elif key == "arch":
            if value not in ARCHES:
                raise SpecError("tree spec '%s': arch '%s' is not one of %s" % (text, value, ", ".join(ARCHES)))
            spec.arch = value
        elif key == "kind":
            if value not in KINDS:
                raise SpecError("tree spec '%s': kind '%s' is not one of %s" % (text, value, ", ".join(KINDS)))
            spec.kind = value
        else:
            raise SpecError("tree spec '%s': unknown key '%s' (keys: patch, arch, kind)" % (text, key))

    path = os.path.abspath(os.path.join(cwd, head))
    if os.path.isdir(path):
        spec.source_type, spec.source = "directory", path
        kind = detect_kind(path)
        if not spec.kind:
            if kind is None:
                raise SpecError("tree spec '%s': '%s' is neither a kernel source tree nor a directory with a "
                                "compile_commands.json" % (text, head))
            spec.kind = kind
    elif "@" in head:
        repo, rev = head.split("@", 1)
        repo_path = os.path.abspath(os.path.join(cwd, repo))
        if not repo or not rev:
            raise SpecError("tree spec '%s': a git revision is written REPO_DIR@REV" % text)
        if not os.path.isdir(repo_path):
            raise SpecError("tree spec '%s': '%s' is not a directory" % (text, repo))
        rc, out, err = _git(repo_path, "rev-parse", "--verify", "--quiet", rev + "^{commit}")
        if rc != 0 or not out:
            rc2, _, err2 = _git(repo_path, "rev-parse", "--git-dir")
            if rc2 != 0:
                raise SpecError("tree spec '%s': '%s' is not in a git repository (%s)" % (text, repo, err2))
            raise SpecError("tree spec '%s': '%s' is not a commit in '%s'" % (text, rev, repo))
        spec.source_type, spec.source, spec.revision, spec.commit = "git", repo_path, rev, out
    elif PACKAGE_RE.match(head):
        spec.source_type, spec.source = "debian-package", head
        if spec.kind == "compdb":
            raise SpecError("tree spec '%s': a Debian package is a kernel tree (kind=compdb makes no sense)" % text)
        spec.kind = "kernel"
    elif os.path.exists(path):
        raise SpecError("tree spec '%s': '%s' is not a directory" % (text, head))
    else:
        raise SpecError("tree spec '%s': '%s' is not a directory, a REPO_DIR@REV or a linux-source-* package"
                        % (text, head))
    if not spec.label:
        spec.label = _default_label(spec)
    return spec


def parse_all(texts, cwd=None):
    """Parses every spec; labels must be unique (they name sections and JSON entries)."""
    if not texts:
        raise SpecError("no trees to audit (give --tree SPEC or SPEC arguments; see --help)")
    specs = [parse(t, cwd) for t in texts]
    seen = {}
    for s in specs:
        if s.label in seen:
            raise SpecError("trees '%s' and '%s' are both labelled '%s': give one a LABEL= (see --help)"
                            % (seen[s.label], s.text, s.label))
        seen[s.label] = s.text
    return specs
