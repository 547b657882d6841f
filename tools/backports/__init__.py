"""mmio-audit-backports: audits several kernel trees (or fake trees) with the mmio_audit plugin, writes one report.

One module per job: specs (tree specs), ruleset (rule ids and allocator names), sources (where a tree's files come
from), patches (patched copies), units (what to compile and how), runner (compiling with the plugin),
diagnostics (reading clang's output), audit (calls and verdicts per tree), report_* (writers), output (atomic files),
progress (stderr lines), cli (the command line).
"""
