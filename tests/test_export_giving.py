"""360Giving: the grants validate against the official 360Giving Data Standard 1.4.3 schemas
(vendored in tests/schemas/360giving/1.4.3) with zero errors, count each sum once, carry the
text's dates, and survive the spreadsheet form (flattentool) unchanged."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from graph.export.giving import EXTENSION, award_date, grant_package, organisation
from graph.export.periods import read_period, stated_date

SCHEMAS = Path(__file__).resolve().parent / "schemas" / "360giving" / "1.4.3"
REPO = Path(__file__).resolve().parent.parent


def official_validator(grant_schema: dict | None = None) -> Draft202012Validator:
    """The package schema, with the grant schema registered under the URL its $ref names (nothing
    is fetched), and formats checked as the 360Giving Data Quality Tool checks them."""
    package = json.loads((SCHEMAS / "360-giving-package-schema.json").read_text())
    grant = grant_schema or json.loads((SCHEMAS / "360-giving-schema.json").read_text())
    ref = package["properties"]["grants"]["items"]["$ref"]
    registry = Registry().with_resource(ref, DRAFT202012.create_resource(grant))
    return Draft202012Validator(package, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def errors(data: dict, validator: Draft202012Validator | None = None) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in (validator or official_validator()).iter_errors(data)]


@pytest.fixture(scope="module")
def grants(exports) -> dict:
    return json.loads((exports / "360giving.json").read_text(encoding="utf-8"))


def test_the_official_schema_rejects_what_it_should():
    # The validator is live: a grant without id, or with a month for a date, is refused; the uri and
    # date-time formats are checked only where their checkers are installed (the test extra).
    assert {"uri", "date-time"} <= set(Draft202012Validator.FORMAT_CHECKER.checkers)
    good = {"grants": [{"id": "360G-x-1", "title": "t", "description": "d", "currency": "GBP", "amountAwarded": 1,
                        "awardDate": "2009-11-01", "recipientOrganization": [{"id": "360G-x-r", "name": "R"}],
                        "fundingOrganization": [{"id": "360G-x-f", "name": "F"}]}]}
    assert errors(good) == []
    for change in ({"awardDate": "2009-11"}, {"identifier": "360G-x-1", "id": None}, {"dataSource": "the 2008 strategy"}):
        bad = copy.deepcopy(good)
        bad["grants"][0].update(change)
        bad["grants"][0] = {k: v for k, v in bad["grants"][0].items() if v is not None}
        assert errors(bad), change


def test_grants_validate_against_the_official_schema_with_zero_errors(grants):
    assert errors(grants) == []


def test_the_extension_fields_follow_their_own_schema(grants):
    grant_schema = json.loads((SCHEMAS / "360-giving-schema.json").read_text())
    grant_schema["properties"]["tsgraph"] = {**EXTENSION, "required": sorted(EXTENSION["properties"]),
                                             "additionalProperties": False}
    assert errors(grants, official_validator(grant_schema)) == []


def test_no_sum_is_counted_twice(grants, index_data):
    awarded = grants["grants"]
    # Each grant is a different sum of money in the text (its citation), so none is counted twice...
    citations = [g["tsgraph"]["citation"] for g in awarded]
    assert len(citations) == len(set(citations))
    # ...and together they are exactly the distinct counted sums with a funder and recipients.
    counted = [m for m in index_data["money"] if m["counts_in_totals"] and m["funder"] and m["recipients"]]
    assert sum(g["amountAwarded"] for g in awarded) == sum(m["counted_gbp"] for m in counted)
    # By hand from the documents: £10m (Rural Communities Action Network, 2.25), £4m (WRAP and REconomy,
    # 3.3), £4.75m (Keep Britain Tidy, 2010/11), £100,000 a year for 3 years (NALC and ACRE), £40k
    # (FACE), £60k (won by Defra, 4.3), £4m (the Every Action Counts consortium, a case study). The
    # £45,000 to each RCCP is no grant: the text does not say how many RCCPs, so its whole is unknown.
    assert sum(g["amountAwarded"] for g in awarded) == \
        10_000_000 + 4_000_000 + 4_750_000 + 3 * 100_000 + 40_000 + 60_000 + 4_000_000
    acre = next(g for g in awarded if g["tsgraph"]["about"] == "2.9")
    assert (acre["amountAwarded"], acre["tsgraph"]["statedAmount"], acre["tsgraph"]["totalBasis"]) == (300_000, 100_000, "computed")
    assert acre["title"].startswith("£100,000 per annum for 3 years to ")


def test_joint_recipients_share_one_grant(grants):
    by_recipients = {tuple(sorted(o["name"] for o in g["recipientOrganization"])): g for g in grants["grants"]}
    joint = by_recipients[("REalliance CIC", "Waste & Resources Action Programme")]
    assert joint["amountAwarded"] == 4_000_000 and joint["title"].startswith("£4m to ")
    pair = by_recipients[("Action for Communities in Rural England", "National Association of Local Councils")]
    assert pair["amountAwarded"] == 300_000 and "per annum for 3 years" in pair["title"] and pair["tsgraph"]["perAnnum"] is True


def test_dates_come_from_the_text(grants):
    by_recipient = {g["recipientOrganization"][0]["name"]: g for g in grants["grants"]}
    kbt = by_recipient["Keep Britain Tidy"]
    assert kbt["amountAwarded"] == 4_750_000 and kbt["description"] == "Grant to Keep Britain Tidy for 2010/11 confirmed at £4.75m."
    assert kbt["plannedDates"] == [{"startDate": "2010-04-01", "endDate": "2011-03-31", "duration": 12,
                                    "description": "'2010/11' in the text: the UK financial year 2010/11, 1 April to 31 March"}]
    # Stated in the November 2009 report without a date of award: the report's month stands in, and says so.
    assert kbt["awardDate"] == "2009-11-01" and kbt["tsgraph"]["awardDateBasis"].startswith("not stated in the text")
    nalc = next(g for g in grants["grants"] if len(g["recipientOrganization"]) == 2 and g["amountAwarded"] == 300_000)
    assert (nalc["plannedDates"][0]["startDate"], nalc["plannedDates"][0]["endDate"], nalc["plannedDates"][0]["duration"]) == \
        ("2008-04-01", "2011-03-31", 36)
    wrap = next(g for g in grants["grants"] if g["amountAwarded"] == 4_000_000)
    assert wrap["plannedDates"][0] == {"duration": 36, "description": (
        "'over three years' in the text: a duration of 36 months; the text gives no start or end")}
    assert wrap["awardDate"] == "2008-11-01"


def test_data_source_is_the_published_document(grants):
    strategy = [g for g in grants["grants"] if g["tsgraph"]["citation"].startswith("strategy-2008:")]
    report = [g for g in grants["grants"] if g["tsgraph"]["citation"].startswith("one-year-on-2009:")]
    assert strategy and report
    for grant in strategy:  # the strategy names its own web address; the progress report names none
        assert grant["dataSource"] == grant["url"] == "http://www.defra.gov.uk/corporate/how-do-we-work/third-sector/strategy/index.htm"
    assert all("dataSource" not in g and "url" not in g for g in report)


def test_organisations_use_registry_identifiers_and_never_guess():
    assert organisation({"id": "wrap", "name": "WRAP", "acronyms": []}) == {"id": "360G-tsgraph-wrap", "name": "WRAP"}
    charity = organisation({"id": "rspb", "name": "RSPB", "acronyms": [], "identifiers": {"GB-COH": "00001", "GB-CHC": "207076"}})
    assert charity == {"id": "GB-CHC-207076", "name": "RSPB", "charityNumber": "207076", "companyNumber": "00001"}
    assert organisation({"id": "x", "name": "X", "acronyms": [], "identifiers": {}})["id"] == "360G-tsgraph-x"


@pytest.mark.parametrize("words,expected", [
    # Wordings the sources do not use: the rules are general, not fitted to the two documents.
    ("for 2011/12", ("2011-04-01", "2012-03-31", 12)),
    ("in the 1999-2000 financial year", ("1999-04-01", "2000-03-31", 12)),
    ("during 2007-08", ("2007-04-01", "2008-03-31", 12)),
    ("the two years to 2012/13", ("2011-04-01", "2013-03-31", 24)),
    ("over two years", (None, None, 24)),
    ("for 18 months", (None, None, 18)),
    ("until June 2011", (None, "2011-06", None)),
    ("by the end of Sept 2012", (None, "2012-09", None)),
    ("from April 2010", ("2010-04", None, None)),
    ("from 2010 to 2012", ("2010", "2012", None)),
    ("in 2012", ("2012", "2012", None)),
])
def test_periods_are_read_from_general_wordings(words, expected):
    period = read_period(words)
    assert (period.start, period.end, period.months) == expected
    assert period.words in words and period.describe().startswith(f"'{period.words}' in the text: ")


@pytest.mark.parametrize("words", ["p.a", "per annum", "2009-12", "2010/12", "", None, "the year before"])
def test_no_period_is_invented(words):
    assert read_period(words) is None


def test_award_dates_stated_in_the_text_are_used():
    assert stated_date("The grant was awarded on 3 March 2010.") == ("2010-03-03", "3 March 2010")
    assert stated_date("agreed on 1/12/08") == ("2008-12-01", "1/12/08")
    assert stated_date("31/02/09") is None
    item = {"sentence": {"quote": "Funding of £5k was agreed on 14th July 2009 with the Trust."}}
    assert award_date(item, "2009-11") == ("2009-07-14", "stated in the text: '14th July 2009'")
    assert award_date({"sentence": {"quote": "£5k for the Trust."}}, "2009-11")[0] == "2009-11-01"


def test_the_spreadsheet_form_unflattens_to_the_same_grants(index_data, tmp_path):
    from graph.export.giving_sheets import unflatten_grants, write_360giving_xlsx

    (path,) = write_360giving_xlsx(index_data, tmp_path)
    assert unflatten_grants(path) == grant_package(index_data)["grants"]
    (tmp_path / "again").mkdir()
    (again,) = write_360giving_xlsx(index_data, tmp_path / "again")
    assert again.read_bytes() == path.read_bytes()  # reproducible: no timestamps


def test_the_shipped_grant_schema_is_the_official_one():
    shipped = REPO / "graph" / "export" / "schemas" / "360-giving-schema-1.4.3.json"
    assert shipped.read_bytes() == (SCHEMAS / "360-giving-schema.json").read_bytes()


def test_a_name_that_looks_like_a_formula_stays_text_in_the_spreadsheet(index_data, tmp_path, monkeypatch):
    import zipfile

    import graph.export.giving_sheets as sheets_module

    package = grant_package(index_data)
    package["grants"][0]["recipientOrganization"][0]["name"] = '=HYPERLINK("http://example.org/?a=1&b=2", "click")'
    package["grants"][0]["title"] = "+1 -2 @3"
    monkeypatch.setattr(sheets_module, "grant_package", lambda index: package)
    (path,) = sheets_module.write_360giving_xlsx(index_data, tmp_path)
    with zipfile.ZipFile(path) as workbook:
        sheets = [workbook.read(n) for n in workbook.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in sheet for sheet in sheets)
    assert sheets_module.unflatten_grants(path) == package["grants"]
