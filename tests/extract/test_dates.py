import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph.extract.dates import find_dates, find_ranges, parse_date

D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("on 10 January 2019.", D(2019, 1, 10), D(2019, 1, 10)),
        ("on 26 and 27 October 2021.", D(2021, 10, 26), D(2021, 10, 27)),
        ("between 24 to 25 October 2023", D(2023, 10, 24), D(2023, 10, 25)),
        ("from 13 to 24 May 2024", D(2024, 5, 13), D(2024, 5, 24)),
        ("on 29 and 30 September, and 1 October 2020.", D(2020, 9, 29), D(2020, 10, 1)),
        ("Inspection date: 30 April 2014 – 21 May 2014", D(2014, 4, 30), D(2014, 5, 21)),
        ("Inspection dates: 7 October 2024 to 18 October 2024", D(2024, 10, 7), D(2024, 10, 18)),
        ("Inspection dates: 9–24 November 2017", D(2017, 11, 9), D(2017, 11, 24)),
        ("on 24 October 2022 to 25 October 2023", D(2022, 10, 24), D(2023, 10, 25)),
        ("30 December 2019 to 3 January 2020", D(2019, 12, 30), D(2020, 1, 3)),
        ("31 December and 2 January 2020", D(2019, 12, 31), D(2020, 1, 2)),
        ("on the 15 and 16 of May 2018", D(2018, 5, 15), D(2018, 5, 16)),
        ("5, 6 and 7 March\n2019", D(2019, 3, 5), D(2019, 3, 7)),
    ],
)
def test_ranges_in_every_common_form(text: str, start: dt.date, end: dt.date) -> None:
    (found,) = find_ranges(text)
    assert (found.start_date, found.end_date) == (start, end)
    assert text[found.start : found.end].split()[0].strip("the") != ""


@pytest.mark.parametrize("text", ["in 2019 to 2020", "30 February 2020", "page 12 of 40", "Textphone 0161 618 8524"])
def test_no_range_where_there_is_no_date(text: str) -> None:
    assert find_ranges(text) == []


def test_a_range_without_a_year_needs_one_supplied() -> None:
    assert find_ranges("on 30 and 31 January.") == []
    (found,) = find_ranges("on 30 and 31 January.", year=2018)
    assert (found.start_date, found.end_date, found.year_inferred) == (D(2018, 1, 30), D(2018, 1, 31), True)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Published 3 May 2019", D(2019, 5, 3)),
        ("By Jane Smith, 04/03/2022", D(2022, 3, 4)),
        ("Updated: May 3, 2021", D(2021, 5, 3)),
        ("1st Sept 2020", D(2020, 9, 1)),
    ],
)
def test_single_dates(text: str, date: dt.date) -> None:
    assert parse_date(text) == date


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2099, 12, 31)), st.sampled_from(["%d %B %Y", "%d/%m/%Y"]))
def test_a_written_date_reads_back_with_its_span(date: dt.date, fmt: str) -> None:
    text = f"Dated {date.strftime(fmt)}."
    (found,) = find_dates(text)
    assert found.date == date
    assert text[found.start : found.end] == date.strftime(fmt)
