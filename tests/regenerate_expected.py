"""Rewrite tests/expected/*.json from the current build: `python tests/regenerate_expected.py EXPORTS`.

Read the diff before committing: the expected files are the reviewed answers of the query library.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from query_cases import PARAMS  # noqa: E402

from graph.lookup import load_index  # noqa: E402
from graph.query import bind_parameters, library, run_local  # noqa: E402


def main(exports: Path) -> None:
    index = load_index(exports)
    target = Path(__file__).resolve().parent / "expected"
    for query in library():
        result = run_local(exports / "store", bind_parameters(query, PARAMS.get(query.name, {}), index), limit=None)
        head = {"query": query.name, "params": PARAMS.get(query.name, {}), "columns": result.columns}
        lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": [']
        rows = [" " + json.dumps(list(row), ensure_ascii=False) for row in result.as_tuples()]
        lines.append(",\n".join(rows))
        lines.append("]}")
        (target / f"{query.name}.json").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{query.name}: {len(result.rows)} rows")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "exports"))
