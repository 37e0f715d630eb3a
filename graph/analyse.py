"""Network analysis of who carries which objectives, with networkx.

Input is the lookup index (plain data); output is plain data the CLI, maps and tests share.
The publishing department (Defra) wrote every action, so it is left out of partner analysis.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx

from .indexview import money_by, rank_partners

LOUVAIN_SEED = 42  # a fixed seed: the same graph gives the same communities every run
DOMINANT_SHARE = 0.5  # a partner in at least half of an objective's partnered actions


def bipartite_graph(index_data: dict) -> nx.Graph:
    """Organisations and actions; an edge where an action names an organisation."""
    graph = nx.Graph()
    for action in index_data["actions"]:
        graph.add_node(f"action:{action['id']}", bipartite=1, kind="action", chapter=action["chapter"])
        for org in action["partners"]:
            graph.add_node(f"org:{org}", bipartite=0, kind="organisation")
            graph.add_edge(f"org:{org}", f"action:{action['id']}")
    return graph


def organisation_projection(index_data: dict) -> nx.Graph:
    """Organisations linked when they share actions; weight = number of shared actions."""
    bipartite = bipartite_graph(index_data)
    orgs = [n for n, d in bipartite.nodes(data=True) if d["kind"] == "organisation"]
    projection = nx.bipartite.weighted_projected_graph(bipartite, orgs)
    return nx.relabel_nodes(projection, {n: n.split(":", 1)[1] for n in projection})


def partner_objective_matrix(index_data: dict) -> dict[str, dict[int, int]]:
    matrix: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for action in index_data["actions"]:
        for org in action["partners"]:
            matrix[org][action["chapter"]] += 1
    return {org: dict(sorted(row.items())) for org, row in sorted(matrix.items())}


def objective_rows(index_data: dict, name) -> list[dict]:
    """Each objective's partners: how many, the top one, single-partner and dominant-partner flags."""
    actions = {a["id"]: a for a in index_data["actions"]}
    rows = []
    for chapter in sorted(index_data["chapters"], key=lambda c: c["number"]):
        partnered = [a for a in chapter["actions"] if actions[a]["partners"]]
        ranked = rank_partners(index_data, chapter["actions"])  # the ranking `tsgraph objectives` shows
        top, top_count = (ranked[0]["id"], ranked[0]["actions"]) if ranked else (None, 0)
        rows.append({
            "number": chapter["number"],
            "title": chapter["title"],
            "actions": len(chapter["actions"]),
            "partnered_actions": len(partnered),
            "partners": len(ranked),
            "top_partner": name(top) if top else None,
            "top_partner_actions": top_count,
            "single_partner": len(ranked) == 1,
            "dominant_partner": name(top) if top and partnered and top_count / len(partnered) >= DOMINANT_SHARE else None,
        })
    return rows


def network_rows(projection: nx.Graph, name) -> tuple[list[dict], list[list[str]]]:
    """Brokers (degree and betweenness centrality) and seeded Louvain communities of co-partners."""
    degree = nx.degree_centrality(projection)
    betweenness = nx.betweenness_centrality(projection, normalized=True)
    centrality = sorted(
        ({"organisation": name(o), "id": o, "degree": round(degree[o], 6), "betweenness": round(betweenness[o], 6),
          "co_partners": projection.degree(o)} for o in projection),
        key=lambda r: (-r["betweenness"], -r["degree"], r["organisation"].casefold()),
    )
    found = nx.community.louvain_communities(projection, weight="weight", seed=LOUVAIN_SEED) if len(projection) else []
    communities = sorted((sorted(name(o) for o in community) for community in found),
                         key=lambda members: (-len(members), members[0].casefold()))
    return centrality, communities


def progress_rows(index_data: dict, matrix: dict, name) -> list[dict]:
    """Each partner's actions by latest status; not stated has its own column, never in progress."""
    rows = []
    for org in matrix:
        statuses = Counter(a["status"] for a in index_data["actions"] if org in a["organisations"])
        total = sum(statuses.values())
        rows.append({
            "organisation": name(org),
            "id": org,
            "actions": total,
            "complete": statuses["complete"],
            "in_progress": statuses["in-progress"],
            "no_progress": statuses["no-progress"],
            "not_stated": statuses["not-stated"],
            "other": total - sum(statuses[s] for s in ("complete", "in-progress", "no-progress", "not-stated")),
            "share_complete": round(statuses["complete"] / total, 4) if total else 0.0,
        })
    return sorted(rows, key=lambda r: (-r["actions"], r["organisation"].casefold()))


def analyse(index_data: dict) -> dict:
    entities = index_data["entities"]
    name = lambda entity_id: entities[entity_id]["name"]  # noqa: E731
    matrix = partner_objective_matrix(index_data)
    spanning = sorted(
        ({"organisation": name(o), "id": o, "objectives": len(row), "actions": sum(row.values()), "by_objective": row}
         for o, row in matrix.items()),
        key=lambda r: (-r["objectives"], -r["actions"], r["organisation"].casefold()),
    )
    projection = organisation_projection(index_data)
    centrality, communities = network_rows(projection, name)
    return {
        "summary": {
            "organisations": projection.number_of_nodes(),
            "co_partner_links": projection.number_of_edges(),
            "actions_with_partners": index_data["counts"]["actions_with_partners"],
            "communities": len(communities),
        },
        "objectives": objective_rows(index_data, name),
        "spanning": spanning,
        "matrix": {o: {str(k): v for k, v in row.items()} for o, row in matrix.items()},
        "centrality": centrality,
        "communities": communities,
        "progress_by_partner": progress_rows(index_data, matrix, name),
        "money": {
            "by_recipient": [{"organisation": name(o), "id": o, "gbp": v} for o, v, _ in money_by(index_data, "recipients")],
            "by_programme": [{"programme": name(p), "id": p, "gbp": v} for p, v, _ in money_by(index_data, "programme")],
        },
    }


def result_tables(result: dict) -> dict[str, list[dict]]:
    """The analysis as named tables of rows, in the order the CLI prints them."""
    return {
        "objectives": result["objectives"],
        "spanning": result["spanning"],
        "centrality": result["centrality"],
        "communities": [{"community": i, "size": len(m), "members": m} for i, m in enumerate(result["communities"], 1)],
        "progress": result["progress_by_partner"],
        "money-by-recipient": result["money"]["by_recipient"],
        "money-by-programme": result["money"]["by_programme"],
    }
