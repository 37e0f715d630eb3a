"""Anchored layouts in closed form plus a bounded repulsion pass: no force simulation, no seed.

Objectives are the anchors, on an ellipse (wider than tall, because labels are). The ring is
ordered so that objectives sharing partners sit side by side, and each objective's sector of the
ring is sized by how many nodes fan out beyond it. A node tied to several objectives sits at the
weighted centre of their anchors (weights: shared actions); a node tied to one objective is
fanned out beyond it in arcs, the most involved nearest. Finally overlapping label boxes are
pushed apart for a fixed number of rounds (a spatial grid keeps each round linear). The same
input always gives the same positions.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

Point = tuple[float, float]
ASPECT = 1.3  # the ring's width over its height: labels are wide, screens are wide
CHAR_WIDTH = 0.56  # average glyph width over font size, for the label boxes
GAP = 6.0  # space kept between label boxes
REPULSION_ROUNDS = 200
REPULSION_ROUNDS_MIN = 20
HEAVY_MOBILITY = 0.15
TOUCHING = 0.5  # boxes this close count as apart
REPULSION_BUDGET = 60_000  # node-rounds: big maps get fewer rounds
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


@dataclass(frozen=True)
class Footprint:
    """The box a node and its label take: width, height, and how far the box centre sits below the node."""

    width: float
    height: float
    dy: float = 0.0


def footprint(label: str, font: float, size: float, inside: bool = False) -> Footprint:
    lines = label.split("\n")
    text_width = CHAR_WIDTH * font * max(len(line) for line in lines)
    text_height = 1.25 * font * len(lines)
    if inside:  # a box shape: the label is inside the node
        return Footprint(text_width + 2 * size, text_height + size)
    height = 2 * size + text_height + 4
    return Footprint(max(2 * size, text_width), height, height / 2 - size)


def ring_order(anchors: Sequence[Hashable], affinity: dict[tuple, float]) -> list:
    """An order of the anchors round a ring that keeps strongly tied anchors adjacent.

    Greedy nearest neighbour from the first anchor, then 2-opt moves while any improves the sum of
    affinities between neighbours (bounded: at most n rounds).
    """
    if len(anchors) < 4:
        return list(anchors)

    def tie(a, b) -> float:
        return affinity.get((a, b), 0.0) + affinity.get((b, a), 0.0)

    order = [anchors[0]]
    left = list(anchors[1:])
    while left:
        best = max(left, key=lambda b: (tie(order[-1], b), -left.index(b)))
        order.append(best)
        left.remove(best)
    n = len(order)
    for _ in range(n):
        improved = False
        for i in range(n - 1):
            for j in range(i + 2, n if i else n - 1):
                a, b, c, d = order[i], order[i + 1], order[j], order[(j + 1) % n]
                if tie(a, c) + tie(b, d) > tie(a, b) + tie(c, d) + 1e-9:
                    order[i + 1:j + 1] = reversed(order[i + 1:j + 1])
                    improved = True
        if not improved:
            break
    return order


def sector_angles(order: Sequence[Hashable], weights: dict) -> dict:
    """Each anchor's (centre angle, span): spans share the circle in proportion to weight; the first is at the top."""
    total = sum(weights[a] for a in order) or 1.0
    angles, start = {}, -math.pi / 2 - math.pi * weights[order[0]] / total
    for anchor in order:
        span = 2 * math.pi * weights[anchor] / total
        angles[anchor] = (start + span / 2, span)
        start += span
    return angles


def on_ring(angle: float, radius: float) -> Point:
    return (ASPECT * radius * math.cos(angle), radius * math.sin(angle))


def half_extent(width: float, height: float, angle: float) -> float:
    """Half the size of a width × height box measured along the direction ``angle``."""
    return abs(math.cos(angle)) * width / 2 + abs(math.sin(angle)) * height / 2


