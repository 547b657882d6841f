"""The ruleset as mmio-audit loads it (`mmio-audit --list-rules --format json`): the rules the audit checks (the
matrix's columns), what implies and what mitigates each, and the allocators' names (for choosing units). The tool
never reads the YAML itself, so it cannot disagree with the engine about what a ruleset says."""
import json
import subprocess
from dataclasses import dataclass, field

ROLES = ("destination", "min", "max", "size", "align", "fb_overlap_ok")
# A ruleset is a few KiB; a bound on what is read keeps a broken binary from flooding memory.
MAX_LISTING = 4 << 20


class RulesetError(Exception):
    pass


@dataclass
class Rule:
    id: str
    severity: str = "warning"
    message: str = ""
    description: str = ""
    implied_by: list = field(default_factory=list)
    mitigated_by: list = field(default_factory=list)
    on_unknown: str = "ignore"


@dataclass
class Allocator:
    name: str
    roles: list = field(default_factory=list)


@dataclass
class Mitigation:
    id: str
    commit: str
    subject: str
    file: str
    function: str


@dataclass
class Ruleset:
    path: str            # as mmio-audit names it: the file given, or <builtin>/hyperv.yaml
    builtin: bool        # True: mmio-audit's compiled-in copy (no --rules)
    rules: list          # the rules the audit checks, in the ruleset's order (opt-in ones only when enabled)
    allocators: list
    mitigations: list
    enabled: list = field(default_factory=list)     # the opt-in rules asked for (--enable)

    def rule_ids(self):
        return [r.id for r in self.rules]

    def value_roles(self):
        """The roles that carry values (every role but destination), in the engine's order."""
        used = {role for a in self.allocators for role in a.roles}
        return [r for r in ROLES if r != "destination" and r in used]

    def mitigation(self, mid):
        return next((m for m in self.mitigations if m.id == mid), None)

    def cli_args(self):
        """What mmio-audit needs to check this ruleset."""
        args = [] if self.builtin else ["--rules", self.path]
        return args + (["--enable", ",".join(self.enabled)] if self.enabled else [])


def load(cli, path=None, enable=()):
    """Asks mmio-audit for the ruleset at `path` (None: its built-in one). Errors are mmio-audit's own, which name
    the ruleset's file and line."""
    cmd = [cli, "--list-rules", "--format", "json"] + (["--rules", path] if path else [])
    if enable:
        cmd += ["--enable", ",".join(enable)]
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise RulesetError("cannot run %s: %s" % (cli, getattr(e, "strerror", None) or e))
    err = r.stderr.decode("utf-8", "replace").strip()
    if r.returncode != 0:
        raise RulesetError(err.replace("mmio-audit: error: ", "", 1) or "mmio-audit --list-rules exited %d"
                           % r.returncode)
    try:
        if len(r.stdout) > MAX_LISTING:
            raise ValueError("%d bytes" % len(r.stdout))
        d = json.loads(r.stdout.decode("utf-8"))
        rules = [Rule(id=x["id"], severity=x["severity"], message=x["message"], description=x["description"],
                      implied_by=list(x["impliedBy"]), mitigated_by=list(x["mitigatedBy"]),
                      on_unknown=x["onUnknown"]) for x in d["rules"] if x["checked"]]
        allocators = [Allocator(name=x["name"], roles=list(x["roles"])) for x in d["allocators"]]
        mitigations = [Mitigation(id=x["id"], commit=x["commit"], subject=x["subject"], file=x["file"],
                                  function=x["function"]) for x in d["mitigations"]]
        source = d["ruleset"]
    except (ValueError, KeyError, TypeError) as e:
        raise RulesetError("%s --list-rules wrote what this tool cannot read (%s): is it this version's mmio-audit?"
                           % (cli, e))
    return Ruleset(path=source, builtin=path is None, rules=rules, allocators=allocators, mitigations=mitigations,
                   enabled=list(enable))
