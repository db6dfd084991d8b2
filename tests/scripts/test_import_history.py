"""scripts/import_history.py: how points are picked from the datasets (the import itself needs their clones)."""

from __future__ import annotations

import datetime as dt

import pytest

from scripts import import_history
from scripts.import_history import bigquery_method, monthly, repostory_by_starring_date

D = dt.date


def test_monthly_keeps_the_last_point_of_each_month_or_the_first() -> None:
    points = [(D(2024, 1, 3), 1), (D(2024, 1, 31), 2), (D(2024, 3, 1), 3), (D(2024, 3, 8), 4)]
    assert [(p.date, p.value) for p in monthly(points)] == [(D(2024, 1, 31), 2), (D(2024, 3, 8), 4)]
    assert [(p.date, p.value) for p in monthly(points, last=False)] == [(D(2024, 1, 3), 1), (D(2024, 3, 1), 3)]


def test_starring_dates_become_month_end_totals_before_the_switch() -> None:
    data = {"stars_by_date": {"2024-01-15": 2, "2024-01-20": 1, "2024-03-02": 4, "2024-04-09": -1, "2024-05-01": 9}}
    assert repostory_by_starring_date(data, D(2024, 5, 1)) == [
        (D(2024, 1, 31), 3),
        (D(2024, 2, 29), 3),
        (D(2024, 3, 31), 7),
        (D(2024, 4, 30), 6),
    ]


def test_the_bigquery_window_and_installers_come_from_generate_sh() -> None:
    old = '/usr/local/bin/pypinfo --json --indent 0 --limit 4000 --days  30 "" project > top.json\n'
    assert bigquery_method(old) == "bigquery-30-pip"
    new = (
        "days=22\n"
        'pypinfo --all --json --indent 0 --limit 15000 --days $days --test "" project\n'
        'pypinfo --all --json --indent 0 --limit 15000 --days $days        "" project > top-pypi-packages.json\n'
    )
    assert bigquery_method(new) == "bigquery-22-all"


@pytest.mark.parametrize(
    ("text", "value"),
    [("1234", 1234), ("1234.0", 1234), ("", None), ("nan", None), ("NaN", None), ("inf", None), ("-5", None)],
)
def test_counts_that_are_not_whole_numbers_are_skipped_not_a_crash(text: str, value: int | None) -> None:
    assert import_history.whole_number(text) == value
