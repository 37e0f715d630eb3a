"""The two maps' nodes, edges and positions: "who carries what" and the action-level overview.

Node ids mirror the graph's IRIs: ``chapter:2``, ``action:3.3``, ``organisation:wrap``,
``programme:rcan``. Fonts and sizes grow with involvement so the bodies that carry most are
legible first; minor labels are drawn only once the viewer zooms in far enough for them to be
at least 11 px (the page sets vis-network's draw threshold).
"""

from __future__ import annotations

import math
import textwrap

from . import layout
from .layout import footprint
from ..model import action_sort_key
from .model import Explorer, clip

OBJECTIVE_FONT = 18
OVERVIEW_OBJECTIVE_FONT = 28  # the overview holds three times the nodes, so it first shows at a smaller scale
OBJECTIVE_WRAP = 18
MINOR_FONT = 16
ACTION_FONT = 15
RING_FLOOR = 160.0
INNER_FILL = 1.0  # the share of the ring's inside that nodes tied to several objectives may cover
ROTATIONS = 12
RING_SHARE = 0.8
BLOCK_STEPS = 60
BLOCK_STEP = 24.0
BLOCK_WEIGHT = 0.25  # blocks sit beyond the ring, where there is more room than on it
SCREEN_ASPECT = 1.78  # the map's width over its height on a desktop screen (the details panel floats over it)


def chapter_node(number: int) -> str:
    return f"chapter:{number}"


def entity_node(ex: Explorer, entity_id: str) -> str:
    return f"{ex.entities[entity_id]['type']}:{entity_id}"


def objective_label(ex: Explorer, number: int) -> str:
    lines = textwrap.wrap(f"{number}. {ex.chapters[number]['title']}", OBJECTIVE_WRAP)
    if len(lines) > 3:
        lines = [*lines[:2], clip(" ".join(lines[2:]), OBJECTIVE_WRAP)]
    return "\n".join(lines)


def entity_font(actions: int) -> float:
    return round(MINOR_FONT + min(8.0, 2.5 * (math.sqrt(actions) - 1)), 1)


def entity_size(actions: int) -> float:
    return round(5 + 2.5 * math.sqrt(actions), 1)


def objective_node(ex: Explorer, number: int, font: float = OBJECTIVE_FONT) -> dict:
    label = objective_label(ex, number)
    return {"id": chapter_node(number), "kind": "objective", "ref": str(number), "label": label,
            "font": font, "size": 10, "foot": footprint(label, font, 10, inside=True)}


def entity_nodes(ex: Explorer, entity_ids: list[str], counts: dict[str, int]) -> dict[str, dict]:
    nodes = {}
    for entity_id in entity_ids:
        label, n = ex.short_label(entity_id), counts[entity_id]
        font, size = entity_font(n), entity_size(n)
        nodes[entity_node(ex, entity_id)] = {
            "id": entity_node(ex, entity_id), "kind": ex.entities[entity_id]["type"], "ref": entity_id,
            "label": label, "font": font, "size": size, "foot": footprint(label, font, size),
        }
    return nodes


def ring_order(ex: Explorer, ties: dict[str, dict[str, int]]) -> list[str]:
    """Objectives ordered so that those sharing nodes (weighted by shared actions) are neighbours."""
    anchors = [chapter_node(n) for n in sorted(ex.chapters)]
    affinity: dict[tuple[str, str], float] = {}
    for weights in ties.values():
        tied = sorted(weights)
        for i, a in enumerate(tied):
            for b in tied[i + 1:]:
                affinity[(a, b)] = affinity.get((a, b), 0.0) + min(weights[a], weights[b]) / (len(tied) - 1)
    return layout.ring_order(anchors, affinity)


