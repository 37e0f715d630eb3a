"""The command line's edges: completion through bash itself, narrow terminals, usage errors
(exit 2) against lookups that find nothing (exit 1), repeated options, ranges, query files
without a header, evidence sentences, endpoint URLs and the counts every summary shows.

Expected values are written by hand from the source documents, or computed from the parsed
corpus independently of the CLI."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from graph.resolve import involvement
from helpers import defra_family

REPO = Path(__file__).resolve().parent.parent
TSGRAPH = Path(sys.executable).parent / "tsgraph"


@pytest.fixture(scope="module")
def run(exports):
    runner = CliRunner()

    def invoke(*args: str, columns: int = 80, input: str | None = None):
        return runner.invoke(cli, ["--exports", str(exports), *args], env={"COLUMNS": str(columns)}, input=input,
                             prog_name="tsgraph")

    return invoke


# -- completion, through bash ------------------------------------------------------------------

def bash_complete(words: list[str], exports_env: str) -> list[str]:
    """Source the completion script tsgraph prints, fill COMP_WORDS as bash would for the line
    typed so far, call the completion function and return COMPREPLY, one entry per line."""
    env = dict(os.environ, TSGRAPH_EXPORTS=exports_env, PATH=f"{TSGRAPH.parent}{os.pathsep}{os.environ['PATH']}")
    env.pop("COLUMNS", None)
    script = subprocess.run([str(TSGRAPH)], env={**env, "_TSGRAPH_COMPLETE": "bash_source"},
                            capture_output=True, text=True, check=True).stdout
    words_literal = " ".join(shlex_single(w) for w in words)
    program = (f"{script}\nCOMP_WORDS=({words_literal}); COMP_CWORD={len(words) - 1}; COMPREPLY=()\n"
               "_tsgraph_completion tsgraph\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
    result = subprocess.run(["bash", "--norc", "--noprofile", "-c", program], env=env,
                            capture_output=True, text=True, check=True)
    return [line for line in result.stdout.splitlines() if line]


def shlex_single(word: str) -> str:
    return "'" + word.replace("'", "'\\''") + "'"


def words_in_shell(inserted: str) -> list[str]:
    """How bash splits the command line once the completion is inserted."""
    result = subprocess.run(["bash", "--norc", "--noprofile", "-c", f"printf '%s\\n' {inserted}"],
                            capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


needs_bash = pytest.mark.skipif(shutil.which("bash") is None or not TSGRAPH.exists(), reason="needs bash and the tsgraph script")


@needs_bash
def test_bash_inserts_a_multi_word_name_as_one_argument(exports):
    replies = bash_complete(["tsgraph", "actions", "--org", "Keep"], str(exports))
    assert replies == ["Keep\\ Britain\\ Tidy", "Keep\\ Britain\\ Tidy\\ charity"]
    assert words_in_shell(replies[0]) == ["Keep Britain Tidy"]
    # Inside a quote the user opened, the name goes in as it is and the quote keeps it whole.
    assert bash_complete(["tsgraph", "org", '"Keep B'], str(exports)) == ["Keep Britain Tidy", "Keep Britain Tidy charity"]
    # COMP_WORDS holds the words as typed: here an escaped space and ampersand.
    replies = bash_complete(["tsgraph", "funding", "--org", "Waste\\ \\&"], str(exports))
    assert replies == ["Waste\\ \\&\\ Resources\\ Action\\ Programme"]
    assert words_in_shell(replies[0]) == ["Waste & Resources Action Programme"]


@needs_bash
def test_bash_completion_offers_no_case_duplicates(exports):
    # (The Wildlife Trusts complete under "The": lint dropped "Wildlife Trusts", which the
    # normalisation already reads as the same name.)
    # WRAP's registry record also lists "Wrap" and "Waste and Resources Action Programme":
    # the same names as "WRAP" and "Waste & Resources Action Programme" but for case and "&".
    replies = bash_complete(["tsgraph", "actions", "--org", "W"], str(exports))
    assert replies == [
        "Waste\\ \\&\\ Resources\\ Action\\ Programme", "Waste\\ Resources\\ Action\\ Programme",
        "Waste\\ Stakeholder\\ Group", "Waterwise", "WCMC", "Wildlife\\ and\\ Countryside\\ Link",
        "Wildlife\\ Link", "World\\ Horse\\ Welfare", "WRAP",
    ]
    everything = bash_complete(["tsgraph", "actions", "--org", ""], str(exports))
    assert len(everything) > 150
    folded = [name.casefold() for name in everything]
    assert len(folded) == len(set(folded))


@needs_bash
def test_completion_reads_exports_from_the_command_line(exports, tmp_path):
    nowhere = str(tmp_path / "no-exports")
    assert bash_complete(["tsgraph", "actions", "--org", "Keep"], nowhere) == []
    before = bash_complete(["tsgraph", "--exports", str(exports), "actions", "--org", "Keep"], nowhere)
    after = bash_complete(["tsgraph", "actions", "--exports", str(exports), "--org", "Keep"], nowhere)
    assert before == after == ["Keep\\ Britain\\ Tidy", "Keep\\ Britain\\ Tidy\\ charity"]


# -- narrow terminals ----------------------------------------------------------------------------

def test_actions_table_at_80_columns_shows_partners_and_lead_units(run):
    # Partners by short name in the order the text names them ("support Wrap and the REconomy",
    # "Work with OTS", "working with REalliance and ... WRAP"); Defra is the author, not a partner;
    # 4.4's progress names "the third sector team", Defra's own unit, which leads.
    result = run("actions", "--org", "WRAP", "--table")
    assert result.exit_code == 0
    assert result.output == (
        "id    status       partners          lead               text\n"
        "----  -----------  ----------------  -----------------  ------------------------\n"
        "3.3   in-progress  WRAP; REallianc…                     Continue to support Wra…\n"
        "4.4   in-progress  OTS; WRAP         Defra third sect…  Work with OTS and Defra…\n"
        "8.1   in-progress  REalliance CIC;…                     Work with a range of th…\n"
        "10.5  in-progress  WRAP                                 We will consult third s…\n"
    )
    assert max(len(line) for line in result.output.splitlines()) == 80


def test_a_wide_terminal_gives_the_text_the_rest(run):
    lines = run("actions", "--org", "WRAP", "--table", columns=160).output.splitlines()
    # Columns as wide as their widest cell ("WRAP; REalliance CIC", "Defra third sector team"),
    # two spaces between; the text takes the remaining 160 - 4 - 11 - 20 - 23 - 4 * 2 = 94.
    text = ("Continue to support Wrap and the REconomy Community Interest Company (CIC) in a programme worth £4m over "
            "three years")
    assert lines[2] == "  ".join(["3.3 ", "in-progress", "WRAP; REalliance CIC", " " * 23, text[:93] + "…"])
    assert len(lines[2]) == 160


def test_query_list_never_cuts_the_names_one_types(run):
    from graph.query import library

    for columns in (60, 80):
        lines = run("query", "--list", "--table", columns=columns).output.splitlines()
        assert [line.split("  ")[0] for line in lines[2:]] == [q.name for q in library()], columns


# -- usage errors (exit 2) against lookups that find nothing (exit 1) -------------------------

USAGE = "Usage: tsgraph {command} [OPTIONS]{args}\nTry 'tsgraph {command} --help' for help.\n\nError: "


def usage(command: str, message: str, args: str = "") -> str:
    return USAGE.format(command=command, args=args) + message + "\n"


@pytest.mark.parametrize("args,message", [
    (["actions", "--chapter", "12"],
     "Invalid value for '--chapter': '12' is not a valid chapter; valid values: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11"),
    (["actions", "--status", "finished"],
     "Invalid value for '--status': 'finished' is not a valid status; valid values: complete, decided-against, "
     "dropped-or-merged, in-progress, no-progress, not-stated, superseded, transferred"),
    (["actions", "--timing", "soon"],
     "Invalid value for '--timing': 'soon' is not a valid timing; valid values: immediate, longer-term"),
    (["orgs", "--kind", "charity"],
     "Invalid value for '--kind': 'charity' is not a valid organisation kind (did you mean 'charity-ngo'?); valid values: "
     "charity-ngo, company, defra-unit, government-department, network-umbrella, partnership-group, public-body, "
     "social-enterprise"),
])
def test_a_value_outside_a_fixed_list_is_a_usage_error(run, args, message):
    result = run(*args)
    assert (result.exit_code, result.output) == (2, usage(args[0], message))


def test_an_objective_number_outside_the_chapters_is_a_usage_error(run):
    result = run("objective", "12")
    assert (result.exit_code, result.output) == (2, usage(
        "objective", "Invalid value for 'NUMBER': '12' is not a valid chapter; valid values: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11",
        " NUMBER"))


def test_a_value_given_in_another_spelling_is_accepted(run):
    assert [a["id"] for a in json.loads(run("actions", "--chapter", "11", "--status", "No progress", "--json").output)] == [
        "11.2", "11.3", "11.4", "11.5", "11.7", "11.8", "11.9", "11.10"]


def test_a_name_that_finds_nothing_stays_a_runtime_error(run):
    result = run("actions", "--org", "Wrapp")
    assert (result.exit_code, result.output) == (
        1, "Error: unknown organisation 'Wrapp'; did you mean 'Waste & Resources Action Programme'?\n")
    result = run("funding", "--org", "Nobody At All")
    assert result.exit_code == 1 and result.output.startswith("Error: unknown organisation 'Nobody At All'")


def test_a_missing_or_unknown_query_parameter_is_a_usage_error(run):
    result = run("query", "actions-of-organisation")
    assert (result.exit_code, result.output) == (2, usage("query", (
        "query 'actions-of-organisation' needs --param org=... (organisation: The organisation, by any name, acronym or "
        "former name)"), " [QUERY]"))
    result = run("query", "status-by-chapter", "--param", "org=WRAP")
    assert (result.exit_code, result.output) == (2, usage(
        "query", "query 'status-by-chapter' has no parameter org; its parameters: none", " [QUERY]"))


@pytest.mark.parametrize("args,message", [
    (["query", "-", "--limit", "-1"], "Invalid value for '--limit': -1 is not in the range x>=1."),
    (["query", "-", "--limit", "0"], "Invalid value for '--limit': 0 is not in the range x>=1."),
    *[(["query", "-", "--timeout", given], f"Invalid value for '--timeout': {given!r} is not a finite number of seconds "
       "above 0 and at most 86400, e.g. 30") for given in ("0", "-2", "nan", "inf", "-inf", "1e400", "86401", "soon")],
    (["query", "-", "--memory", "255"], "Invalid value for '--memory': 255 is not in the range x>=256."),
    (["serve", "--port", "99999"], "Invalid value for '--port': 99999 is not in the range 1<=x<=65535."),
    (["serve", "--port", "0"], "Invalid value for '--port': 0 is not in the range 1<=x<=65535."),
    (["serve", "--timeout", "0"], "Invalid value for '--timeout': '0' is not a finite number of seconds above 0 and at most 86400, e.g. 30"),
])
def test_numbers_out_of_range_are_refused(run, args, message):
    result = run(*args, input="ASK { ?s ?p ?o }")
    suffix = " [QUERY]" if args[0] == "query" else ""
    assert (result.exit_code, result.output) == (2, usage(args[0], message, suffix))


@pytest.mark.parametrize("extra", [["--named"], ["--kind", "charity-ngo"]])
def test_unresolved_names_do_not_take_organisation_filters(run, extra):
    result = run("orgs", "--unresolved", *extra)
    assert (result.exit_code, result.output) == (2, usage(
        "orgs", "--unresolved lists unknown names; --kind and --named do not apply to it"))


@pytest.mark.parametrize("command", [["query", "status-by-chapter"], ["actions"], ["push"]])
@pytest.mark.parametrize("url", ["not-a-url", "ftp://example.org/sparql", "http://", "http://127.0.0.1:99999/query"])
def test_an_endpoint_that_is_not_a_url_is_a_usage_error(run, command, url):
    result = run(*command, "--endpoint", url)
    assert result.exit_code == 2, result.output
    last = result.output.splitlines()[-1]
    assert last.startswith(f"Error: Invalid value for '--endpoint': {url!r} is not")
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)


# -- repeated options ----------------------------------------------------------------------------

def test_repeated_org_means_actions_naming_all_of_them(run, corpus):
    links = involvement(corpus)
    wrap, ots = set(links["wrap"]), set(links["ots"])
    result = run("actions", "--org", "WRAP", "--org", "Office of the Third Sector", "--json")
    assert [a["id"] for a in json.loads(result.output)] == sorted(wrap & ots) == ["4.4"]


def test_repeated_org_in_funding_means_sums_between_them(run):
    data = json.loads(run("funding", "--org", "Defra", "--org", "WRAP", "--json").output)
    # "Continue to support Wrap and the REconomy ... in a programme worth £4m" (3.3, funder implied)
    # and its restatement ("a programme worth £4 M"), which is listed but not counted again.
    assert [(i["amount"], i["subject"], i["counts_in_totals"]) for i in data["items"]] == [
        ("£4m", "3.3", True), ("£4 M", "3.3", False)]
    assert data["totals"] == {"items": 2, "counted_items": 1, "total_gbp": 4_000_000,
                              "not_counted": {"a repeat of a sum stated earlier": 1}}


def test_an_option_that_takes_one_value_refuses_a_second(run):
    result = run("actions", "--chapter", "1", "--chapter", "2")
    assert (result.exit_code, result.output) == (2, usage("actions", "--chapter takes one value; it was given 2 times"))
    result = run("query", "actions-of-organisation", "--param", "org=WRAP", "--param", "org=ACRE")
    assert (result.exit_code, result.output) == (2, usage(
        "query", "Invalid value for '--param': org is given twice; a parameter takes one value", " [QUERY]"))


# -- query files -------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".rq", ".sparql"])
def test_a_query_file_without_a_header_is_accepted(run, tmp_path, suffix):
    path = tmp_path / f"how-many-actions{suffix}"
    path.write_text("PREFIX ts: <https://w3id.org/tsgraph/ontology#>\nSELECT (COUNT(?a) AS ?n) WHERE { ?a a ts:Action }\n")
    result = run("query", str(path), "--json")
    assert (result.exit_code, json.loads(result.output)) == (0, [{"n": "132"}])
    result = run("query", str(path), "--param", "org=WRAP")
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2, "Error: query 'how-many-actions' has no parameter org; its parameters: none")


def test_a_missing_query_file_is_named(run, tmp_path):
    result = run("query", str(tmp_path / "nothing.sparql"))
    assert (result.exit_code, result.output) == (1, f"Error: {tmp_path / 'nothing.sparql'}: no such query file\n")


# -- the evidence is the sentence ----------------------------------------------------------------

def test_source_of_link_returns_the_sentence(run, corpus):
    result = run("query", "source-of-link", "--param", "org=Keep Britain Tidy", "--param", "action=1.14", "--json")
    rows = json.loads(result.output)
    assert [(r["context"], r["quote"], r["sentence"]) for r in rows] == [
        ("restatement", "ENCAMS", "Continue to support ENCAMS (now Keep Britain Tidy), one of Defra's third sector delivery "
         "partners, to advise Government and campaign independently to improve and protect the quality of the local environment."),
        ("restatement", "Keep Britain Tidy", "Continue to support ENCAMS (now Keep Britain Tidy), one of Defra's third sector "
         "delivery partners, to advise Government and campaign independently to improve and protect the quality of the "
         "local environment."),
        ("progress", "Keep Britain Tidy", "Grant to Keep Britain Tidy for 2010/11 confirmed at £4.75m."),
        ("action", "ENCAMS", "Continue to support *ENCAMS*, one of Defra's third sector delivery partners, to advise "
         "Government and campaign independently to improve and protect the quality of the local environment."),
    ]
    for row in rows:
        text = corpus.documents[row["document"]].text
        assert text[int(row["start"]):int(row["end"])] == row["quote"] and row["sentence"] in text


def test_the_org_table_shows_each_sentence_with_its_citation(run):
    lines = run("org", "Keep Britain Tidy", "--table", columns=140).output.splitlines()
    table = lines[lines.index("") + 1:]
    assert table[0].split() == ["action", "status", "sentence", "source"]
    # The widest citation is 28 characters ("one-year-on-2009:47815-48057"): the sentence column
    # gets 140 - 6 - 11 - 28 - 3 * 2 = 89.
    sentence = "Grant to Keep Britain Tidy for 2010/11 confirmed at £4.75m."
    assert table[4] == "  ".join(["1.14  ", "not-stated ", sentence.ljust(89), "one-year-on-2009:10037-10096"])
    assert [row.split()[0] for row in table[2:]] == ["1.14", "1.14", "1.14", "2.10", "2.22", "2.22", "3.4", "3.4"]


# -- one ranking, one set of counts --------------------------------------------------------------

def test_objectives_and_the_analysis_rank_partners_alike(run, corpus):
    listed = json.loads(run("objectives", "--json").output)
    analysed = json.loads(run("analyse", "--part", "objectives", "--json").output)
    family = defra_family(corpus)
    chapter_of = {a.id: a.chapter for a in corpus.actions}
    shared: dict[int, dict[str, int]] = {}
    for org, actions in involvement(corpus).items():
        if org not in family:
            for action_id in actions:
                shared.setdefault(chapter_of[action_id], {}).setdefault(org, 0)
                shared[chapter_of[action_id]][org] += 1
    for row, analysis in zip(listed, analysed):
        counts = shared.get(row["number"], {})
        name = lambda o: corpus.registry.entities[o].name  # noqa: E731
        expected = sorted(counts, key=lambda o: (-counts[o], name(o).casefold()))
        assert row["top_partners"] == [name(o) for o in expected[:5]], row["number"]
        assert analysis["top_partner"] == row["top_partners"][0] and analysis["partners"] == row["partners"] == len(counts)


def test_orgs_says_what_it_lists(run, corpus):
    everything = json.loads(run("orgs", "--json").output)
    named = json.loads(run("orgs", "--named", "--json").output)
    registry = corpus.registry.of_type("organisation")
    links = involvement(corpus)
    assert len(everything) == len(registry)
    assert {r["id"] for r in named} == set(links)
    assert all(r["actions"] == len(links.get(r["id"], {})) for r in everything)
    roles = {r["id"]: r["role"] for r in everything}
    assert roles["defra"] == "publisher" and roles["wrap"] == "partner" and roles["defra-third-sector-team"] == "Defra unit"
    assert {o for o, role in roles.items() if role == "not in actions"} == {e.id for e in registry} - set(links) - defra_family(corpus)


def test_every_summary_shows_the_same_counts(run, corpus, tmp_path):
    family = defra_family(corpus)
    links = involvement(corpus)
    partners = {o for o in links if o not in family}
    units = {o for o in links if o in family and o != "defra"}
    built = CliRunner().invoke(cli, ["--exports", str(tmp_path / "ex"), "build", "--no-maps", "--no-store"])
    assert built.exit_code == 0, built.output
    assert f" {len(partners)} partners and {len(units)} Defra units in " in built.output
    footer = run("orgs", "--table", columns=200).output.splitlines()[-1]
    assert footer == (f"{len(corpus.registry.of_type('organisation'))} listed; the registry knows "
                      f"{len(corpus.registry.of_type('organisation'))} organisations, {len(links)} of them named in "
                      f"actions: {len(partners)} partners, {len(units)} Defra units and Defra")
    summary = json.loads(run("analyse", "--json").output)["summary"]
    assert summary["organisations"] == len(partners)
    assert summary["actions_with_partners"] == len({a for o in partners for a in links[o]})
    assert re.search(rf"\b{len(partners)} partners\b", built.output)


def test_a_missing_build_is_one_line_even_while_options_are_checked(tmp_path):
    # --status is checked against the build's own status list, so the missing build shows first.
    missing = tmp_path / "none"
    result = CliRunner().invoke(cli, ["actions", "--status", "complete", "--exports", str(missing)], prog_name="tsgraph")
    assert (result.exit_code, result.output) == (
        1, f"Error: no graph at {missing / 'index.json'}; run `tsgraph build` first (or pass --exports DIR)\n")