def block_shape(members: Sequence[Hashable], feet: dict, angle: float) -> tuple[list[list], list[float], float]:
    """The columns of a block of labels (tall beside the ring, wide above and below), each
    column's width, and the row height."""
    height = max(feet[m].height for m in members) + GAP
    mean_width = sum(feet[m].width for m in members) / len(members) + GAP
    prefer = 0.6 + 2.4 * math.sin(angle) ** 2  # the block's width over its height
    count = max(1, min(len(members), round(math.sqrt(len(members) * prefer * height / mean_width))))
    rows = math.ceil(len(members) / count)
    if abs(math.sin(angle)) >= 0.3:  # above or below: rows fill outward, left to right
        columns = [list(members[c::count]) for c in range(count)]
    else:  # beside: columns fill outward, top to bottom
        columns = [list(members[c * rows:(c + 1) * rows]) for c in range(count)]
    columns = [c for c in columns if c]
    return columns, [max(feet[m].width for m in c) + GAP for c in columns], height


def block(anchor: Point, angle: float, clearance: float, members: Sequence[Hashable], feet: dict) -> tuple[dict, float]:
    """Members as an aligned block of labels beyond the anchor, on the ray from the centre at ``angle``,
    the first members nearest the ring. Returns their positions and how far out the block reaches."""
    columns, widths, height = block_shape(members, feet, angle)
    rows = max(len(c) for c in columns)
    block_w, block_h = sum(widths), rows * height
    reach = clearance + half_extent(block_w, block_h, angle)
    cx, cy = anchor[0] + reach * math.cos(angle), anchor[1] + reach * math.sin(angle)
    above_or_below = abs(math.sin(angle)) >= 0.3
    outward = (1 if math.sin(angle) > 0 else -1) if above_or_below else (1 if math.cos(angle) > 0 else -1)
    if not above_or_below and outward < 0:  # left of the ring: the first column is the rightmost
        columns, widths = columns[::-1], widths[::-1]
    positions, left = {}, cx - block_w / 2
    for column, width in zip(columns, widths):
        x = left + width / 2
        for row, member in enumerate(column):
            if above_or_below:
                y = cy + outward * (row * height - (block_h - height) / 2)
            else:
                y = cy + (row - (rows - 1) / 2) * height
            positions[member] = (x, y - feet[member].dy)
        left += width
    return positions, reach + half_extent(block_w, block_h, angle)


def tangential_need(members: Sequence[Hashable], feet: dict, angle: float) -> float:
    """How much of the ring a block beyond an anchor at ``angle`` takes up, across the ray."""
    columns, widths, height = block_shape(members, feet, angle)
    return 2 * half_extent(sum(widths), max(len(c) for c in columns) * height, angle + math.pi / 2)


def ellipse_perimeter(radius: float) -> float:
    """Ramanujan's approximation for the ring (semi-axes ASPECT × radius and radius)."""
    a, b = ASPECT * radius, radius
    return math.pi * (3 * (a + b) - math.sqrt((3 * a + b) * (a + 3 * b)))


def box_of(point: Point, foot: Footprint) -> tuple[float, float, float, float]:
    """A node's box as (left, top, right, bottom)."""
    x, y = point[0], point[1] + foot.dy
    return (x - foot.width / 2, y - foot.height / 2, x + foot.width / 2, y + foot.height / 2)


def bounds(positions: dict, feet: dict) -> tuple[float, float, float, float]:
    boxes = [box_of(p, feet[n]) for n, p in positions.items()]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def weighted_centre(weights: dict, places: dict) -> Point:
    total = sum(weights.values())
    x = sum(places[a][0] * w for a, w in weights.items()) / total
    y = sum(places[a][1] * w for a, w in weights.items()) / total
    return x, y


def spread_coincident(positions: dict, order: Sequence[Hashable], step: float = 14.0) -> None:
    """Nodes placed on the same point are spread on a small sunflower, in the given order."""
    groups: dict[tuple, list] = defaultdict(list)
    for node in order:
        x, y = positions[node]
        groups[(round(x, 1), round(y, 1))].append(node)
    for (x, y), nodes in groups.items():
        for k, node in enumerate(nodes[1:], start=1):
            r = step * math.sqrt(k)
            positions[node] = (x + r * math.cos(k * GOLDEN_ANGLE), y + r * math.sin(k * GOLDEN_ANGLE))