def place(nodes: dict, ties: dict[str, dict[str, int]], order: list[str], blocks: dict[str, list[list[str]]]) -> dict:
    """Anchors on the ring, nodes tied to several anchors at their weighted centre, blocks beyond.

    The ring's sectors are sized by what sits beyond each anchor and its radius by the total; of
    a few rotations of the ring, the one whose bounding box best fits a wide screen is kept.
    """
    feet = {n: nodes[n]["foot"] for n in nodes}
    inner = [feet[n] for n, w in ties.items() if len(w) > 1]
    angles = {a: 2 * math.pi * i / len(order) for i, a in enumerate(order)}
    for _ in range(2):
        needs = {a: max([2 * layout.half_extent(feet[a].width, feet[a].height, angles[a] + math.pi / 2),
                         *(BLOCK_WEIGHT * layout.tangential_need(b, feet, angles[a]) for b in blocks.get(a, []) if b)])
                 + 2 * layout.GAP for a in order}
        sectors = layout.sector_angles(order, needs)
        angles = {a: sectors[a][0] for a in order}
    own = sum(2 * layout.half_extent(feet[a].width, feet[a].height, angles[a] + math.pi / 2) + 4 * layout.GAP for a in order)
    radius = max(RING_FLOOR, own / layout.ellipse_perimeter(1.0), RING_SHARE * sum(needs.values()) / layout.ellipse_perimeter(1.0),
                 math.sqrt(sum((f.width + layout.GAP) * (f.height + layout.GAP) for f in inner) / (INNER_FILL * math.pi * layout.ASPECT)))
    best = None
    for turn in range(ROTATIONS):
        offset = 2 * math.pi * turn / ROTATIONS
        positions = arrange(order, angles, offset, radius, ties, blocks, feet)
        badness = fit_badness(positions, feet)
        if best is None or badness < best[0] - 1e-6:
            best = (badness, positions)
    positions = best[1]
    anchors = set(order)
    layout.separate(positions, feet, set(), sorted(anchors))
    everything = sorted(nodes)
    layout.spread_coincident(positions, everything)
    layout.separate(positions, feet, anchors, everything)
    return layout.rounded(positions)


def arrange(order, angles, offset, radius, ties, blocks, feet) -> dict:
    positions = {a: layout.on_ring(angles[a] + offset, radius) for a in order}
    anchors = dict(positions)
    for node, weights in ties.items():
        if len(weights) > 1:
            positions[node] = layout.weighted_centre(weights, anchors)
    taken = [layout.box_of(anchors[a], feet[a]) for a in order]
    # The biggest blocks are placed first; a block that would cover one already placed moves outward, whole.
    by_size = sorted(order, key=lambda a: (-sum(len(b) for b in blocks.get(a, [])), order.index(a)))
    queue = [(a, i, members) for a in by_size for i, members in enumerate(blocks.get(a, [])) if members]
    reach_after: dict[tuple[str, int], float] = {}
    for anchor, i, members in queue:
        x, y = anchors[anchor]
        ray = math.atan2(y, x) if (x, y) != (0.0, 0.0) else -math.pi / 2
        previous = [reach_after[(anchor, k)] for k in range(i) if (anchor, k) in reach_after]
        reach = (previous[-1] if previous else layout.half_extent(feet[anchor].width, feet[anchor].height, ray)) + 2 * layout.GAP
        for _ in range(BLOCK_STEPS):
            placed, outer = layout.block(anchors[anchor], ray, reach, members, feet)
            rect = layout.bounds(placed, feet)
            if not any(layout.overlap(rect, other) for other in taken):
                break
            reach += BLOCK_STEP
        positions.update(placed)
        taken.append(rect)
        reach_after[(anchor, i)] = outer
    return positions


def fit_badness(positions: dict, feet: dict) -> float:
    """The bounding box's larger side once scaled to the screen's shape: smaller fits better."""
    xs = [x + s * feet[n].width / 2 for n, (x, _) in positions.items() for s in (-1, 1)]
    ys = [y + feet[n].dy + s * feet[n].height / 2 for n, (_, y) in positions.items() for s in (-1, 1)]
    return max((max(xs) - min(xs)) / SCREEN_ASPECT, max(ys) - min(ys))


def single_blocks(nodes: dict, ties: dict[str, dict[str, int]]) -> dict[str, list[str]]:
    """For each anchor, the nodes tied to it alone: most shared actions first, then by label."""
    singles: dict[str, list[str]] = {}
    for node, weights in ties.items():
        if len(weights) == 1:
            singles.setdefault(next(iter(weights)), []).append(node)
    for members in singles.values():
        members.sort(key=lambda n: (-sum(ties[n].values()), nodes[n]["label"].casefold(), n))
    return singles


