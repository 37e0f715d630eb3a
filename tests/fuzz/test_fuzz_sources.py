"""Fuzzed source texts through the build's stages: read, parse, resolve, project to N-Triples and
read the N-Triples back. Each case ends in success (and readable N-Triples, one triple a line)
or a one-line TsgraphError naming the edited file; never another exception, never a hang."""

from __future__ import annotations

import shutil

from hypothesis import given

from fuzzkit import FUZZ_SETTINGS, CaseLog, PropertyViolation, check_error, finish
from graph.errors import TsgraphError
from graph.project import project
from graph.resolve import build_corpus
from graph.serialise import ReadBackError, read_back
from graph.sources import load_documents
from sample_data import REPORT, REPORT_FILE, STRATEGY_FILE
from sample_strategy import SAMPLE
from strategies import apply_text_edits, encode, encoding, text_edits


def test_fuzzed_sources_parse_or_are_refused_in_one_line(fuzz_data, fuzz_registry, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(fuzz_data, data)
    log = CaseLog("sources")
    names = ("plan.txt", "report.txt")

    def case(strategy_edits, report_edits, how) -> str:
        (data / STRATEGY_FILE).write_bytes(encode(apply_text_edits(SAMPLE, strategy_edits), how))
        (data / REPORT_FILE).write_bytes(encode(apply_text_edits(REPORT, report_edits), "utf-8"))
        try:
            corpus = build_corpus(load_documents(data), fuzz_registry)
            ntriples = project(corpus).ntriples
        except TsgraphError as exc:
            check_error(exc, names)
            return "refused"
        # The build reads its own N-Triples back from disk (graph.serialise): every line one triple.
        lines = [line for line in ntriples.split("\n") if line]
        written = tmp_path / "graph.nt"
        written.write_bytes(ntriples.encode("utf-8"))
        try:
            read_back(written, len(lines), keep=False)
        except ReadBackError as exc:
            raise PropertyViolation(str(exc)) from exc
        return "ok"

    @FUZZ_SETTINGS
    @given(text_edits, text_edits, encoding)
    def run(strategy_edits, report_edits, how):
        log.run(lambda: case(strategy_edits, report_edits, how),
                lambda: {"strategy_edits": strategy_edits, "report_edits": report_edits, "encoding": how})

    run()
    finish(log)
