"""What `--table` prints on a terminal: aligned tables, an organisation's profile and one action
in full. Standard library only.

A table fits the terminal's width. Columns named ``keep`` are never cut (the names one must
type, such as a query's name); the ``rest`` column (usually the text) gets whatever width the
others leave, and the other columns give up width, the widest first, only while ``rest`` has
less than ``REST_MIN``. Without ``rest`` the widest columns shrink until the table fits.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable

from .indexview import distinct_sentences
from .vocab import cite, readable

REST_MIN = 24  # the least width worth giving the text column
CELL_MIN = 8  # no column shrinks below this (or its header)
GAP = 2


def cell(value: object) -> str:
    """A value as one line of text: lists joined with "; ", numbers with thousands separators."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {cell(v)}" for k, v in value.items())
    return " ".join(str(value).split())


def terminal_width() -> int:
    return shutil.get_terminal_size((120, 24)).columns


def fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def column_widths(
    cells: list[list[str]], columns: list[str], width: int, keep: Iterable[str] = (), rest: str | None = None
) -> list[int]:
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    floors = [widths[i] if c in keep else max(min(CELL_MIN, widths[i]), len(c)) for i, c in enumerate(columns)]
    gaps = GAP * (len(columns) - 1)
    if rest in columns:
        r = columns.index(rest)
        others = lambda: sum(w for i, w in enumerate(widths) if i != r)  # noqa: E731
        while width - gaps - others() < min(REST_MIN, widths[r]):
            shrinkable = [i for i in range(len(columns)) if i != r and widths[i] > floors[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i])
            widths[widest] -= 1
        widths[r] = max(min(widths[r], width - gaps - others()), floors[r], min(REST_MIN, widths[r]))
        return widths
    while sum(widths) + gaps > width:
        shrinkable = [i for i in range(len(columns)) if widths[i] > max(floors[i], 12)]
        if not shrinkable:
            break
        widest = max(shrinkable, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def render_table(
    rows: list[dict], columns: list[str], *, keep: Iterable[str] = (), rest: str | None = None, width: int | None = None
) -> str:
    """The rows as an aligned table, a header and a rule; "(no results)" when there are none."""
    if not rows:
        return "(no results)"
    cells = [[cell(row.get(c)) for c in columns] for row in rows]
    widths = column_widths(cells, columns, width or terminal_width(), set(keep), rest)
    lines = ["  ".join(fit(c, w).ljust(w) for c, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(fit(v, w).ljust(w) for v, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines)


def profile_text(profile: dict) -> str:
    """The head of `tsgraph org`: names, kind, parent, programmes, money, number of actions."""
    former = ", ".join(
        f["name"] + (f" (until {f['not_after']})" if f.get("not_after") else "") for f in profile["former_names"]
    )
    lines = [
        f"{profile['name']}  [{profile['kind']}]",
        f"  acronyms:     {', '.join(profile['acronyms']) or '-'}",
        f"  also called:  {', '.join(profile['aliases']) or '-'}",
        f"  former names: {former or '-'}",
        f"  parent:       {profile['parent'] or '-'}",
    ]
    if profile["members"]:
        lines.append(f"  members:      {', '.join(profile['members'])}")
    lines.append(f"  programmes:   {', '.join(profile['programmes']) or '-'}")
    totals = profile["money_totals"]
    lines.append(f"  money:        received £{totals['received_gbp']:,.0f}; given £{totals['given_gbp']:,.0f} ({totals['items']} sums)")
    lines.append(f"  actions:      {len(profile['actions'])}")
    return "\n".join(lines)


def bracketed(source: dict | None) -> str:
    return f"[{cite(source)}]" if source else ""


def action_text(data: dict) -> str:
    """`tsgraph show`: the action, each progress entry by date, organisations, money, references."""
    out = [f"Action {data['id']}  (chapter {data['chapter']}: {data['chapter_title']}; {data['timing']})",
           f"  {data['text']}", f"  source: {bracketed(data['source'])}", ""]
    for p in data["progress"]:
        out.append(f"{p['date']} {p['report']}: {p['status']}  {bracketed(p['progress_source'])}")
        if p["differs"]:
            out.append("  restated as: " + readable(p["restated"]))
        out.append("  progress: " + p["progress"])
        if p["next_actions"]:
            out.append("  next: " + p["next_actions"])
        if p["status_source"]:
            out.append(f"  status decided by: \"{readable(p['status_source']['quote'])}\" (rule {p['status_rule']})")
        else:
            out.append(f"  status not stated: no rule found decisive words ({p['status_rule']})")
        out.append("")
    for o in data["organisations"]:
        out.append(f"{o['name']} ({o['role']}):")
        # One line per sentence, in the order the quotes come (the strategy before the reports).
        out += [f"  \"{readable(s['quote'])}\" {bracketed(s)}" for s, _ in distinct_sentences(o["quotes"])]
    for m in data["money"]:
        out.append(f"money: {m['amount']} ({m['kind']}) funder {m['funder'] or '-'} → {', '.join(m['recipients']) or '-'} "
                   f"{bracketed(m['source'])}")
    if data["refers_to"] or data["referred_by"]:
        out.append(f"refers to: {', '.join(data['refers_to']) or '-'}; referred to by: {', '.join(data['referred_by']) or '-'}")
    return "\n".join(out).rstrip()