def carries_view(ex: Explorer) -> dict:
    """Objectives and partners only; an edge per partner-objective pair."""
    counts = {p: 0 for p in ex.partners}
    ties: dict[str, dict[str, int]] = {}
    for pair in ex.pairs.values():
        counts[pair.partner] += len(pair.actions)
        ties.setdefault(entity_node(ex, pair.partner), {})[chapter_node(pair.chapter)] = len(pair.actions)
    nodes = {chapter_node(n): objective_node(ex, n) for n in sorted(ex.chapters)}
    nodes.update(entity_nodes(ex, ex.partners, counts))
    order = ring_order(ex, ties)
    blocks = {a: [members] for a, members in single_blocks(nodes, ties).items()}
    positions = place(nodes, ties, order, blocks)
    edges = []
    for (partner, chapter), pair in ex.pairs.items():
        lead = ex.leading_status(pair.actions)
        edges.append({"id": f"{entity_node(ex, partner)}|{chapter_node(chapter)}", "from": entity_node(ex, partner),
                      "to": chapter_node(chapter), "actions": pair.actions, "status": lead["id"],
                      "width": round(1 + 1.5 * math.sqrt(len(pair.actions)), 2)})
    return {"nodes": finish(nodes, positions), "edges": edges, "ring": order}


def overview_view(ex: Explorer) -> dict:
    """Objectives, their actions, and the partners and programmes the actions name."""
    members = [*ex.partners, *sorted({p for a in ex.actions.values() for p in a["programmes"]}, key=ex.sort_name)]
    counts = {e: 0 for e in members}
    ties: dict[str, dict[str, int]] = {}
    for action in ex.index["actions"]:
        for entity in (*action["partners"], *action["programmes"]):
            counts[entity] += 1
            weights = ties.setdefault(entity_node(ex, entity), {})
            weights[chapter_node(action["chapter"])] = weights.get(chapter_node(action["chapter"]), 0) + 1
    nodes = {chapter_node(n): objective_node(ex, n, OVERVIEW_OBJECTIVE_FONT) for n in sorted(ex.chapters)}
    nodes.update(entity_nodes(ex, members, counts))
    actions: dict[str, list[str]] = {}
    for action_id in sorted(ex.actions, key=action_sort_key):
        label = action_label(ex, action_id)
        node = f"action:{action_id}"
        nodes[node] = {"id": node, "kind": "action", "ref": action_id, "label": label,
                       "font": ACTION_FONT, "size": 7, "foot": footprint(label, ACTION_FONT, 7)}
        actions.setdefault(chapter_node(ex.actions[action_id]["chapter"]), []).append(node)
    order = ring_order(ex, ties)
    singles = single_blocks(nodes, ties)
    blocks = {a: [actions.get(a, []), singles.get(a, [])] for a in order}
    positions = place(nodes, ties, order, blocks)
    edges = []
    for action in ex.index["actions"]:
        node = f"action:{action['id']}"
        edges.append({"id": f"{chapter_node(action['chapter'])}|{node}", "from": chapter_node(action["chapter"]),
                      "to": node, "relation": "in-objective"})
        for entity in (*action["partners"], *action["programmes"]):
            relation = "partner" if entity in action["partners"] else "programme"
            edges.append({"id": f"{node}|{entity_node(ex, entity)}", "from": node, "to": entity_node(ex, entity),
                          "relation": relation})
    return {"nodes": finish(nodes, positions), "edges": edges, "ring": order}


def action_label(ex: Explorer, action_id: str) -> str:
    return f"{action_id} {ex.status_style(ex.actions[action_id]['status'])['symbol']}"


def finish(nodes: dict, positions: dict) -> list[dict]:
    out = []
    for node_id in sorted(nodes):
        node = {k: v for k, v in nodes[node_id].items() if k != "foot"}
        node["x"], node["y"] = positions[node_id]
        out.append(node)
    return out
