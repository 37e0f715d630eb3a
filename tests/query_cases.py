"""The parameters each library query is tested with (shared by the tests and regenerate_expected)."""

PARAMS = {
    "actions-of-organisation": {"org": "WRAP"},
    "co-involved-organisations": {"org": "WRAP"},
    "source-of-link": {"org": "Keep Britain Tidy", "action": "1.14"},
    "text-search": {"words": "payroll giving"},
}