def separate(positions: dict, feet: dict, heavy: set, order: Sequence[Hashable], rounds: int | None = None) -> int:
    """Push overlapping boxes apart along their shallower overlap; returns the overlaps left.

    Heavy nodes (the anchors) move a little, the others most of the way, so a node caught
    between two anchors can still get out.

    Each round bins the boxes into a grid (cells as wide as the widest typical box), so a round
    costs about one pass over the nodes; the number of rounds is bounded (fewer for big maps).
    """
    nodes = list(order)
    if not nodes:
        return 0
    if rounds is None:
        rounds = max(REPULSION_ROUNDS_MIN, min(REPULSION_ROUNDS, REPULSION_BUDGET // len(nodes)))
    widths = sorted(feet[n].width for n in nodes)
    cell = max(widths[len(widths) * 9 // 10] + GAP, 40.0)
    overlaps = 0
    for _ in range(rounds + 1):
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        boxes = []
        for i, node in enumerate(nodes):
            x, y = positions[node]
            box = feet[node]
            cy = y + box.dy
            boxes.append((x, cy, box.width / 2 + GAP / 2, box.height / 2 + GAP / 2))
            half_w, half_h = box.width / 2 + GAP, box.height / 2 + GAP
            for gx in range(math.floor((x - half_w) / cell), math.floor((x + half_w) / cell) + 1):
                for gy in range(math.floor((cy - half_h) / cell), math.floor((cy + half_h) / cell) + 1):
                    grid[(gx, gy)].append(i)
        seen = set()
        overlaps = 0
        for key in sorted(grid):
            members = grid[key]
            for a_pos, i in enumerate(members):
                for j in members[a_pos + 1:]:
                    if (i, j) in seen:
                        continue
                    seen.add((i, j))
                    push = _push(boxes[i], boxes[j], i < j)
                    if push is None:
                        continue
                    overlaps += 1
                    # Moves apply at once (not at the end of the round), which settles dense spots faster.
                    mobility_i = HEAVY_MOBILITY if nodes[i] in heavy else 1.0
                    mobility_j = HEAVY_MOBILITY if nodes[j] in heavy else 1.0
                    share_i = mobility_i / (mobility_i + mobility_j)
                    for k, sign, share in ((i, -1.0, share_i), (j, 1.0, 1.0 - share_i)):
                        x, cy, hw, hh = boxes[k]
                        boxes[k] = (x + sign * push[0] * share, cy + sign * push[1] * share, hw, hh)
        for i, node in enumerate(nodes):
            positions[node] = (boxes[i][0], boxes[i][1] - feet[node].dy)
        if not overlaps:
            break
    return overlaps


def _push(a: tuple, b: tuple, a_first: bool) -> tuple[float, float] | None:
    """How far b must move from a (a moves the other way) for their boxes to stop overlapping.

    The push follows the line between the centres (measured in box-size units), so a box caught
    between two others slides out sideways instead of bouncing between them.
    """
    dx, dy = b[0] - a[0], b[1] - a[1]
    ox = a[2] + b[2] - abs(dx)
    oy = a[3] + b[3] - abs(dy)
    if ox <= TOUCHING or oy <= TOUCHING:
        return None
    ox, oy = ox + TOUCHING, oy + TOUCHING  # a little past touching, so rounding cannot bring them back
    nx, ny = dx / (a[2] + b[2]), dy / (a[3] + b[3])
    if abs(nx) < 1e-9 and abs(ny) < 1e-9:
        nx = 1.0 if a_first else -1.0
    norm = math.hypot(nx, ny)
    ux, uy = nx / norm, ny / norm
    step = min(ox / abs(ux) if abs(ux) > 1e-9 else math.inf, oy / abs(uy) if abs(uy) > 1e-9 else math.inf)
    return (ux * step, uy * step)


def rounded(positions: dict) -> dict:
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in positions.items()}
