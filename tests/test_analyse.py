"""Network analysis on the real graph, checked against values computed here from the parsed text
(the mentions and progress entries), not from the index the analysis reads."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import networkx as nx
import pytest

from graph.analyse import analyse
from graph.resolve import involvement
from helpers import defra_family

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def result(index_data):
    return analyse(index_data)


@pytest.fixture(scope="module")
def partners(corpus) -> dict[str, set[str]]:
    """action id -> partner organisations, straight from the mentions (publisher left out)."""
    by_action: dict[str, set[str]] = defaultdict(set)
    for org, actions in involvement(corpus).items():
        if org not in defra_family(corpus):
            for action_id in actions:
                by_action[action_id].add(org)
    return by_action


def test_partner_objective_matrix(result, corpus, partners):
    chapter = {a.id: a.chapter for a in corpus.actions}
    expected: dict[str, Counter] = defaultdict(Counter)
    for action_id, orgs in partners.items():
        for org in orgs:
            expected[org][str(chapter[action_id])] += 1
    assert result["matrix"] == {org: dict(sorted(row.items(), key=lambda kv: int(kv[0]))) for org, row in sorted(expected.items())}
    top = max(expected, key=lambda o: (len(expected[o]), sum(expected[o].values())))
    assert result["spanning"][0]["id"] == top == "third-sector-advisory-board"
    assert result["spanning"][0]["objectives"] == 9


def test_objectives_and_single_partner_dependence(result, corpus, partners):
    for row in result["objectives"]:
        actions = [a.id for a in corpus.actions if a.chapter == row["number"]]
        orgs = Counter(o for a in actions for o in partners.get(a, ()))
        partnered = [a for a in actions if partners.get(a)]
        assert row["partners"] == len(orgs)
        assert row["partnered_actions"] == len(partnered)
        assert row["top_partner_actions"] == max(orgs.values())
        assert row["single_partner"] == (len(orgs) == 1)
        assert (row["dominant_partner"] is not None) == (max(orgs.values()) / len(partnered) >= 0.5)


def test_centrality_matches_an_independent_projection(result, partners):
    projection = nx.Graph()
    for orgs in partners.values():
        projection.add_nodes_from(orgs)
        for a, b in itertools.combinations(sorted(orgs), 2):
            projection.add_edge(a, b)
    n = projection.number_of_nodes()
    assert result["summary"]["organisations"] == n
    assert result["summary"]["co_partner_links"] == projection.number_of_edges()
    betweenness = nx.betweenness_centrality(projection, normalized=True)
    for row in result["centrality"]:
        assert row["co_partners"] == projection.degree(row["id"])
        assert row["degree"] == pytest.approx(projection.degree(row["id"]) / (n - 1), abs=1e-6)
        assert row["betweenness"] == pytest.approx(betweenness[row["id"]], abs=1e-6)
    assert result["centrality"][0]["organisation"] == "Natural England"  # the broker between clusters


def test_communities_are_a_reproducible_partition(result, exports, partners):
    members = [name for community in result["communities"] for name in community]
    assert len(members) == len(set(members)) == result["summary"]["organisations"]
    # The same communities in another process, where string hashing (and so set order) differs:
    # the fixed seed, not the luck of one process, makes them reproducible.
    code = ("import json, sys; from graph.analyse import analyse; "
            "print(json.dumps(analyse(json.load(open(sys.argv[1], encoding='utf-8')))['communities']))")
    for seed in ("1", "2024"):
        other = subprocess.run([sys.executable, "-c", code, str(exports / "index.json")], capture_output=True, text=True,
                               check=True, cwd=REPO, env=dict(os.environ, PYTHONHASHSEED=seed))
        assert json.loads(other.stdout) == result["communities"], seed


def test_progress_by_partner(result, corpus, partners):
    status = {e.action_id: e.status.status for e in corpus.progress}
    for row in result["progress_by_partner"]:
        mine = [a for a, orgs in partners.items() if row["id"] in orgs]
        counts = Counter(status[a] for a in mine)
        assert row["actions"] == len(mine)
        assert (row["complete"], row["in_progress"], row["no_progress"]) == (counts["complete"], counts["in-progress"], counts["no-progress"])
        assert row["share_complete"] == pytest.approx(counts["complete"] / len(mine), abs=1e-4)


def test_money_by_recipient_and_programme(result, corpus):
    received: Counter = Counter()
    for item in corpus.money:
        if item.repeat_of is None and item.kind not in ("turnover", "declined"):
            for recipient in item.recipients:
                received[recipient] += item.value
    assert {r["id"]: r["gbp"] for r in result["money"]["by_recipient"]} == dict(received)
    # 2.25: "support the Rural Communities Action Network through our strategic grant of £10m": the network,
    # now a body as well as the programme, is the recipient.
    assert result["money"]["by_recipient"][0] == {
        "organisation": "Rural Communities Action Network", "id": "rural-communities-action-network", "gbp": 10_000_000}
    assert result["money"]["by_recipient"][1] == {"organisation": "Keep Britain Tidy", "id": "keep-britain-tidy", "gbp": 4_750_000}
    programmes = {r["id"]: r["gbp"] for r in result["money"]["by_programme"]}
    assert programmes["rcan"] == 10_000_000 and programmes["every-action-counts"] == 4_000_000
