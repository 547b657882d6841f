"""The command line: parses options and tree specs, audits each tree, writes the report(s), picks the exit code."""
import argparse
import datetime
import os
import shutil
import sys
import tempfile
import time
import traceback

from . import audit, output, patches, progress, report_html, report_json, report_markdown, ruleset, runner, \
    sources, specs, units

TOOLS = sources.TOOLS
REPO = os.path.dirname(TOOLS)
SCHEMA_VERSION = 2
FORMATS = {"md": report_markdown.render, "html": report_html.render, "json": report_json.render}
EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}

DESCRIPTION = """\
Audits several kernel trees with mmio-audit and writes one report: a matrix of tree x rule (clean, mitigated,
violated, unknown) and, per tree, every allocator call site with its bounds and a verdict per rule, from one
compile per unit (mmio-audit's call inventory, --list-calls). A violation that a known fix elsewhere in the tree
defuses (rules/README.md, "Known fixes") is mitigated."""

EPILOG = """\
tree specs:
  [LABEL=]SOURCE[,KEY=VALUE]...
  SOURCE   linux-source-6.12     a Debian package (installed if needed, unpacked and prepared once, cached)
           DIR                   a kernel source tree, or a directory with a compile_commands.json
           REPO_DIR@REV          a git revision, checked out with `git archive` into the cache
  KEYS     patch=FILE            apply a -p1 patch to copies of the files it touches (repeatable, in order);
                                 the tree itself is never modified
           arch=x86_64|arm64     kernel trees: the architecture to configure (default x86_64)
           kind=kernel|compdb    override the detection (Kbuild tree, or compile_commands.json)
  LABEL    names the tree in the report (default: the source, then +PATCHNAME for each patch)

examples:
  mmio-audit-backports -o report.md -o report.html -o report.json \\
      linux-source-6.1 '6.1+seed-fix=linux-source-6.1,patch=test/kernel/Inputs/seed-fix.patch' \\
      linux-source-6.12 '6.12+seed-fix=linux-source-6.12,patch=test/kernel/Inputs/seed-fix.patch'
  mmio-audit-backports --format json ~/src/linux@v6.6 ~/src/linux@v6.6.60,arch=arm64

exit status:
  0  every tree is clean or mitigated (unknown verdicts too, unless --fail-on-unknown)
  1  some tree violates a rule
  2  some tree could not be audited (not prepared, a patch that does not apply, a unit that does not compile):
     the report is still written, the others' results in it; also bad options or tree specs (no report)

The report formats and the JSON schema are described in docs/backports.md."""


def default_cache():
    if os.environ.get("MMIO_AUDIT_CACHE"):
        return os.environ["MMIO_AUDIT_CACHE"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "mmio-audit")


def default_clang():
    return shutil.which("clang-19") or "/usr/lib/llvm-19/bin/clang-19"


