"""The parameters each library query is run with on the real graph (snapshots, servers, Virtuoso)."""

PARAMS = {
    "actions-of-organisation": {"org": "WRAP"},
    "co-involved-organisations": {"org": "WRAP"},
    "source-of-link": {"org": "Keep Britain Tidy", "action": "1.14"},
    "text-search": {"words": "payroll giving"},
}
