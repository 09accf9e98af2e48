"""pm.datasets.read_csv: an analyst's own CSV, checked against the data dictionary.

Every error names the file, the line and the column. The dictionary grammar (ranges, keys,
optional columns, links) is tested on a small dictionary written here (PMLIB_DATA_DIR), the
CSV dialect on the bundled `resources` and the dictionary-only `schedule` shapes.
"""

from __future__ import annotations

import io
import re
import textwrap

import numpy as np
import pandas as pd
import pytest

import pmlib as pm
from pmlib.errors import InputError, MissingColumnError, UnknownDatasetError, UnknownIdError

RESOURCES = "id,name,skill,team,capacity,day_rate\n"

# A dictionary of our own: every rule of the `type` cell and of "links to".
README = textwrap.dedent("""\
    # Test dictionary

    ### `shops.csv`

    One row per shop.

    | column | type | unit | links to | description |
    |---|---|---|---|---|
    | id | string key | | | shop id |
    | region | string | | regions.id | the region |
    | share | float [0, 1] | fraction | | share of sales |
    | staff | integer > 0 | people | | head count |
    | opened | date | | | opening day |
    | sunday | boolean optional | | | open on Sundays |

    ### `sales.csv`

    One row per (shop, month).

    | column | type | unit | links to | description |
    |---|---|---|---|---|
    | shop_id | string key | | shops.id | the shop |
    | period | integer >= 1 key | months | | month |
    | revenue | float >= 0 | k$ | | revenue |
    | partners | string optional | | shops.id | comma-separated shops sharing the sale |

    ### `regions.csv`

    | column | type | unit | links to | description |
    |---|---|---|---|---|
    | id | string key | | | region id |
    | parent | string optional | | regions.id | the region it belongs to |
    """)


@pytest.fixture
def own_dictionary(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "README.md").write_text(README)
    monkeypatch.setenv("PMLIB_DATA_DIR", str(folder))
    return folder


def read(text, like, **kw):
    return pm.datasets.read_csv(io.StringIO(text), like=like, **kw)


def raises(text, like, match, error=InputError, **kw):
    with pytest.raises(error, match=match) as info:
        read(text, like, **kw)
    return str(info.value)


SHOPS = "id,region,share,staff,opened\nS1,north,0.25,12,2020-03-01\nS2,south,0.75,30,2021-06-15\n"


# --------------------------------------------------------------------------------------- shapes
def test_plain_schedule_is_accepted_and_schedules():
    """A plain id/name/duration/predecessors table (no three-point estimate) is a `schedule`."""
    text = "id,name,duration,predecessors\nA,Design,5,\nB,Build,10,A\nC,Test,3,\"A,B:SS+2\"\n"
    df = read(text, "schedule")
    assert list(df.columns) == ["id", "name", "duration", "predecessors"]
    assert df["duration"].tolist() == [5.0, 10.0, 3.0]
    s = pm.schedule.cpm(df)
    assert s.duration == 15  # A 0-5, B 5-15, C starts at max(5, 5+2) and ends at 10
    assert pm.datasets.load("schedule", io.StringIO(text)).equals(df)


def test_schedule_name_and_estimates_are_optional_but_checked_when_present():
    df = read("id,duration,predecessors\nA,2,\nB,3,A\n", "schedule")
    assert "name" not in df.columns and pm.schedule.cpm(df).duration == 5
    raises("id,duration,predecessors,optimistic\nA,2,,-1\n", "schedule", r"line 2, column 'optimistic'.*'-1'.*>= 0")


def test_schedule_predecessors_are_checked_within_the_file():
    text = "id,name,duration,predecessors\nA,Design,5,\nB,Build,10,\"A, X:SS+1\"\n"
    msg = raises(text, "schedule", r"line 3, column 'predecessors'.*'X'", UnknownIdError)
    assert "the file" in msg
    raises("id,duration,predecessors\nA,5,A\n", "schedule", r"line 2, column 'predecessors'.*cycle A -> A")
    raises("id,duration,predecessors\nA,5,\nB,1,A:XX\n", "schedule", r"line 3.*'predecessors'.*FS, SS, FF, SF")


def test_bundled_table_without_a_path_says_so():
    with pytest.raises(UnknownDatasetError, match="pass path="):
        pm.datasets.load("schedule")
    assert set(pm.datasets.schema("schedule")["column"]) >= {"id", "duration", "predecessors"}


def test_like_must_be_a_documented_table():
    with pytest.raises(UnknownDatasetError, match="like='projetcs'.*projects"):
        read("id\nP01\n", "projetcs")


