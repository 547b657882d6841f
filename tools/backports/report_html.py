"""The HTML report: one self-contained page (inline CSS, no scripts, nothing fetched) a person can open."""
import shlex
from html import escape

from . import report_common as rc

CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; margin: 2em auto;
       max-width: 1400px; padding: 0 1.5em; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { margin-top: 2em; border-bottom: 1px solid #d0d7de; }
code, .mono { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
table { border-collapse: collapse; margin: .8em 0; }
th, td { border: 1px solid #d0d7de; padding: .35em .6em; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; }
table.matrix td.v { text-align: center; font-weight: 600; min-width: 9em; }
.violated { background: #ffd7d5; color: #82071e; } .clean { background: #d2f4dc; color: #0a3622; }
.unknown { background: #fff1c2; color: #633c01; } .not-audited { background: #e6e8eb; color: #424a53; }
.mitigated { background: #ddf4ff; color: #0a3069; }
td.v, td.verdict { white-space: nowrap; }
td.v small { display: block; font-weight: 400; }
/* A tree's name or path may have no place to break (underscores, a long commit id): it wraps anywhere rather than
   push the verdicts out of the window. */
table.matrix tbody th, table.matrix td:not(.v), table.calls td:first-child { overflow-wrap: anywhere; }
.meta { color: #57606a; } .legend span { display: inline-block; padding: .1em .5em; margin-right: .3em;
       border-radius: 3px; font-weight: 600; }
.error { border-left: 4px solid #cf222e; background: #fff5f5; padding: .5em 1em; white-space: pre-wrap; }
ul.notes { margin: .2em 0 .2em 1.2em; padding: 0; } .findings li { margin-bottom: .5em; }
.exit { font-weight: 600; }
pre.command { background: #f6f8fa; padding: .6em 1em; overflow-x: auto; white-space: pre-wrap; }
"""


def e(text):
    return escape(str(text), quote=True)


def verdict_cell(verdict, text, cls="verdict", detail=""):
    """A verdict; `detail` (the fix of a mitigated one) on a line of its own, so the column stays narrow."""
    small = "<small>%s</small>" % e(detail) if detail else ""
    return '<td class="%s %s">%s%s</td>' % (cls, e(verdict), e(text), small)


def render(report):
    rule_ids = [r["id"] for r in report["ruleset"]["rules"]]
    roles = report["roles"]
    trees = report["trees"]
    H = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
         '<meta name="viewport" content="width=device-width, initial-scale=1">',
         "<title>%s</title>" % e(report["title"]), "<style>%s</style>" % CSS, "</head>", "<body>"]
    H.append("<h1>%s</h1>" % e(report["title"]))
    H.append('<p class="meta">Generated %s by <code>mmio-audit-backports</code> (report schema %d). Ruleset: %s.</p>'
             % (e(report["generated"]), report["schema_version"], e(rc.ruleset_text(report))))
    H.append('<pre class="command"><code>%s</code></pre>' % e(shlex.join(report["command"])))
    H.append('<p class="exit">%s.</p>' % e(rc.exit_text(report).capitalize()))

    H += ['<h2 id="matrix">Matrix</h2>', '<table class="matrix">', "<thead><tr><th>tree</th><th>source</th>"
          "<th>patches</th>" + "".join('<th><code>%s</code></th>' % e(r) for r in rule_ids) + "</tr></thead>",
          "<tbody>"]
    implied_used = False
    for k, t in enumerate(trees, 1):
        row = '<tr><th><a href="#tree-%d">%s</a></th><td>%s</td><td>%s</td>' % (
            k, e(t["label"]), e(rc.source_text(t)), e(", ".join(rc.patch_names(t)) or "none"))
        for rid in rule_ids:
            cell = t["verdicts"][rid]
            text = rc.cell_text(dict(cell, mitigated_by=[]))
            if cell["verdict"] != "not-audited" and rc.is_implied(t, rid):
                text += " †"
                implied_used = True
            fixes = rc.fix_names(cell)
            row += verdict_cell(cell["verdict"], text, "v", "by " + fixes if fixes else "")
        H.append(row + "</tr>")
    H += ["</tbody></table>", '<p class="legend">']
    H += ['<span class="%s">%s %s</span> %s<br>' % (v, rc.MARK[v], v, e(text)) for v, text in rc.LEGEND]
    H.append("</p>")
    if implied_used:
        H.append('<p class="meta">%s.</p>' % e(rc.IMPLIED_NOTE.replace("`", "")))

    H += ['<h2 id="rules">Rules</h2>', "<dl>"]
    for r in report["ruleset"]["rules"]:
        implied = " Implied by %s." % ", ".join("<code>%s</code>" % e(x) for x in r["implied_by"]) \
            if r["implied_by"] else ""
        mitigated = " Known fixes: %s." % ", ".join("<code>%s</code>" % e(x) for x in r["mitigated_by"]) \
            if r.get("mitigated_by") else ""
        H.append("<dt><code>%s</code> (%s)</dt><dd>%s%s%s</dd>" % (
            e(r["id"]), e(r["severity"]), e(r["description"] or r["message"]), implied, mitigated))
    for m in report["ruleset"].get("known_fixes") or []:
        H.append("<dt>known fix <code>%s</code></dt><dd>%s (&ldquo;%s&rdquo;), looked for in <code>%s()</code> of "
                 "<code>%s</code></dd>" % (e(m["id"]), e(m["commit"]), e(m["subject"]), e(m["function"]),
                                           e(m["file"])))
    H.append("</dl>")

    for k, t in enumerate(trees, 1):
        H.append('<section id="tree-%d">' % k)
        H.append("<h2>%s</h2>" % e(t["label"]))
        H.append("<ul>")
        H.append("<li>spec: <code>%s</code></li>" % e(t["spec"]))
        bt = rc.build_text(t)
        H.append("<li>source: %s%s</li>" % (e(rc.source_text(t)), "; " + e(bt) if bt else ""))
        if t["patches"]:
            for p in t["patches"]:
                H.append("<li>patch: <code>%s</code> (%s)</li>" % (
                    e(p["path"]), ", ".join("<code>%s</code>" % e(f) for f in p["files"]) or "?"))
        else:
            H.append("<li>patches: none</li>")
        H.append("<li>status: %s (%.0fs)</li>" % (e(rc.status_text(t)), t["seconds"]))
        if t.get("unit_selection"):
            H.append("<li>%s</li>" % e(t["unit_selection"]))
        if t["status"] != "failed" and report["ruleset"].get("known_fixes"):
            found = rc.known_fixes_text(t)
            H.append("<li>known fixes: %s</li>" % ("; ".join(e(x) for x in found) if found
                                                     else "none found in the tree"))
        for n in t["notes"]:
            H.append("<li>note: %s</li>" % e(n))
        H.append("</ul>")
        if t["error"]:
            H.append('<div class="error">%s</div>' % e(t["error"]))
        if t["status"] == "failed":
            H.append("</section>")
            continue

        if t["calls"]:
            H.append('<table class="calls"><thead><tr><th>call site</th><th>function</th><th>callee</th>'
                     + "".join("<th>%s</th>" % e(r) for r in roles)
                     + "".join("<th><code>%s</code></th>" % e(r) for r in rule_ids) + "</tr></thead><tbody>")
            for c in t["calls"]:
                row = "<tr><td><code>%s</code></td><td><code>%s</code></td><td><code>%s</code></td>" % (
                    e(rc.site_text(c)), e(rc.function_text(c)), e(rc.callee_text(c)))
                row += "".join('<td class="mono">%s</td>' % (e(c["bounds"][r]) if c["bounds"].get(r) is not None
                                                             else "–") for r in roles)
                for rid in rule_ids:
                    v = c["verdicts"][rid]
                    row += verdict_cell(v["verdict"], rc.verdict_text(v["verdict"]) +
                                        (" †" if v.get("implied_by") else "") +
                                        (" (suppressed)" if v.get("suppressed") else ""))
                H.append(row + "</tr>")
            H.append("</tbody></table>")
        else:
            H.append("<p>No allocator call in the units compiled.</p>")

        fs = rc.findings(t)
        if fs:
            H.append('<h3>Findings</h3><ul class="findings">')
            for c, rid, v in fs:
                if v.get("message"):
                    what = e(v["message"])
                else:
                    what = "reported as %s here (one root cause, one warning)" % ", ".join(
                        "<code>%s</code>" % e(x) for x in v["implied_by"]) if v.get("implied_by") \
                        else "no finding reported"
                if v.get("mitigated_by"):
                    m = v["mitigated_by"]
                    what += "; mitigated by %s%s" % (e(m.get("commit") or m["id"]), " at <code>%s</code>" % e(
                        m["location"]) if m.get("location") else "")
                if v.get("suppressed"):
                    s = v["suppressed"]
                    what += "; suppressed%s%s" % (" at <code>%s</code>" % e(s["location"]) if s["location"] else "",
                                                  ": " + e(s["reason"]) if s["reason"] else "")
                H.append('<li><code>%s</code> <span class="%s">%s %s</span> <code>%s</code>: %s' % (
                    e(rc.site_text(c)), e(v["verdict"]), rc.MARK[v["verdict"]], e(v["verdict"]), e(rid), what))
                if v["notes"]:
                    H.append('<ul class="notes">' + "".join(
                        "<li>%s%s</li>" % ("<code>%s</code>: " % e(n["location"]) if n["location"] else "",
                                           e(n["message"])) for n in v["notes"]) + "</ul>")
                H.append("</li>")
            H.append("</ul>")

        if t["units"]:
            H.append("<details><summary>Units (%d)</summary>" % len(t["units"]))
            H.append("<table><thead><tr><th>unit</th><th>status</th><th>compiles</th></tr></thead><tbody>")
            for u in t["units"]:
                status = u["status"] + (" (patched copy)" if u["patched"] else "")
                cls = "clean" if u["status"] == "compiled" else "violated"
                err = "<br>" + "<br>".join("<code>%s</code>" % e(x) for x in u["errors"]) if u["errors"] else ""
                H.append('<tr><td><code>%s</code></td><td class="%s">%s%s</td><td>%d</td></tr>' % (
                    e(u["path"]), cls, e(status), err, u["compiles"]))
            H.append("</tbody></table></details>")
        H.append("</section>")
    H += ["</body>", "</html>"]
    return "\n".join(H) + "\n"
