"""The JSON report: the report's data as it is (schema in docs/backports.md)."""
import json


def render(report):
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