# --------------------------------------------------------------------------------------- sources
def test_paths_text_and_binary_files_all_work(tmp_path):
    text = RESOURCES + "R01,Ann,pm,delivery,1,800\n"
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    expected = pm.datasets.read_csv(path, like="resources")
    assert pm.datasets.read_csv(str(path), like="resources").equals(expected)
    assert read(text, "resources").equals(expected)
    assert pm.datasets.read_csv(io.BytesIO(text.encode()), like="resources").equals(expected)
    with open(path, "rb") as handle:  # an open file keeps its name in messages
        assert pm.datasets.read_csv(handle, like="resources").equals(expected)
    path.write_text(RESOURCES + "R01,Ann,pm,delivery,lots,800\n")
    with open(path) as handle, pytest.raises(InputError, match=r"^people\.csv, line 2, column 'capacity'"):
        pm.datasets.read_csv(handle, like="resources")


def test_empty_file_and_header_only():
    for text in ("", "\n\n", "  \r\n"):
        raises(text, "resources", r"is empty: it needs a header row naming the columns \(id, name")
    empty = read(RESOURCES, "resources")
    assert len(empty) == 0 and empty["capacity"].dtype == float


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_utf8_with_or_without_bom_and_utf16_with_bom(encoding):
    raw = (RESOURCES + "R01,José Núñez,pm,delivery,1,800\n").encode(encoding)
    df = pm.datasets.read_csv(io.BytesIO(raw), like="resources")
    assert df.loc[0, "name"] == "José Núñez" and list(df.columns)[0] == "id"


def test_wrong_encoding_says_which_to_pass():
    raw = (RESOURCES + "R01,Ann,pm,delivery,1,800\nR02,José,pm,delivery,1,800\n").encode("cp1252")
    with pytest.raises(InputError, match=r"line 3, column 'name'.*encoding='cp1252'"):
        pm.datasets.read_csv(io.BytesIO(raw), like="resources")
    assert pm.datasets.read_csv(io.BytesIO(raw), like="resources", encoding="cp1252").loc[1, "name"] == "José"
    with pytest.raises(InputError, match="not an encoding"):
        pm.datasets.read_csv(io.BytesIO(raw), like="resources", encoding="klingon")
    semicolons = (RESOURCES.replace(",", ";") + "R01;Ann;pm;Équipe;1;800\n").encode("cp1252")
    with pytest.raises(InputError, match=r"line 2, column 'team'.*encoding='cp1252'"):
        pm.datasets.read_csv(io.BytesIO(semicolons), like="resources")
    bom = ("\ufeff" + RESOURCES + "R01,Ann,pm,t,1,800\n").encode("utf-8")
    assert list(pm.datasets.read_csv(io.BytesIO(bom), like="resources", encoding="utf-8").columns)[0] == "id"


def test_a_workbook_is_not_read_as_text(tmp_path):
    buffer = io.BytesIO()
    pm.io.write_excel({"resources": pm.datasets.load("resources")}, buffer)
    buffer.seek(0)
    with pytest.raises(InputError, match="is a spreadsheet workbook, not a CSV file: read it with pm.io.read_excel"):
        pm.datasets.read_csv(buffer, like="resources")
    path = tmp_path / "people.xlsx"
    path.write_bytes(buffer.getvalue())
    assert pm.datasets.load("resources", path).equals(pm.datasets.load("resources"))  # load() routes it


def test_text_bom_is_ignored():
    assert list(read("\ufeff" + RESOURCES + "R01,Ann,pm,t,1,800\n", "resources").columns)[0] == "id"


# --------------------------------------------------------------------------------------- dialects
def test_rfc4180_quoting():
    """RFC 4180 section 2: quoted fields may hold the separator, doubled quotes and line breaks."""
    text = RESOURCES + 'R01,"Whitfield, Dana",pm,"the ""core"" team",1,800\r\nR02,"Ann\r\nLee",pm,t,1,800\r\n'
    df = read(text, "resources")
    assert df["name"].tolist() == ["Whitfield, Dana", "Ann\r\nLee"] and df.loc[0, "team"] == 'the "core" team'
    # line numbers count the physical lines: the second record's quoted break makes line 4 the third's
    raises(text + "R03,Bo,pm,t,x,800\r\n", "resources", r"line 5, column 'capacity'")


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_separator_is_detected_from_the_header(sep):
    text = (RESOURCES + "R01,Ann,pm,t,0.5,800\n").replace(",", sep)
    assert read(text, "resources").loc[0, "capacity"] == 0.5


