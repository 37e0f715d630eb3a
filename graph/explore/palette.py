"""How the explorer shows statuses and kinds: colour, a symbol, a dash pattern and words.

Status is never told by hue alone: every status has a symbol and a line pattern as well as a
colour, and every page spells out its label. Colours come from the Okabe-Ito palette, which stays
distinguishable under the common colour-vision deficiencies. The vocabulary itself comes from the
index (``index["statuses"]``); a status this table does not know gets a neutral colour, a letter and
a pattern of its own, so a new status shows up rather than vanishing.
"""

from __future__ import annotations

from ..vocab import ORGANISATION_KINDS, PROGRAMME_KINDS

# id -> (colour for marks and lines, symbol, dash pattern for edges; [] is a solid line)
KNOWN_STATUSES: dict[str, tuple[str, str, list[int]]] = {
    "complete": ("#009E73", "✓", [12, 3, 3, 3]),
    "in-progress": ("#0072B2", "◐", []),
    "no-progress": ("#D55E00", "✕", [2, 5]),
    "dropped-or-merged": ("#7f7f7f", "⊖", [12, 4, 2, 4]),
    "superseded": ("#CC79A7", "↻", [6, 3, 6, 8]),
    "transferred": ("#E69F00", "→", [14, 6]),
    "decided-against": ("#000000", "⊘", [3, 3]),
    "not-stated": ("#a6a6a6", "?", [1, 4]),
}
FALLBACK_COLOURS = ("#56B4E9", "#F0E442", "#999933", "#882255")
FALLBACK_DASHES = ([4, 2, 1, 2], [8, 2, 1, 2, 1, 2], [1, 2, 1, 6])
UNREPORTED = {"id": "", "label": "not reported", "colour": "#bdbdbd", "ink": "#595959", "symbol": "·", "dashes": [1, 8],
              "definition": "No progress report covers this action."}

# Partner kinds are told by shape (hue is kept for status); programmes and people are hollow.
KIND_SHAPES = {
    "charity-ngo": "dot",
    "public-body": "triangle",
    "government-department": "square",
    "network-umbrella": "hexagon",
    "partnership-group": "triangleDown",
    "social-enterprise": "star",
    "company": "diamond",
    "defra-unit": "square",
}
SHAPE_SYMBOLS = {"dot": "●", "triangle": "▲", "square": "■", "hexagon": "⬢", "triangleDown": "▼", "star": "★",
                 "diamond": "◆"}
PARTNER_COLOUR = "#33475b"
HOLLOW_TYPES = {"programme": "diamond", "person": "dot"}


def luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ink(colour: str, background: str = "#ffffff", ratio: float = 4.6) -> str:
    """The colour darkened until text in it reads on the background (WCAG AA for small text)."""
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    current = colour
    while contrast(current, background) < ratio:
        rgb = [int(c * 0.9) for c in rgb]
        current = "#" + "".join(f"{c:02x}" for c in rgb)
    return current


def status_styles(statuses: list[dict]) -> list[dict]:
    """One style per status of the index's vocabulary, in its order; unknown ids get a fallback."""
    styles = []
    unknown = 0
    for status in statuses:
        known = KNOWN_STATUSES.get(status["id"])
        if known:
            colour, symbol, dashes = known
        else:
            colour = FALLBACK_COLOURS[unknown % len(FALLBACK_COLOURS)]
            dashes = FALLBACK_DASHES[unknown % len(FALLBACK_DASHES)]
            symbol = (status.get("label") or status["id"])[:1].upper()
            unknown += 1
        styles.append({"id": status["id"], "label": status["label"], "definition": status.get("definition", ""),
                       "colour": colour, "ink": ink(colour), "symbol": symbol, "dashes": list(dashes)})
    return styles


def kind_label(kind: str) -> str:
    return ORGANISATION_KINDS.get(kind) or PROGRAMME_KINDS.get(kind) or kind.replace("-", " ")


def kind_style(entity_type: str, kind: str) -> dict:
    """Shape and fill of an entity's node: organisations by kind, other types hollow."""
    if entity_type == "organisation":
        shape = KIND_SHAPES.get(kind, "dot")
        return {"shape": shape, "symbol": SHAPE_SYMBOLS[shape], "fill": PARTNER_COLOUR, "hollow": False}
    shape = HOLLOW_TYPES.get(entity_type, "dot")
    return {"shape": shape, "symbol": "◇" if shape == "diamond" else "○", "fill": "#ffffff", "hollow": True}
