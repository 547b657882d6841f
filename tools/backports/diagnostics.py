"""Reads clang's diagnostics (as the plugin prints them) into records: findings, call listings, errors."""
import re
from dataclasses import dataclass, field

UNKNOWN_PREFIX = "cannot decide whether this call satisfies the rule"
CALL_TAG = "mmio-audit-call"

_LOC_RE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<level>fatal error|error|warning|remark|note): "
                     r"(?P<msg>.*)$")
_NOLOC_RE = re.compile(r"^(?:(?P<prog>[^\s:]+): )?(?P<level>fatal error|error): (?P<msg>.*)$")
_TAG_RE = re.compile(r"^(?P<text>.*) \[(?P<tag>[a-z0-9][a-z0-9-]*)\]$")
_CALL_RE = re.compile(r"^(?P<callee>[A-Za-z_][A-Za-z0-9_]*) call in (?:'(?P<func>[^']*)'|file scope):(?P<rest>.*)$")
_ROLE_SPLIT_RE = re.compile(r"(?:^ |, )(destination|min|max|size|align|fb_overlap_ok) = ")
_PASSES_RE = re.compile(r"^'(?P<wrapper>[^']+)' passes them on to '(?P<callee>[^']+)' here$")
_ROLE_NOTE_RE = re.compile(r"^(?P<role>min|max|size|align|fb_overlap_ok) is (?P<value>.+)$")


@dataclass
class Diag:
    level: str                  # "error", "fatal error", "warning", "remark", "note"
    message: str                # without the [tag]
    tag: str = ""               # a rule id, "mmio-audit-call", or "" (clang's own, or an unknown tag)
    file: str = ""              # as printed (relative to the compile's directory, or absolute)
    line: int = 0
    column: int = 0
    notes: list = field(default_factory=list)

    @property
    def is_error(self):
        return self.level in ("error", "fatal error")


def parse(text, rule_ids):
    """Every top-level diagnostic in clang's stderr, with its notes. Tags are kept only when they are a rule of the
    ruleset or the call listing, so clang's own `[-Wfoo]` stays part of the message."""
    known = set(rule_ids) | {CALL_TAG}
    out = []
    for raw in text.splitlines():
        m = _LOC_RE.match(raw)
        if m:
            d = Diag(level=m.group("level"), message=m.group("msg"), file=m.group("file"),
                     line=int(m.group("line")), column=int(m.group("col")))
        else:
            m = _NOLOC_RE.match(raw)
            if not m:
                continue            # source lines, carets, "In file included from", "N warnings generated."
            d = Diag(level=m.group("level"), message=m.group("msg"))
        t = _TAG_RE.match(d.message)
        if t and t.group("tag") in known:
            d.message, d.tag = t.group("text"), t.group("tag")
        if d.level == "note":
            if out:
                out[-1].notes.append(d)
            continue
        out.append(d)
    return out


def parse_call(message):
    """The call listing's text -> (callee, function or None, {role: value}); None when it is not one."""
    m = _CALL_RE.match(message)
    if not m:
        return None
    rest = m.group("rest")
    parts = _ROLE_SPLIT_RE.split(rest)
    # parts = ['', role, value, role, value, ...]
    bounds = {}
    for k in range(1, len(parts) - 1, 2):
        bounds[parts[k]] = parts[k + 1].strip()
    return m.group("callee"), m.group("func"), bounds


def is_unknown(diag):
    return diag.message.startswith(UNKNOWN_PREFIX)


def wrapper_of(diag):
    """For a finding reported where a wrapper is called: (wrapper, allocator), from its notes."""
    for n in diag.notes:
        m = _PASSES_RE.match(n.message)
        if m:
            return m.group("wrapper"), m.group("callee")
    return None


def role_values(diag):
    """The role values a finding's notes state ("min is 0x0")."""
    out = {}
    for n in diag.notes:
        m = _ROLE_NOTE_RE.match(n.message)
        if m and m.group("role") not in out:
            out[m.group("role")] = m.group("value")
    return out