def test_semicolon_file_with_decimal_comma_is_detected():
    text = (RESOURCES.replace(",", ";") + "R01;Ann;pm;t;0,5;812,5\nR02;Bo;pm;t;1;900\n")
    df = read(text, "resources")
    assert df["capacity"].tolist() == [0.5, 1.0] and df["day_rate"].tolist() == [812.5, 900.0]


def test_ambiguous_numbers_say_which_option_to_pass():
    both = RESOURCES.replace(",", ";") + "R01;Ann;pm;t;0,5;1.812\n"
    raises(both, "resources", r"line 2, column 'capacity'.*'0,5'.*decimal=','")
    msg = raises(both, "resources", r"line 2, column 'day_rate'.*'1.812'.*thousands='.'", decimal=",")
    assert "decimal mark is ','" in msg
    df = read(both, "resources", decimal=",", thousands=".")
    assert df.loc[0, "day_rate"] == 1812 and df.loc[0, "capacity"] == 0.5
    raises(RESOURCES + 'R01,Ann,pm,t,1,"1,200"\n', "resources", r"'1,200'.*thousands=','")
    assert read(RESOURCES + 'R01,Ann,pm,t,1,"1,200"\n', "resources", thousands=",").loc[0, "day_rate"] == 1200
    raises(RESOURCES, "resources", "two different", decimal=",", thousands=",")
    raises(RESOURCES, "resources", "one character", sep=",,")


# --------------------------------------------------------------------------------------- structure
def test_missing_column_lists_the_columns_found():
    msg = raises("id,name,skill,team,day_rate\nR01,A,pm,t,800\n", "resources",
                 r"missing column\(s\) capacity; columns found: id, name, skill, team, day_rate", MissingColumnError)
    assert "separator" in msg
    # a ';' file read as ',' would name one column: the detector reads the header instead
    assert read("id;name;skill;team;capacity;day_rate\nR01;A;pm;t;1;800\n", "resources").shape == (1, 6)


def test_duplicate_column_names_are_refused():
    raises("id,name,skill,team,capacity,capacity,day_rate\nR01,A,pm,t,1,1,800\n", "resources",
           r"line 1 \(the header\): columns 5 and 6 are both named 'capacity'")


def test_rows_with_extra_fields_are_refused_never_shifted():
    """pandas alone would take the first column as the index and shift every value."""
    raises(RESOURCES + "R01,Ann,pm,t,1,800,x\n", "resources", r"line 2 has 7 fields but the header names 6")
    raises(RESOURCES + "R01,Ann,pm,t,1,800\n\nR02,Bo,pm,t,1,1,200\n", "resources",
           r"line 4 has 7 fields.*without quotes")
    raises(RESOURCES + "R01,Ann,pm,t,1,800\nR02,Bo,pm,t,1,800,x,y,z\n", "resources", r"line 3 has 9 fields")


def test_nameless_columns():
    assert read(RESOURCES.strip() + ",\nR01,Ann,pm,t,1,800,\n", "resources").shape == (1, 6)
    raises(RESOURCES.strip() + ",\nR01,Ann,pm,t,1,800,oops\n", "resources", r"line 2: field 7 holds 'oops'")


def test_short_rows_are_trailing_empty_cells_and_empty_rows_are_skipped():
    df = read(RESOURCES + "R01,Ann,pm,t,1\n,,,,,\n\nR02,Bo,pm,t,1,900\n", "resources")
    assert df["id"].tolist() == ["R01", "R02"] and np.isnan(df.loc[0, "day_rate"])


def test_extra_columns_are_kept_as_text():
    df = read("id,name,skill,team,capacity,day_rate,note\nR01,Ann,pm,t,1,800,007\n", "resources")
    assert df.loc[0, "note"] == "007"


# --------------------------------------------------------------------------------------- cells
@pytest.mark.parametrize(("cell", "words"), [
    ("inf", "infinite"), ("-Infinity", "infinite"), ("1e400", "infinite or too large"),
    ("NaN", "leave the cell empty"), ("n/a", "leave the cell empty"), ("True", "yes/no value"),
    ("full time", "not a number"), ("0x10", "not a number"), ("12 k$", "not a number"),
])
def test_number_cells_that_are_not_finite_numbers(cell, words):
    msg = raises(RESOURCES + f"R01,Ann,pm,t,{cell},800\n", "resources", r"line 2, column 'capacity'")
    assert repr(cell) in msg and words in msg


def test_numbers_are_read_as_python_reads_them():
    df = read(RESOURCES + "R01,Ann,pm,t, 0.5 ,1_000\nR02,Bo,pm,t,+1,1.2e3\n", "resources")
    assert df["capacity"].tolist() == [0.5, 1.0] and df["day_rate"].tolist() == [1000.0, 1200.0]


