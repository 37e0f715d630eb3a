"""An action's story for its page: the 2008 text, each restatement with its changes marked, and a
status timeline over every progress report with the words that decided each status.

Whether a restatement differs in substance, and which words changed, are decisions the index
carries (``differs``, ``changes``); here they are only located in the two texts so the page can
mark them. A change that cannot be located is still listed in words.
"""

from __future__ import annotations

import difflib
import re

from ..indexview import distinct_sentences
from ..model import action_sort_key
from .model import Explorer

WORD = re.compile(r"\S+")


def _norm(word: str) -> str:
    return re.sub(r"[^a-z0-9£]+", "", word.casefold())


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), _norm(m.group())) for m in WORD.finditer(text)]


def _segments(text: str, spans: list[tuple[int, int]], kind: str) -> list[dict]:
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue
        if start > at:
            out.append({"kind": "same", "text": text[at:start]})
        out.append({"kind": kind, "text": text[start:end]})
        at = end
    if at < len(text):
        out.append({"kind": "same", "text": text[at:]})
    return out


def _gist(words: str) -> str:
    return "".join(w for w in words.split())


def mark_changes(before: str, after: str, changes: list[list[str]]) -> tuple[list[dict], list[dict]]:
    """The two texts as segments, with the index's changes marked (``del`` in before, ``ins`` in after)."""
    if not changes:
        return [{"kind": "same", "text": before}], [{"kind": "same", "text": after}]
    old_words, new_words = _words(before), _words(after)
    wanted = [(_gist(_norm_phrase(old)), _gist(_norm_phrase(new))) for old, new in changes]
    removed, added = [], []
    matcher = difflib.SequenceMatcher(a=[w[2] for w in old_words], b=[w[2] for w in new_words], autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            continue
        old = "".join(w[2] for w in old_words[a1:a2])
        new = "".join(w[2] for w in new_words[b1:b2])
        if not any((o in old or not o) and n in new and (o or n) for o, n in wanted):
            continue
        if a2 > a1:
            removed.append((old_words[a1][0], old_words[a2 - 1][1]))
        if b2 > b1:
            added.append((new_words[b1][0], new_words[b2 - 1][1]))
    return _segments(before, removed, "del"), _segments(after, added, "ins")


def _norm_phrase(phrase: str) -> str:
    return " ".join(_norm(w) for w in phrase.split())


def progress_entries(ex: Explorer, action: dict) -> list[dict]:
    reports = ex.sources
    entries = []
    for entry in action["progress"]:
        marked_2008, restated = mark_changes(action["text"], entry["restated"], entry["changes"])
        entries.append({
            "date": entry["date"],
            "report_title": reports[entry["report"]]["title"] if entry["report"] in reports else entry["report"],
            "status": ex.status_style(entry["status"]),
            "rule": entry["status_rule"],
            "decided": ex.citation(entry["status_source"]),
            "restated_marked": restated,
            "marked_2008": marked_2008 if entry["differs"] and any(s["kind"] == "del" for s in marked_2008) else None,
            "restated_source": ex.citation(entry["restated_source"]),
            "differs": entry["differs"],
            "changes": [{"old": old, "new": new} for old, new in entry["changes"]],
            "progress": entry["progress"],
            "progress_source": ex.citation(entry["progress_source"]),
            "next_actions": entry["next_actions"],
            "next_actions_source": ex.citation(entry["next_actions_source"]),
        })
    return entries


def entity_item(ex: Explorer, entity_id: str) -> dict:
    return {"id": entity_id, "name": ex.name(entity_id), "href": ex.entity_path(entity_id),
            "kind": ex.kind_label(entity_id) if entity_id in ex.entities else ""}


def sentences(ex: Explorer, action: dict, entity_id: str) -> list[dict]:
    return [ex.citation(sentence) for sentence, _ in distinct_sentences(action["links"].get(entity_id, []))]


def money_rows(ex: Explorer, items: list[dict]) -> list[dict]:
    rows = []
    for item in items:
        subject = item.get("subject")
        rows.append({
            "raw": item["raw"], "kind": item["kind"], "period": item["period"], "counts": item["counts_in_totals"],
            "counted": f"£{item['counted_gbp']:,.0f}" if item["counted_gbp"] is not None else None,
            "why_not": item["not_counted_because"],
            "funder": entity_item(ex, item["funder"]) if item["funder"] in ex.entities else None,
            "funder_basis": item["funder_basis"],
            "recipients": [entity_item(ex, r) for r in item["recipients"] if r in ex.entities],
            "subject": subject, "subject_href": ex.action_path(subject) if subject in ex.actions else None,
            "subject_label": f"action {subject}" if subject in ex.actions else subject,
            "sentence": ex.citation(item["sentence"]),
        })
    return rows


def action_context(ex: Explorer, action: dict) -> dict:
    strategy = next((s for s in ex.index["sources"] if s["kind"] == "strategy"), ex.index["sources"][0])
    chapter = ex.chapters[action["chapter"]]

    def linked(entity_id: str) -> dict:
        return {**entity_item(ex, entity_id), "sentences": sentences(ex, action, entity_id)}

    return {
        "action": {**action, "source": ex.citation(action["source"])},
        "title": f"Action {action['id']}",
        "text_2008": action["text"],
        "subitems": [{"letter": s["letter"], "text": s["text"], "source": ex.citation(s["source"])} for s in action["subitems"]],
        "status": ex.status_style(action["status"]),
        "objective": {"number": chapter["number"], "title": chapter["title"], "href": ex.chapter_path(chapter["number"])},
        "strategy": strategy,
        "progress": progress_entries(ex, action),
        "partners": [linked(p) for p in action["partners"]],
        "lead_units": [linked(u) for u in action["lead_units"]],
        "others": [entity_item(ex, e) for e in (*action["programmes"], *action["people"]) if e in ex.entities],
        "money": money_rows(ex, ex.money_for(action["money"])),
        "refers_to": [{"name": f"action {r}", "href": ex.action_path(r)} for r in sorted(action["refers_to"], key=action_sort_key)],
        "referred_by": [{"name": f"action {r}", "href": ex.action_path(r)} for r in sorted(action["referred_by"], key=action_sort_key)],
    }
