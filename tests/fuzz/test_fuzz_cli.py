"""Fuzzed options of the commands that read a built index and store: exit code 0, 1 or 2, never a
traceback, an error in one line; and a text parameter arrives in the query as exactly the value
given (it cannot close its string literal and change the query), on the embedded store and
through `tsgraph serve` on the same build (--endpoint; also hostile endpoint addresses and a port
nobody listens on). One case in four reads a copy of the build whose index.json is damaged
(edited, any JSON, undecodable), with the same property."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from cli import cli
from fuzzkit import FUZZ_SETTINGS, CaseLog, PropertyViolation, finish, one_line
from graph.query import library
from servers import free_port, start_serve, stop
from strategies import cli_value, json_bytes, json_file, snippet

FORMATS = ["--json", "--csv", "--tsv", "--table"]
LIBRARY = sorted(q.name for q in library())
PARAM_NAMES = sorted({p.name for q in library() for p in q.params} | {"a", "b", ""})
ECHO = "# param: a text  first\n# param: b text  second\nSELECT ?a ?b WHERE { BIND($a AS ?a) BIND($b AS ?b) }\n"
SPARQL = [
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "ASK { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3",
    "DESCRIBE <https://w3id.org/tsgraph/id/action/1.1>", "SELECT * WHERE { ?s ?p ?o } LIMIT 5",
    "INSERT DATA { <x:a> <x:b> <x:c> }", "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL", "LOAD <http://127.0.0.1:9/x>",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "SELECT ?x WHERE { BIND($a AS ?x) }",
    "# param: a text\nSELECT ?x WHERE { BIND($a AS ?x) }", "# param: a bogus\nSELECT 1", "# title:\nSELECT",
    "# param: ch chapter\nSELECT ?x WHERE { BIND($ch AS ?x) }", "# param: a action\nSELECT ?x WHERE { BIND($a AS ?x) }",
    "# param: o organisation\n# param: p programme\nSELECT ?x ?y WHERE { BIND($o AS ?x) BIND($p AS ?y) }",
    "SELECT * WHERE { ?s ?p ?o", "", "\x00", "\u2028", "SELECT (1/0 AS ?x) {}", "SELECT ?x { BIND(\"\u2028\" AS ?x) }",
]

output = st.one_of(st.just([]), st.sampled_from(FORMATS).map(lambda f: [f]), st.lists(st.sampled_from(FORMATS), max_size=2))
opt = cli_value


def option(name: str, values=opt):
    """Mostly given once or not at all; now and then twice (a usage error)."""
    once = values.map(lambda v: [name, v])
    twice = st.tuples(values, values).map(lambda vs: [name, vs[0], name, vs[1]])
    return st.one_of(st.just([]), once, once, twice)


def command(name: str, *parts):
    return st.tuples(*parts).map(lambda ps: [name, *(x for p in ps for x in p)])


positional = st.one_of(opt, st.sampled_from(["1.1", "1.4", "2.1", "WRAP", "RSPB", "1", "2"])).map(lambda v: ["--", v])
query_source = st.one_of(
    st.sampled_from(LIBRARY), st.sampled_from(["echo.rq", "user.rq", "user.sparql", "-", "missing.rq", "query.txt"]), opt,
)
param = st.tuples(st.one_of(st.sampled_from(PARAM_NAMES), snippet), opt).map(lambda t: ["--param", f"{t[0]}={t[1]}"])
raw_param = opt.map(lambda v: ["--param", v])
numbers = st.one_of(st.sampled_from(["nan", "inf", "-inf", "0", "-1", "1e308", "1e-320", "0.001", "²", "1", "30"]), opt)

# A query with the parameters it takes (library queries, or the echo query), so that most cases
# get past parameter checking to binding and running.
QUERY_PARAMS = {q.name: [p.name for p in q.params] for q in library()} | {"echo.rq": ["a", "b"]}
fitting_params = st.sampled_from(sorted(QUERY_PARAMS)).flatmap(
    lambda name: st.tuples(st.just([name]), *[opt.map(lambda v, p=p: ["--param", f"{p}={v}"]) for p in QUERY_PARAMS[name]])
).map(lambda parts: [x for part in parts for x in part])
# "{endpoint}" stands for the fuzz build served by `tsgraph serve` (the address is known at run time).
ENDPOINT = "{endpoint}"
endpoint = st.one_of(
    st.just([]), st.just([]), st.just(["--endpoint", ENDPOINT]), st.just(["--endpoint", ENDPOINT]),
    st.sampled_from(["http://127.0.0.1:9/sparql", "https://127.0.0.1:9/", "ftp://127.0.0.1/x", "file:///etc/passwd",
                     "http://", "http://[::1", "127.0.0.1:7878", f"{ENDPOINT}?x=1", f"{ENDPOINT}/../update"]).map(
        lambda url: ["--endpoint", url]),
    opt.map(lambda value: ["--endpoint", value]),
    st.tuples(st.just(["--endpoint", ENDPOINT]), opt).map(lambda t: [*t[0], "--default-graph", t[1]]),
)
run_options = st.tuples(option("--timeout", numbers), option("--limit", numbers),
                        st.lists(st.just("--no-limit"), max_size=1), output, endpoint)

# Well-formed options on the served build: the hostile part is the parameter values, which go
# through the endpoint binder and the server (most other cases stop at a usage error first).
served = st.just(["--endpoint", ENDPOINT])
sane_run_options = st.tuples(
    st.sampled_from([[], ["--timeout", "10"], ["--timeout", "0.5"]]),
    st.sampled_from([[], ["--limit", "1"], ["--limit", "100"], ["--no-limit"]]), output, served)
once = opt.map(lambda v: [v])

COMMANDS = st.one_of(
    st.tuples(fitting_params, sane_run_options).map(lambda t: ["query", *t[0], *(x for part in t[1] for x in part)]),
    command("actions", *(st.one_of(st.just([]), once.map(lambda v, f=f: [f, *v])) for f in ("--org", "--chapter", "--status",
                                                                                        "--text")), output, served),
    st.tuples(fitting_params, run_options).map(lambda t: ["query", *t[0], *(x for part in t[1] for x in part)]),
    st.tuples(fitting_params, run_options).map(lambda t: ["query", *t[0], *(x for part in t[1] for x in part)]),
    command("actions", option("--org"), option("--chapter"), option("--status"), option("--timing"),
            option("--programme"), option("--text"), output, endpoint),
    command("org", output, positional),
    command("orgs", option("--kind"), st.lists(st.sampled_from(["--named", "--unresolved"]), max_size=2), output),
    command("objective", output, positional),
    command("objectives", output),
    command("funding", option("--org"), output),
    command("show", output, positional),
    command("analyse", option("--part", st.one_of(st.sampled_from(["centrality", "communities", "money-by-programme",
                                                                     "money-by-recipient", "objectives", "progress",
                                                                     "spanning"]), opt)), output),
    st.tuples(query_source, st.lists(st.one_of(param, param, raw_param), max_size=3), run_options).map(
        lambda t: ["query", t[0], *(x for p in t[1] for x in p), *(x for part in t[2] for x in part)]),
)


def echo_values(args: list[str]) -> dict[str, str] | None:
    """For `query echo.rq` with --param a=... and b=... once each and JSON out: the values given."""
    if args[:2] != ["query", "echo.rq"] or any(f in args for f in ("--csv", "--tsv", "--table", "--default-graph")):
        return None
    given = [args[i + 1] for i, a in enumerate(args[:-1]) if a == "--param"]
    pairs = dict(p.split("=", 1) for p in given if "=" in p)
    return pairs if sorted(pairs) == ["a", "b"] and len(given) == 2 else None


def check_result(result, args: list[str]) -> None:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception.with_traceback(result.exc_info[2])
    if result.exit_code not in (0, 1, 2):
        raise PropertyViolation(f"exit code {result.exit_code}")
    if "Traceback" in result.output:
        raise PropertyViolation("a traceback in the output")
    if result.exit_code == 0:
        expected = echo_values(args)
        if expected is not None and json.loads(result.stdout) != [expected]:
            raise PropertyViolation(f"a text parameter changed the query: {result.stdout[:200]!r}")
        return
    lines = result.stderr.split("\n")
    message = lines[-2] if result.stderr.endswith("\n") and len(lines) > 1 else ""
    if not message.startswith("Error: ") or not one_line(message):
        raise PropertyViolation(f"error is not one line ending the output: {result.stderr[-300:]!r}")
    if result.exit_code == 1 and result.stderr != message + "\n":
        raise PropertyViolation(f"runtime error is not one line: {result.stderr[-300:]!r}")


def damaged_copy(exports, target):
    """A build whose index.json each case may overwrite; the rest are links to the real build."""
    target.mkdir()
    for item in exports.iterdir():
        if item.name != "index.json":
            (target / item.name).symlink_to(item)
    return target


@pytest.fixture(scope="module")
def fuzz_endpoint(fuzz_exports):
    """`tsgraph serve` on the fuzz build, on 127.0.0.1, stopped when the module ends."""
    port = free_port()
    process = start_serve(fuzz_exports, port, "--workers", "2", "--timeout", "10")
    yield f"http://127.0.0.1:{port}/query"
    stop(process)


def test_fuzzed_options_exit_cleanly(fuzz_exports, fuzz_endpoint, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "echo.rq").write_text(ECHO, encoding="utf-8")
    damaged = damaged_copy(fuzz_exports, tmp_path / "damaged")
    index_text = (fuzz_exports / "index.json").read_text(encoding="utf-8")
    log = CaseLog("cli")
    runner = CliRunner()

    def case(args: list[str], user_query: str, stdin: str, index_spec) -> str:
        for name in ("user.rq", "user.sparql"):
            (tmp_path / name).write_text(user_query, encoding="utf-8", errors="surrogatepass")
        exports = fuzz_exports
        if index_spec is not None:
            (damaged / "index.json").write_bytes(json_bytes(index_text, index_spec))
            exports = damaged
        args = [arg.replace(ENDPOINT, fuzz_endpoint) for arg in args]
        result = runner.invoke(cli, ["--exports", str(exports), *args], input=stdin, catch_exceptions=True)
        check_result(result, args)
        return "ok" if result.exit_code == 0 else "refused"

    @FUZZ_SETTINGS
    @given(COMMANDS, st.one_of(st.sampled_from(SPARQL), snippet), st.one_of(st.sampled_from(SPARQL), snippet),
           st.one_of(st.none(), st.none(), st.none(), json_file()))
    def run(args, user_query, stdin, index_spec):
        log.run(lambda: case(args, user_query, stdin, index_spec),
                lambda: {"args": args, "user_query": user_query, "stdin": stdin, "index": index_spec})

    run()
    finish(log)