@pytest.mark.parametrize("cell", ["99999999999999999999", "9223372036854775808", "-9223372036854775809", "1e19"])
def test_integer_overflow_is_an_error_never_a_negative_number(cell):
    text = f"project_id,year,cost,benefit\nP01,0,900,0\nP01,{cell},700,0\n"
    raises(text, "cashflows", r"line 3, column 'year'.*too large a whole number")


def test_integers_in_range_and_whole_floats_are_exact():
    df = read("project_id,year,cost,benefit\nP01,9223372036854775807,1,0\n", "cashflows")
    assert df["year"].dtype == np.int64 and df["year"].tolist() == [2**63 - 1]
    # the smallest int64 reads exactly too, and then meets the dictionary's range (year >= 0)
    raises("project_id,year,cost,benefit\nP01,-9223372036854775808,1,0\n", "cashflows",
           "'-9223372036854775808' is outside the documented range >= 0")
    assert read("project_id,year,cost,benefit\nP01,3.0,1,0\n", "cashflows")["year"].tolist() == [3]
    # with a decimal point the cells go through floats: beyond 2**53 they could not be exact
    raises("project_id,year,cost,benefit\nP01,9007199254740993,1,0\nP01,3.0,1,0\n", "cashflows",
           "too large a whole number")
    raises("project_id,year,cost,benefit\nP01,2.5,1,0\n", "cashflows", r"'2.5' is not a whole number")
    df = read("project_id,year,cost,benefit\nP01,,1,0\nP01,4,1,0\n", "cashflows")
    assert str(df["year"].dtype) == "Int64" and df["year"].isna().tolist() == [True, False]


def test_dates_are_iso_and_within_pandas_range():
    good = "project_id,baseline_finish,actual_finish,baseline_cost,actual_cost,scope_delivered,note\n"
    df = read(good + "P09,2026-01-30,2026-03-31,100,120,yes,late\n", "project_outcomes")
    assert df.loc[0, "actual_finish"] == pd.Timestamp("2026-03-31") and df.loc[0, "scope_delivered"]
    for cell, words in (("31/03/2026", "YYYY-MM-DD"), ("2026-02-30", "not a date"), ("2400-01-01", "1677-2262"),
                        ("1500-06-30", "1677-2262"), ("20260101", "not a date")):
        msg = raises(good + f"P09,2026-01-30,{cell},100,120,yes,x\n", "project_outcomes",
                     r"line 2, column 'actual_finish'")
        assert words in msg
    raises(good + "P09,2026-01-30,2026-03-31,100,120,maybe,x\n", "project_outcomes",
           r"column 'scope_delivered'.*'maybe'.*true or false")


def test_text_is_never_coerced():
    df = read(RESOURCES + "007,NA,null,TRUE,1,800\n", "resources")
    assert df.loc[0, ["id", "name", "skill", "team"]].tolist() == ["007", "NA", "null", "TRUE"]


def test_the_callers_file_object_is_left_open():
    handle = io.StringIO(RESOURCES + "R01,Ann,pm,t,1,800\n")
    read_df = pm.datasets.read_csv(handle, like="resources")
    assert not handle.closed and len(read_df) == 1


# --------------------------------------------------------------------------------------- dictionary rules
def test_ranges_from_the_dictionary(own_dictionary):
    assert read(SHOPS, "shops")["share"].tolist() == [0.25, 0.75]
    raises(SHOPS.replace("0.75", "1.5"), "shops", r"line 3, column 'share'.*'1.5'.*range \[0, 1\] fraction")
    raises(SHOPS.replace(",12,", ",0,"), "shops", r"line 2, column 'staff'.*'0'.*range > 0 people")


def test_key_must_be_unique_and_filled(own_dictionary):
    dup = SHOPS + "S1,east,0.1,3,2022-01-01\n"
    msg = raises(dup, "shops", r"line 4, column 'id' repeats the id 'S1' of line 2")
    assert "counted twice" in msg
    raises(SHOPS + ",east,0.1,3,2022-01-01\n", "shops", r"line 4, column 'id'.*empty.*identifies the row")


def test_several_key_columns_form_one_key(own_dictionary):
    sales = "shop_id,period,revenue\nS1,1,10\nS1,2,11\nS2,1,12\n"
    assert len(read(sales, "sales")) == 3
    raises(sales + "S1,2,99\n", "sales", r"line 5 repeats the combination shop_id='S1', period='2' of line 3")


