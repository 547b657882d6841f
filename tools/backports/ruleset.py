"""The ruleset's rule ids (the matrix columns), implied-by links and allocator names (for choosing units).

The plugin itself loads and validates the ruleset; this module only reads what the report needs. It uses PyYAML
when it is installed, and otherwise a small reader for the block-style YAML rulesets are written in
(rules/hyperv.yaml): top-level `allocators:` and `rules:` sequences of mappings.
"""
import os
import re
from dataclasses import dataclass, field

ROLES = ("destination", "min", "max", "size", "align", "fb_overlap_ok")


class RulesetError(Exception):
    pass


@dataclass
class Rule:
    id: str
    severity: str = "warning"
    message: str = ""
    description: str = ""
    implied_by: list = field(default_factory=list)


@dataclass
class Allocator:
    name: str
    roles: list = field(default_factory=list)


@dataclass
class Ruleset:
    path: str            # the file read
    builtin: bool        # True: the plugin uses its compiled-in copy (no rules= argument)
    rules: list
    allocators: list

    def rule_ids(self):
        return [r.id for r in self.rules]

    def value_roles(self):
        """The roles that carry values (every role but destination), in the plugin's order."""
        used = {role for a in self.allocators for role in a.roles}
        return [r for r in ROLES if r != "destination" and r in used]


def _as_list(v):
    if v is None:
        return []
    return list(v) if isinstance(v, list) else [v]


def _scalar(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    if text.startswith("[") and text.endswith("]"):
        return [_scalar(x) for x in text[1:-1].split(",") if x.strip()]
    if text.startswith("{") and text.endswith("}"):
        out = {}
        for item in text[1:-1].split(","):
            if ":" in item:
                k, v = item.split(":", 1)
                out[k.strip()] = _scalar(v)
        return out
    return text


def _strip_comment(line):
    # Good enough for rulesets: a ' #' outside quotes starts a comment.
    quote = None
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip()
    return line.rstrip()


def _minimal_load(text):
    """Reads the two top-level sequences this tool needs from block-style YAML."""
    doc, section, item, item_indent, pending, seq_indent = {}, None, None, None, None, None
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        raw = lines[i]
        i += 1
        line = _strip_comment(raw)
        if not line.strip() or line.strip() == "---":
            continue
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if indent == 0:
            key = body.split(":", 1)[0]
            section = key if key in ("allocators", "rules") else None
            if section:
                doc[section] = []
            item, seq_indent = None, None
            continue
        if section is None:
            continue
        if body.startswith("- ") and seq_indent in (None, indent):
            seq_indent = indent
            item = {}
            doc[section].append(item)
            item_indent = indent + 2
            body = body[2:].strip()
            indent = item_indent
        if item is None or indent < item_indent or ":" not in body:
            continue
        if indent > item_indent:
            # Nested mappings (params, require, applies-to entries): params is the only one read here.
            if pending == "params":
                k, v = body.split(":", 1)
                item.setdefault("params", {})[k.strip()] = _scalar(v)
            continue
        key, value = body.split(":", 1)
        key, value = key.strip(), value.strip()
        pending = key
        if value in (">-", ">", "|", "|-", ">+", "|+"):
            block = []
            while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip(" ")) > indent):
                block.append(lines[i].strip())
                i += 1
            item[key] = (" " if value.startswith(">") else "\n").join(x for x in block if x)
        elif value:
            item[key] = _scalar(value)
        else:
            item[key] = {} if key == "params" else None
    return doc


def load(path, builtin):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise RulesetError("cannot read ruleset '%s': %s" % (path, e.strerror))
    doc = None
    if not os.environ.get("MMIO_BACKPORTS_NO_PYYAML"):
        try:
            import yaml
        except ImportError:
            yaml = None
        if yaml is not None:
            try:
                doc = yaml.safe_load(text)
            except yaml.YAMLError as e:
                raise RulesetError("ruleset '%s' is not valid YAML: %s" % (path, e))
    if doc is None:
        doc = _minimal_load(text)
    if not isinstance(doc, dict):
        raise RulesetError("ruleset '%s' is not a YAML mapping" % path)
    rules, allocators = [], []
    for r in _as_list(doc.get("rules")):
        if not isinstance(r, dict) or not isinstance(r.get("id"), str):
            raise RulesetError("ruleset '%s': a rule without an id" % path)
        # An opt-in rule (`enabled: false`) is not checked by the plugin this tool runs: no column for it.
        if str(r.get("enabled", True)).lower() == "false":
            continue
        rules.append(Rule(id=r["id"], severity=str(r.get("severity") or "warning"), message=str(r.get("message") or ""),
                          description=str(r.get("description") or "").strip(),
                          implied_by=[str(x) for x in _as_list(r.get("implied-by"))]))
    for a in _as_list(doc.get("allocators")):
        if not isinstance(a, dict) or not isinstance(a.get("name"), str):
            raise RulesetError("ruleset '%s': an allocator without a name" % path)
        params = a.get("params") if isinstance(a.get("params"), dict) else {}
        allocators.append(Allocator(name=a["name"], roles=[k for k in ROLES if k in params]))
    if not rules:
        raise RulesetError("ruleset '%s' has no rules" % path)
    if not allocators:
        raise RulesetError("ruleset '%s' has no allocators" % path)
    for a in allocators:
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", a.name):
            raise RulesetError("ruleset '%s': allocator '%s' is not an identifier" % (path, a.name))
    return Ruleset(path=os.path.abspath(path), builtin=builtin, rules=rules, allocators=allocators)
