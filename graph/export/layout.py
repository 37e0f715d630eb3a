"""A deterministic radial layout for the exported network (GEXF ``viz:position``, GraphML x/y).

Strategic objectives sit on an inner ring and each action fans out beside its objective, on three
staggered rings. Every other node (organisation, programme) sits at the mean angle of the actions
it is linked to: beyond the actions when they share one objective (the more concentrated, the
further out), inside the objectives' ring when they span many, so brokers gather at the centre.
Pure arithmetic on sorted input: the same network gives the same positions on any machine, with
no random seed and no iteration to converge.
"""

from __future__ import annotations

import math

OBJECTIVE_RADIUS = 300.0
ACTION_RADII = (470.0, 560.0, 650.0)  # neighbouring actions alternate rings, so a long chapter stays legible
OUTER_RIM = (720.0, 1000.0)  # organisations tied to one objective: from half to fully concentrated
INNER_RADIUS = 250.0  # organisations spread over many objectives, at the centre
SECTOR_FILL = 0.8  # share of each objective's sector its actions spread over
MIN_GAP = 14.0  # an organisation or programme keeps at least this far from every node placed before it


def radial_layout(nodes: dict[str, dict], edges: list[dict]) -> dict[str, tuple[float, float]]:
    objectives = sorted((n for n in nodes.values() if n["type"] == "objective"), key=lambda n: n["chapter"])
    sector = 2 * math.pi / max(len(objectives), 1)
    angle = {n["id"]: i * sector for i, n in enumerate(objectives)}
    positions = {node_id: polar(OBJECTIVE_RADIUS, a) for node_id, a in angle.items()}

    by_chapter: dict[int, list[str]] = {}
    for node in nodes.values():
        if node["type"] == "action":
            by_chapter.setdefault(node["chapter"], []).append(node["id"])
    chapter_angle = {n["chapter"]: angle[n["id"]] for n in objectives}
    for chapter, members in by_chapter.items():
        members.sort(key=action_order)
        width = sector * SECTOR_FILL
        for i, node_id in enumerate(members):
            offset = (i + 0.5) / len(members) - 0.5 if len(members) > 1 else 0.0
            angle[node_id] = chapter_angle.get(chapter, 0.0) + offset * width
            positions[node_id] = polar(ACTION_RADII[i % len(ACTION_RADII)], angle[node_id])

    neighbours: dict[str, list[float]] = {}
    for edge in edges:
        for one, other in ((edge["source"], edge["target"]), (edge["target"], edge["source"])):
            if nodes[one]["type"] not in ("objective", "action") and nodes[other]["type"] == "action":
                neighbours.setdefault(one, []).append(angle[other])
    placed = []
    for node_id in sorted(set(nodes) - set(positions)):
        mean, spread = circular_mean(neighbours.get(node_id, []))
        placed.append((node_id, mean, outer_radius(spread)))
    positions.update(separate(placed, list(positions.values())))
    return {node_id: (round(x, 2), round(y, 2)) for node_id, (x, y) in positions.items()}


def action_order(node_id: str) -> tuple[int, ...]:
    # Action nodes end in "<chapter>.<number>": order 3.9 before 3.10.
    return tuple(int(part) for part in node_id.rsplit("/", 1)[-1].split(".") if part.isdigit())


def outer_radius(spread: float) -> float:
    if spread >= 0.5:
        low, high = OUTER_RIM
        return low + (high - low) * (spread - 0.5) / 0.5
    return INNER_RADIUS * spread / 0.5


def polar(radius: float, angle: float) -> tuple[float, float]:
    return radius * math.cos(angle), radius * math.sin(angle)


def circular_mean(angles: list[float]) -> tuple[float, float]:
    """The mean direction and its concentration (1: all the same way, 0: spread evenly or none)."""
    if not angles:
        return 0.0, 0.0
    angles = sorted(angles)  # the same sum whatever order the links came in
    x = sum(math.cos(a) for a in angles) / len(angles)
    y = sum(math.sin(a) for a in angles) / len(angles)
    return math.atan2(y, x), math.hypot(x, y)


def separate(placed: list[tuple[str, float, float]], taken: list[tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Polar positions; a node that would overlap one already placed steps outwards until it is clear."""
    positions: dict[str, tuple[float, float]] = {}
    for node_id, angle, radius in sorted(placed, key=lambda p: (round(p[1], 6), p[2], p[0])):
        x, y = polar(radius, angle)
        while any(math.hypot(x - tx, y - ty) < MIN_GAP for tx, ty in taken):
            radius += MIN_GAP
            x, y = polar(radius, angle)
        taken.append((x, y))
        positions[node_id] = (x, y)
    return positions