def parse_args(argv):
    p = argparse.ArgumentParser(prog="mmio-audit-backports", description=DESCRIPTION, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("trees", nargs="*", metavar="TREE", help="a tree spec (see below)")
    p.add_argument("--tree", action="append", default=[], metavar="SPEC", help="a tree spec (repeatable)")
    p.add_argument("-o", "--output", action="append", default=[], metavar="FILE",
                   help="write the report to FILE, in the format its extension says (.md, .html, .json); "
                        "repeatable; '-' is standard output in --format. Default: standard output")
    p.add_argument("--format", choices=sorted(FORMATS), default="md",
                   help="the format for standard output (default md)")
    p.add_argument("--rules", metavar="FILE",
                   help="the ruleset (default: mmio-audit's built-in rules/hyperv.yaml)")
    p.add_argument("--enable", action="append", default=[], metavar="RULE",
                   help="also check these opt-in rules (`enabled: false` in the ruleset; repeatable, "
                        "comma-separated), as mmio-audit --enable")
    p.add_argument("--cli", metavar="PROG", default=os.environ.get("MMIO_AUDIT_CLI") or
                   os.path.join(REPO, "build", "bin", "mmio-audit"),
                   help="the mmio-audit command-line tool (default $MMIO_AUDIT_CLI or build/bin/mmio-audit)")
    p.add_argument("--clang", metavar="PROG", default=default_clang(),
                   help="the compiler for compile_commands.json trees (default clang-19); kernel trees use "
                        "Kbuild's own command (LLVM=-19)")
    p.add_argument("--cache", metavar="DIR", default=default_cache(),
                   help="where prepared kernel trees and git checkouts are kept (default $MMIO_AUDIT_CACHE or "
                        "~/.cache/mmio-audit, shared with tools/kernel/prepare-tree.sh)")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                   help="compile N units at a time (default: the number of CPUs)")
    p.add_argument("--timeout", type=int, default=900, metavar="SECONDS",
                   help="give up on a tree's analysis after this long for each unit it compiles (default 900)")
    p.add_argument("--fail-on-unknown", action="store_true",
                   help="exit 1 when a verdict is unknown, as when one is violated")
    p.add_argument("--title", default="mmio-audit backport audit", help="the report's title")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--progress", dest="progress", action="store_true", default=None,
                   help="print progress lines on stderr (default: when stderr is a terminal)")
    g.add_argument("--no-progress", dest="progress", action="store_false", help="never print progress lines")
    a = p.parse_args(argv)
    a.specs = a.tree + a.trees
    return p, a


def output_plan(a):
    """[(path or '-', format)], checked before any work."""
    plan = []
    for path in a.output or ["-"]:
        if path == "-":
            plan.append(("-", a.format))
            continue
        ext = os.path.splitext(path)[1].lower()
        if ext not in EXTENSIONS:
            raise ValueError("cannot tell the format of '%s' from its extension (.md, .html or .json)" % path)
        if not os.path.isdir(os.path.dirname(os.path.abspath(path))):
            raise ValueError("cannot write '%s': no such directory" % path)
        plan.append((path, EXTENSIONS[ext]))
    return plan