def test_optional_columns_may_be_absent_but_are_checked(own_dictionary):
    assert "sunday" not in read(SHOPS, "shops").columns
    with_sunday = SHOPS.replace("opened\n", "opened,sunday\n").replace("-01\n", "-01,yes\n").replace("-15\n", "-15,no\n")
    assert read(with_sunday, "shops")["sunday"].tolist() == [True, False]
    raises(with_sunday.replace(",no\n", ",perhaps\n"), "shops", r"line 3, column 'sunday'")


def test_links_are_checked_against_known_tables(own_dictionary):
    regions = pd.DataFrame({"id": ["north", "south"]})
    assert len(read(SHOPS, "shops", known={"regions": regions})) == 2
    assert len(read(SHOPS, "shops")) == 2  # not passed: not checked (your ids, not Alderbrook's)
    raises(SHOPS, "shops", r"line 3, column 'region': 'south' is not an id of regions.id.*known: north",
           UnknownIdError, known={"regions": ["north"]})
    # a Series, a set or a frame indexed by the id all work
    assert len(read(SHOPS, "shops", known={"regions": pd.Series(["north", "south"])})) == 2
    assert len(read(SHOPS, "shops", known={"regions": regions.set_index("id")})) == 2


def test_comma_separated_links_and_the_files_own_table(own_dictionary):
    sales = "shop_id,period,revenue,partners\nS1,1,10,\"S2, S3\"\nS2,1,12,\n"
    shops = read(SHOPS, "shops")
    raises(sales, "sales", r"line 2, column 'partners': 'S3' is not an id of shops.id", UnknownIdError,
           known={"shops": shops})
    regions = "id,parent\nEU,\nFR,EU\nDE,EUR\n"
    raises(regions, "regions", r"line 4, column 'parent': 'EUR' is not an id of the 'id' column of this file",
           UnknownIdError)


def test_known_is_checked_itself(own_dictionary):
    raises(SHOPS, "shops", r"known= names 'region'.*link to: regions", known={"region": ["north"]})
    raises(SHOPS, "shops", "must be a mapping", known=["north"])
    raises(SHOPS, "shops", r"known\['regions'\] has no column 'id'", MissingColumnError,
           known={"regions": pd.DataFrame({"code": ["north"]})})
    raises(SHOPS, "shops", r"known\['regions'\] must be a DataFrame", known={"regions": "north"})


def test_dictionary_grammar_errors(own_dictionary):
    readme = own_dictionary / "README.md"
    readme.write_text(README.replace("| float [0, 1] |", "| float between 0 and 1 |"))
    with pytest.raises(InputError, match=r"table shops.csv, column share: unknown type 'float between 0 and 1'"):
        read(SHOPS, "shops")
    readme.write_text(README.replace("| string key | | | shop id |", "| string key optional | | | shop id |"))
    with pytest.raises(InputError, match="unknown type 'string key optional'"):
        read(SHOPS, "shops")
    readme.write_text(README.replace("| date |", "| date >= 0 |"))
    with pytest.raises(InputError, match="a range needs a number type"):
        read(SHOPS, "shops")


def test_bundled_tables_load_and_links_hold_when_passed():
    projects = pm.datasets.load("projects")
    sp = pm.datasets.read_csv(pm.datasets.data_dir() / "status_periods.csv", like="status_periods",
                              known={"projects": projects})
    assert sp.equals(pm.datasets.load("status_periods"))
    with pytest.raises(UnknownIdError, match=r"status_periods.csv, line 2, column 'project_id'"):
        pm.datasets.read_csv(pm.datasets.data_dir() / "status_periods.csv", like="status_periods",
                             known={"projects": projects[projects["id"] != sp.loc[0, "project_id"]]})


@pytest.mark.parametrize(("cell", "inside", "outside", "shown"), [
    ("float [0, 1]", [0, 1], [-0.01, 1.01], "[0, 1]"),
    ("float (0, 1]", [0.001, 1], [0, 1.5], "(0, 1]"),
    ("float [0, 1)", [0], [1], "[0, 1)"),
    ("integer > 0", [1], [0], "> 0"),
    ("float >= -1", [-1], [-1.5], ">= -1"),
    ("float < 5", [4.99], [5], "< 5"),
    ("integer <= 10 key", [10], [11], "<= 10"),
])
def test_range_grammar(own_dictionary, cell, inside, outside, shown):
    (own_dictionary / "README.md").write_text(README.replace("| integer > 0 | people |", f"| {cell} | people |"))
    def shops(value):
        return SHOPS.replace(",12,", f",{value},").replace(",30,", f",{inside[0]},")

    for value in inside:
        assert read(shops(value), "shops").loc[0, "staff"] == value
    for value in outside:
        raises(shops(value), "shops", rf"line 2, column 'staff'.*range {re.escape(shown)} people")
