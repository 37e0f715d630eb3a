"""A small valid data folder for the fuzz targets: the made-up strategy of tests/sample_strategy.py,
a three-row progress report on it in the real table format, a manifest listing both, and the
real curated registry. Parsing and resolving it takes about a tenth of a second."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from graph.resources import data_dir
from sample_strategy import SAMPLE

PUBLISHER = "Department for Environment, Food and Rural Affairs"

REPORT = """\
Rivers and Woodland Volunteering Plan

One Year On
- a made-up progress report for the fuzz tests

March 2012

Volunteering Plan One Year On detailed progress report

Theme\tStrategy Chapter\tAction\tTiming\tActions\tProgress report\tNext actions
Working in partnership\tRivers and wetlands\t1.1\tImmediate\tSet up the Volunteer Advisory Panel with members from voluntary groups.\tComplete. The Panel met in May 2011 with WRAP and the RSPB; Natural England (NE) gave £20,000 a year.\t-
Working in partnership\tRivers and wetlands\t1.4\tOngoing and longer term\tWork with voluntary groups and Natural England on wetland surveys.\tIn progress. Surveys funded with £1.2 million over three years by the Environment Agency (see commitment 1.1).\tReview the surveys.
Volunteering Plan One Year On detailed progress report
Theme\tStrategy Chapter\tAction\tTiming\tActions\tProgress report\tNext actions
Changing how we operate\tGrants and payments\t2.1\tImmediate\tRedesign our grant forms for small groups, with voluntary groups.\tNo progress reported.\t
"""

STRATEGY_FILE = "sources/plan.txt"
REPORT_FILE = "sources/report.txt"


def manifest() -> dict:
    return {"sources": [
        {"date": "2011-03", "file": STRATEGY_FILE, "id": "plan-2011", "kind": "strategy", "licence": "made up for the tests",
         "publisher": PUBLISHER, "title": "Rivers and Woodland Volunteering Plan", "url": "https://example.org/plan"},
        {"date": "2012-03", "file": REPORT_FILE, "id": "report-2012", "kind": "progress-report",
         "licence": "made up for the tests", "publisher": PUBLISHER, "title": "One Year On"},
    ]}


def write_data_folder(target: Path) -> Path:
    """The valid folder; targets overwrite one file of it per case."""
    shutil.copytree(data_dir(), target, ignore=shutil.ignore_patterns("__init__.py", "__pycache__", "sources"))
    (target / "sources").mkdir()
    (target / STRATEGY_FILE).write_text(SAMPLE, encoding="utf-8")
    (target / REPORT_FILE).write_text(REPORT, encoding="utf-8")
    (target / "sources.json").write_text(json.dumps(manifest(), indent=2), encoding="utf-8")
    return target
