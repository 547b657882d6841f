"""mmio-audit-backports: audits several kernel trees (or fake trees) with mmio-audit, writes one report.

One module per job: specs (tree specs), ruleset (the ruleset as mmio-audit --list-rules describes it), sources (where
a tree's files come from), patches (patched copies), units (what to compile and how), runner (one mmio-audit run per
tree over the units' commands), audit (calls, verdicts and known fixes per tree, from mmio-audit's JSON report),
report_* (writers), output (atomic files), progress (stderr lines), cli (the command line).
"""