def generated_at():
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    t = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch and epoch.isdigit() \
        else datetime.datetime.now(datetime.timezone.utc)
    return t.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def audit_tree(index, spec, rules, a, prog, prepared):
    """One tree's entry of the report; never raises for the tree's own problems. `prepared` keeps the sources this
    run has prepared (a package audited as shipped and patched is prepared once)."""
    start = time.monotonic()
    entry = {"label": spec.label, "spec": spec.text, "source": sources.describe(spec), "kind": spec.kind or None,
             "arch": spec.arch if spec.kind != "compdb" else None, "kernel_version": None,
             "patches": [{"path": t, "resolved": p, "files": []} for t, p in zip(spec.patch_texts, spec.patches)],
             "status": "failed", "error": None,
             "notes": [], "unit_selection": None, "seconds": 0.0, "verdicts": audit.not_audited_row(rules),
             "compiles": 0, "known_fixes": [], "units": [], "calls": []}
    work = tempfile.mkdtemp(prefix="mmio-backports-")
    try:
        what = {"debian-package": "prepare %s" % spec.source, "git": "check out %s" % spec.revision}.get(
            spec.source_type, "prepare" if spec.kind == "kernel" else "read")
        key = (spec.source_type, spec.source, spec.commit, spec.kind, spec.arch)
        if key not in prepared:
            try:
                with prog.step(index, spec.label, what, announce=spec.kind != "compdb"):
                    prepared[key] = sources.materialize(spec, a.cache, a.cli)
            except sources.SourceError as e:
                prepared[key] = e
        else:
            prog.line(index, spec.label, "%s: done for an earlier tree" % what)
        if isinstance(prepared[key], Exception):
            raise prepared[key]
        src = prepared[key]
        entry["source"] = dict(src.info)
        entry["kind"] = src.kind
        entry["arch"] = spec.arch if src.kind == "kernel" else None
        if src.kind == "kernel":
            entry["kernel_version"] = sources.kernel_version(src.root) or None
        entry["unit_selection"] = units.selection_text(
            rules, src.kind, src.kind == "kernel" and units.prefiltered_units(src) is not None)
        if spec.patches:
            with prog.step(index, spec.label, "apply %d patch(es)" % len(spec.patches)):
                ov = patches.apply(src.root, spec.patches, work)
            for p, applied in zip(entry["patches"], ov.patches):
                p["files"] = applied["files"]
            other = sorted(f for f in ov.changed | ov.deleted if not f.endswith((".c", ".h")))
            if other:
                entry["notes"].append("the patches change files other than C sources and headers (%s): the build "
                                      "commands do not see those changes" % ", ".join(other))
        else:
            ov = patches.Overlay(root=src.root)
        with prog.step(index, spec.label, "find units", announce=src.kind == "kernel"):
            if src.kind == "kernel":
                unit_list, notes = units.kernel_units(src, ov, rules, spec.arch, a.cache, a.jobs)
            else:
                unit_list, notes = units.compdb_units(src, ov, rules, a.clang)
        entry["notes"] += notes
        with prog.step(index, spec.label, "analyse %d unit(s) with mmio-audit" % len(unit_list),
                       announce=src.kind == "kernel"):
            run = runner.run_tree(unit_list, a.cli, rules, src.root, ov.dir, work, a.jobs, a.timeout)
        if run.error:
            raise units.UnitError(run.error)
        namer = audit.PathNamer(src.root, ov.dir)
        unit_names = {}
        for u in unit_list:
            if u.path:
                unit_names.setdefault(os.path.realpath(os.path.join(u.cwd, u.path)), u.name)
        entry["units"] = audit.unit_entries(unit_list, run.report, namer)
        entry["compiles"] = sum(u["compiles"] for u in entry["units"])
        # A patch that deletes a fix's file removes the fix, though mmio-audit, finding no copy in the overlay, would
        # read the tree's.
        gone = {m.id for m in rules.mitigations if m.file in ov.deleted}
        entry["known_fixes"] = audit.known_fixes(run.report, namer, gone) if run.report else []
        entry["calls"] = audit.tree_calls(run.report, rules, namer, unit_names, gone) if run.report else []
        failed = [u["path"] for u in entry["units"] if u["status"] == "failed"]
        entry["verdicts"] = audit.tree_verdicts(entry["calls"], rules, complete=not failed)
        if failed:
            entry["status"] = "incomplete"
            entry["error"] = "%d of %d unit(s) did not compile: %s" % (len(failed), len(unit_list), ", ".join(failed))
        else:
            entry["status"] = "audited"
            if not unit_list:
                entry["notes"].append("no unit names an allocator: nothing to check")
    except (sources.SourceError, patches.PatchError, units.UnitError) as e:
        entry["error"] = str(e)
    except Exception as e:                      # a bug: say so, keep the other trees' results
        entry["error"] = "internal error: %s: %s" % (type(e).__name__, e)
        traceback.print_exc()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    entry["seconds"] = round(time.monotonic() - start, 1)
    return entry


def summarize(trees, rule_ids, fail_on_unknown):
    s = {"trees": len(trees), "clean": [], "mitigated": [], "violated": [], "unknown": [], "not_audited": []}
    for t in trees:
        if t["status"] == "failed":
            s["not_audited"].append(t["label"])
            continue
        vs = {t["verdicts"][r]["verdict"] for r in rule_ids}
        if "violated" in vs:
            s["violated"].append(t["label"])
        elif "unknown" in vs:
            s["unknown"].append(t["label"])
        elif "mitigated" in vs:
            s["mitigated"].append(t["label"])
        else:
            s["clean"].append(t["label"])
    if any(t["status"] != "audited" for t in trees):
        code = 2
    elif s["violated"] or (fail_on_unknown and s["unknown"]):
        code = 1
    else:
        code = 0
    s["incomplete"] = [t["label"] for t in trees if t["status"] == "incomplete"]
    s["compiles"] = sum(t["compiles"] for t in trees)
    s["exit_code"] = code
    return s


