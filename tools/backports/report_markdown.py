"""The Markdown report: for a terminal, a ticket or a README (GitHub-flavoured tables)."""
import shlex

from . import report_common as rc


def esc(text):
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def code(text):
    text = str(text).replace("|", "\\|").replace("\n", " ")
    fence = "``" if "`" in text else "`"
    return "%s%s%s" % (fence, text, fence)


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def render(report):
    rule_ids = [r["id"] for r in report["ruleset"]["rules"]]
    roles = report["roles"]
    trees = report["trees"]
    L = ["# %s" % esc(report["title"]), ""]
    L.append("Generated %s by `mmio-audit-backports` (report schema %d). Ruleset: %s. %s." % (
        report["generated"], report["schema_version"], esc(rc.ruleset_text(report)), rc.exit_text(report).capitalize()))
    L += ["", "```", shlex.join(report["command"]), "```", ""]

    L += ["## Matrix", ""]
    rows, implied_used = [], False
    for k, t in enumerate(trees, 1):
        row = ["[%s](#tree-%d)" % (esc(t["label"]), k), esc(rc.source_text(t)),
               esc(", ".join(rc.patch_names(t)) or "none")]
        for rid in rule_ids:
            cell = rc.cell_text(t["verdicts"][rid])
            if t["verdicts"][rid]["verdict"] != "not-audited" and rc.is_implied(t, rid):
                cell += " †"
                implied_used = True
            if t["verdicts"][rid]["verdict"] == "violated":
                cell = "**%s**" % cell
            row.append(cell)
        rows.append(row)
    L += table(["tree", "source", "patches"] + [code(r) for r in rule_ids], rows)
    L.append("")
    L += ["%s **%s**: %s.  " % (rc.MARK[v], v, text) for v, text in rc.LEGEND]
    if implied_used:
        L.append(rc.IMPLIED_NOTE + ".")
    L.append("")

    L += ["## Rules", ""]
    for r in report["ruleset"]["rules"]:
        implied = " Implied by %s." % ", ".join(code(x) for x in r["implied_by"]) if r["implied_by"] else ""
        mitigated = " Known fixes: %s." % ", ".join(code(x) for x in r["mitigated_by"]) if r.get("mitigated_by") \
            else ""
        L.append("- %s (%s): %s%s%s" % (code(r["id"]), r["severity"], esc(r["description"] or r["message"]),
                                        implied, mitigated))
    for m in report["ruleset"].get("known_fixes") or []:
        L.append("- known fix %s: %s (\"%s\"), looked for in %s() of %s" % (
            code(m["id"]), m["commit"], esc(m["subject"]), m["function"], code(m["file"])))
    L.append("")

    for k, t in enumerate(trees, 1):
        L += ['<a id="tree-%d"></a>' % k, "", "## %s" % esc(t["label"]), ""]
        L.append("- spec: %s" % code(t["spec"]))
        L.append("- source: %s%s" % (esc(rc.source_text(t)), "; " + esc(rc.build_text(t)) if rc.build_text(t) else ""))
        if t["patches"]:
            for p in t["patches"]:
                L.append("- patch: %s (%s)" % (code(p["path"]), ", ".join(code(f) for f in p["files"]) or "?"))
        else:
            L.append("- patches: none")
        L.append("- status: %s (%.0fs)" % (rc.status_text(t), t["seconds"]))
        if t["error"]:
            L.append("- **error**: %s" % esc(t["error"].splitlines()[0]))
            more = t["error"].splitlines()[1:]
            if more:
                L += ["", "  ```"] + ["  " + line for line in more] + ["  ```"]
        if t.get("unit_selection"):
            L.append("- %s" % esc(t["unit_selection"]))
        if t["status"] != "failed" and report["ruleset"].get("known_fixes"):
            found = rc.known_fixes_text(t)
            L.append("- known fixes: %s" % ("; ".join(esc(x) for x in found) if found else "none found in the tree"))
        for n in t["notes"]:
            L.append("- note: %s" % esc(n))
        L.append("")
        if t["status"] == "failed":
            continue

        if t["calls"]:
            rows = []
            for c in t["calls"]:
                row = [code(rc.site_text(c)), esc(rc.function_text(c)), esc(rc.callee_text(c))]
                row += [code(c["bounds"][r]) if c["bounds"].get(r) is not None else "–" for r in roles]
                for rid in rule_ids:
                    v = c["verdicts"][rid]
                    text = rc.verdict_text(v["verdict"]) + (" †" if v.get("implied_by") else "") + \
                        (" (suppressed)" if v.get("suppressed") else "")
                    row.append("**%s**" % text if v["verdict"] == "violated" else text)
                rows.append(row)
            L += table(["call site", "function", "callee"] + roles + [code(r) for r in rule_ids], rows)
            L.append("")
        else:
            L += ["No allocator call in the units compiled.", ""]

        fs = rc.findings(t)
        if fs:
            L += ["Findings:", ""]
            for c, rid, v in fs:
                if v.get("message"):
                    what = esc(v["message"])
                else:
                    what = "reported as %s here (one root cause, one warning)" % ", ".join(
                        code(x) for x in v["implied_by"]) if v.get("implied_by") else "no finding reported"
                if v.get("mitigated_by"):
                    m = v["mitigated_by"]
                    what += "; mitigated by %s%s" % (m.get("commit") or m["id"],
                                                     " at " + code(m["location"]) if m.get("location") else "")
                if v.get("suppressed"):
                    s = v["suppressed"]
                    what += "; suppressed%s%s" % (" at " + code(s["location"]) if s["location"] else "",
                                                  ": " + esc(s["reason"]) if s["reason"] else "")
                L.append("- %s %s %s %s: %s" % (code(rc.site_text(c)), rc.MARK[v["verdict"]], v["verdict"],
                                                 code(rid), what))
                for n in v["notes"]:
                    L.append("  - %s%s" % (code(n["location"]) + ": " if n["location"] else "", esc(n["message"])))
            L.append("")

        rows = []
        for u in t["units"]:
            status = u["status"] + (" (patched copy)" if u["patched"] else "")
            if u["errors"]:
                status += ": " + esc(u["errors"][0])
            rows.append([code(u["path"]), status, str(u["compiles"])])
        if rows:
            L += ["Units:", ""]
            L += table(["unit", "status", "compiles"], rows)
            L.append("")
    return "\n".join(L).rstrip() + "\n"
