"""Small helpers the tests share: values computed independently of the code under test."""

from __future__ import annotations


def defra_family(corpus) -> set[str]:
    """Defra and the units the registry records as Defra's own (kind defra-unit, parent defra)."""
    return {"defra"} | {
        e.id for e in corpus.registry.entities.values()
        if e.type == "organisation" and e.kind == "defra-unit" and e.record.get("parent") == "defra"
    }


def namespaces():
    """rdflib namespaces for the vocabularies the graph uses (tests read the graph with rdflib)."""
    from rdflib import Namespace

    from graph import vocab

    return {name: Namespace(getattr(vocab, attr)) for name, attr in
            (("TS", "TS"), ("ID", "ID"), ("OA", "OA"), ("SCHEMA", "SCHEMA"), ("DCT", "DCTERMS"))}


def write_progress_report(data_dir, corpus, cells: dict[str, tuple[str, str | None]], report_id: str, date: str) -> None:
    """Write a made-up progress report in the 2009 table format into ``data_dir`` and list it in the manifest.

    ``cells`` maps an action id to its (progress report, next actions) text; the other cells of each
    row (theme, chapter, timing, the restated commitment) are copied from the action's first report row."""
    import json
    from pathlib import Path

    from graph.registry import canonical_json

    rows = {action_id: entries[0] for action_id, entries in corpus.progress_by_action().items()}
    lines = ["Third Sector Strategy", "", "A Later Year", "", date, "",
             "Theme\tStrategy Chapter\tAction\tTiming\tActions\tProgress report\tNext actions"]
    for action_id, (progress, next_actions) in cells.items():
        row = rows[action_id]
        lines.append("\t".join([row.theme_label, row.chapter_label, action_id, row.timing_label, row.restated.text,
                                progress, next_actions or "-"]))
    data_dir = Path(data_dir)
    (data_dir / "sources" / f"{report_id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    manifest = json.loads((data_dir / "sources.json").read_text())
    manifest["sources"].append({
        "date": date, "file": f"sources/{report_id}.txt", "id": report_id, "kind": "progress-report",
        "licence": "made up for the tests", "publisher": "Department for Environment, Food and Rural Affairs",
        "title": f"{report_id} (test fixture)",
    })
    (data_dir / "sources.json").write_text(canonical_json(manifest))
