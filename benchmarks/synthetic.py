"""Synthetic corpora with the shape of the real graph, at any multiple of its size.

Each scale unit adds the real strategy's counts: 132 actions in 11 chapters, 105 organisations
whose popularity is skewed (Zipf: a few bodies appear in many actions), one progress entry per
action, and the provenance the real graph carries (spans with offsets and quotes, mentions,
involvements). Organisation names repeat across units with a unit suffix, so text search and
name lookups behave as on real data. Output is N-Triples, deterministic for a given seed.
"""

from __future__ import annotations

import random
from pathlib import Path

TS = "https://w3id.org/tsgraph/ontology#"
ID = "https://w3id.org/tsgraph/id/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
OA = "http://www.w3.org/ns/oa#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
XSD_INT = "http://www.w3.org/2001/XMLSchema#integer"
STATUSES = ["complete", "in-progress", "in-progress", "in-progress", "no-progress", "dropped-or-merged"]
WORDS = ("work with third sector organisations to support community action on waste recycling climate change "
         "biodiversity volunteering rural communities social enterprise funding partnership advice").split()
ACTIONS_PER_UNIT, ORGS_PER_UNIT, CHAPTERS = 132, 105, 11


def literal(text: str, datatype: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"' + (f"^^<{datatype}>" if datatype else "")


def generate(scale: int, path: Path, seed: int = 1) -> int:
    """Write a corpus of ``scale`` units to ``path``; returns the number of triples."""
    rng = random.Random(seed)
    weights = [1 / (rank + 1) for rank in range(ORGS_PER_UNIT)]  # Zipf-like popularity
    count = 0
    with path.open("w", encoding="utf-8") as out:
        def t(s: str, p: str, o: str) -> None:
            nonlocal count
            out.write(f"<{s}> <{p}> {o} .\n")
            count += 1

        offset = 0
        for chapter in range(1, CHAPTERS + 1):
            c = f"{ID}chapter/{chapter}"
            t(c, RDF_TYPE, f"<{TS}StrategicObjective>")
            t(c, f"{SKOS}notation", literal(str(chapter)))
        for unit in range(scale):
            for o in range(ORGS_PER_UNIT):
                org = f"{ID}organisation/u{unit}-o{o}"
                t(org, RDF_TYPE, "<http://www.w3.org/ns/org#Organization>")
                t(org, f"{SKOS}prefLabel", literal(f"Organisation {o} of unit {unit}"))
                t(org, f"{TS}acronym", literal(f"O{o}U{unit}"))
            for a in range(ACTIONS_PER_UNIT):
                action_id = f"{unit}-{a}"
                action = f"{ID}action/{action_id}"
                chapter = a % CHAPTERS + 1
                text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(15, 40)))
                span = f"{ID}span/doc/{offset}-{offset + len(text)}"
                t(action, RDF_TYPE, f"<{TS}Action>")
                t(action, f"{DCT}identifier", literal(action_id))
                t(action, f"{DCT}isPartOf", f"<{ID}chapter/{chapter}>")
                t(action, f"{TS}text", literal(text))
                t(action, f"{TS}latestStatus", f"<{ID}status/{rng.choice(STATUSES)}>")
                t(action, f"{TS}source", f"<{span}>")
                t(span, f"{OA}hasSource", f"<{ID}source/doc>")
                t(span, f"{OA}start", literal(str(offset), XSD_INT))
                t(span, f"{OA}end", literal(str(offset + len(text)), XSD_INT))
                t(span, f"{OA}exact", literal(text))
                offset += len(text) + 1
                for o in sorted(set(rng.choices(range(ORGS_PER_UNIT), weights, k=rng.randint(1, 4)))):
                    org = f"{ID}organisation/u{unit}-o{o}"
                    mention = f"{ID}mention/doc/{offset}-{o}"
                    t(action, f"{TS}involves", f"<{org}>")
                    t(mention, RDF_TYPE, f"<{TS}Mention>")
                    t(mention, f"{OA}hasBody", f"<{org}>")
                    t(mention, f"{TS}mentionIn", f"<{action}>")
                    t(mention, f"{TS}surfaceForm", literal(f"O{o}U{unit}"))
                    involvement = f"{ID}involvement/{action_id}/{o}"
                    t(involvement, f"{PROV}wasDerivedFrom", f"<{mention}>")
                progress = f"{ID}progress/{action_id}"
                t(progress, RDF_TYPE, f"<{TS}ProgressEntry>")
                t(progress, f"{TS}progressOf", f"<{action}>")
                t(progress, f"{TS}status", f"<{ID}status/{rng.choice(STATUSES)}>")
                t(progress, f"{TS}progressText", literal(" ".join(rng.choice(WORDS) for _ in range(20))))
    return count
