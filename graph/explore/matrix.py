"""The index page's tables: partners × objectives (counts and status mix per cell), the status of
actions by objective, money by recipient, and the list of every page."""

from __future__ import annotations

from ..indexview import money_by
from ..model import action_sort_key
from .model import Explorer, clip, iri_path

GLYPHS_PER_ACTION = 6  # up to this many actions a cell shows one symbol each; beyond, symbol and count


def cell_glyphs(mix: list[dict]) -> list[dict]:
    total = sum(s["count"] for s in mix)
    if total <= GLYPHS_PER_ACTION:
        return [{"text": s["symbol"], "ink": s["ink"]} for s in mix for _ in range(s["count"])]
    return [{"text": f"{s['symbol']}{s['count']}", "ink": s["ink"]} for s in mix]


def mix_text(mix: list[dict]) -> str:
    return ", ".join(f"{s['count']} {s['label']}" for s in mix)


def objective_flag(partners: int) -> str:
    return "no partner" if partners == 0 else "one partner" if partners == 1 else ""


def matrix(ex: Explorer) -> dict:
    numbers = sorted(ex.chapters)
    partners_per = {n: sum(1 for p in ex.pairs if p[1] == n) for n in numbers}
    objectives = [{"number": n, "title": ex.chapters[n]["title"], "short": clip(ex.chapters[n]["title"], 34),
                   "href": ex.chapter_path(n), "partners": partners_per[n], "flag": objective_flag(partners_per[n])}
                  for n in numbers]
    rows = []
    for partner in ex.partners:
        cells, total = [], 0
        for n in numbers:
            pair = ex.pairs.get((partner, n))
            if pair is None:
                cells.append({"number": n, "count": 0})
                continue
            mix = ex.status_mix(pair.actions)
            total += len(pair.actions)
            cells.append({"number": n, "count": len(pair.actions), "glyphs": cell_glyphs(mix), "mix_text": mix_text(mix),
                          "href": f"overview.html#objective={n}&partner={partner}"})
        rows.append({"id": partner, "name": ex.name(partner), "sort_name": ex.name(partner).casefold(),
                     "href": ex.entity_path(partner), "cells": cells, "total": total})
    rows.sort(key=lambda r: (-r["total"], r["sort_name"], r["id"]))
    return {"objectives": objectives, "rows": rows, "flagged": [o for o in objectives if o["flag"]]}


def status_table(ex: Explorer) -> dict:
    everything = [a["id"] for a in ex.index["actions"]]
    present = {s["id"] for s in ex.status_mix(everything)}
    columns = [s for s in [*ex.statuses, ex.status_style(None)] if s["id"] in present]
    rows = []
    for n, chapter in sorted(ex.chapters.items()):
        mix = {s["id"]: s for s in ex.status_mix(chapter["actions"])}
        total = len(chapter["actions"])
        rows.append({
            "number": n, "title": chapter["title"], "href": ex.chapter_path(n), "total": total,
            "counts": [mix[c["id"]]["count"] if c["id"] in mix else 0 for c in columns],
            "segments": [{"width": round(100 * s["count"] / total, 2), "colour": s["colour"], "symbol": s["symbol"],
                          "label": s["label"], "count": s["count"]} for s in mix.values()] if total else [],
        })
    return {"columns": columns, "rows": rows}


def money_by_recipient(ex: Explorer) -> list[dict]:
    rows = [{"name": ex.name(recipient), "href": ex.entity_path(recipient) if recipient in ex.entities else "",
             "total": total, "raw": [item["raw"] for item in items]}
            for recipient, total, items in money_by(ex.index, "recipients")]
    return rows  # in money_by's order, the one the analysis shows


def browse(ex: Explorer) -> list[dict]:
    """Every page the explorer writes, grouped for the index."""
    partners = set(ex.partners)
    groups = {"partner": [], "organisation": [], "programme": [], "person": []}
    for entity_id in sorted(ex.entities, key=ex.sort_name):
        entity = ex.entities[entity_id]
        n = len(ex.involved.get(entity_id, []))
        group = "partner" if entity_id in partners else entity["type"] if entity["type"] in groups else "programme"
        groups[group].append({"name": entity["name"], "href": ex.entity_path(entity_id),
                              "note": f"{n} {'action' if n == 1 else 'actions'}" if n else ""})
    objectives = [{"name": f"{n}. {c['title']}", "href": ex.chapter_path(n), "note": ""} for n, c in sorted(ex.chapters.items())]
    actions = [{"name": f"{a} {ex.status_style(ex.actions[a]['status'])['symbol']}", "href": ex.action_path(a),
                "note": ""} for a in sorted(ex.actions, key=action_sort_key)]
    sources = [{"name": s["title"], "href": iri_path("source", s["id"]), "note": s["date"]} for s in ex.index["sources"]]
    return [
        {"title": "Strategic objectives", "items": objectives, "open": True},
        {"title": "Partners", "items": groups["partner"], "open": False},
        {"title": "Other organisations (Defra, its units, bodies named outside actions)", "items": groups["organisation"], "open": False},
        {"title": "Programmes, funds, policies and laws", "items": groups["programme"], "open": False},
        {"title": "People", "items": groups["person"], "open": False},
        {"title": "Actions", "items": actions, "open": False},
        {"title": "Source documents", "items": sources, "open": False},
    ]