def main(argv):
    parser, a = parse_args(argv)
    err = lambda msg: print("mmio-audit-backports: error: %s" % msg, file=sys.stderr)
    try:
        plan = output_plan(a)
        tree_specs = specs.parse_all(a.specs)
        if a.jobs < 1 or a.timeout < 1:
            raise ValueError("--jobs and --timeout must be at least 1")
        if not (os.path.isfile(a.cli) and os.access(a.cli, os.X_OK)):
            raise ValueError("no mmio-audit at '%s' (build it first, or give --cli)" % a.cli)
        a.cli = os.path.abspath(a.cli)
        enable = [x for arg in a.enable for x in arg.split(",") if x]
        rules = ruleset.load(a.cli, os.path.abspath(a.rules) if a.rules else None, enable)
    except ruleset.RulesetError as e:
        # mmio-audit's own words, already clang-style (FILE:LINE:COL: error: ...) when they point into the ruleset.
        print(e if ": error: " in str(e) else "mmio-audit-backports: error: %s" % e, file=sys.stderr)
        return 2
    except (ValueError, specs.SpecError) as e:
        err(e)
        return 2
    a.cache = os.path.abspath(a.cache)
    os.makedirs(a.cache, exist_ok=True)
    show = a.progress if a.progress is not None else sys.stderr.isatty()
    prog = progress.Progress(show, len(tree_specs))

    started = time.monotonic()
    trees, prepared = [], {}
    for k, spec in enumerate(tree_specs, 1):
        entry = audit_tree(k, spec, rules, a, prog, prepared)
        trees.append(entry)
        if entry["status"] != "audited":
            err("tree '%s' %s: %s" % (spec.label, "could not be audited" if entry["status"] == "failed"
                                      else "was audited only in part", entry["error"]))

    summary = summarize(trees, rules.rule_ids(), a.fail_on_unknown)
    report = {
        "schema": "mmio-audit-backports",
        "schema_version": SCHEMA_VERSION,
        "title": a.title,
        "command": ["mmio-audit-backports"] + list(argv),
        "generated": generated_at(),
        "seconds": round(time.monotonic() - started, 1),
        "ruleset": {
            "path": rules.path,
            "display": "rules/" + os.path.basename(rules.path) if rules.builtin else
                       os.path.relpath(rules.path, REPO) if rules.path.startswith(REPO + os.sep) else rules.path,
            "builtin": rules.builtin,
            "rules": [{"id": r.id, "severity": r.severity, "message": r.message, "description": r.description,
                       "implied_by": r.implied_by, "mitigated_by": r.mitigated_by} for r in rules.rules],
            "allocators": [{"name": x.name, "roles": x.roles} for x in rules.allocators],
            "known_fixes": [{"id": m.id, "commit": m.commit, "subject": m.subject, "file": m.file,
                             "function": m.function} for m in rules.mitigations],
        },
        "roles": rules.value_roles(),
        "summary": summary,
        "trees": trees,
    }
    code = summary["exit_code"]
    for path, fmt in plan:
        text = FORMATS[fmt](report)
        if path == "-":
            sys.stdout.write(text)
            sys.stdout.flush()
            continue
        try:
            output.write_atomic(path, text)
        except OSError as e:
            err("cannot write '%s': %s" % (path, e.strerror))
            code = 2
    if show:
        print("mmio-audit-backports: %d tree(s): %d clean, %d mitigated, %d violated, %d unknown, %d not audited; "
              "%d compile(s); %.0fs"
              % (len(trees), len(summary["clean"]), len(summary["mitigated"]), len(summary["violated"]),
                 len(summary["unknown"]), len(summary["not_audited"]), summary["compiles"],
                 time.monotonic() - started), file=sys.stderr)
    return code
