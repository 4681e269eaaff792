"""CAMEO root facts come from data/codebook/roots.yaml, not from string tests in code."""

from __future__ import annotations

import pytest

from heron.events.cameo import root, roots


def test_every_root_is_described() -> None:
    assert sorted(roots()) == [f"{i:02d}" for i in range(1, 21)]


@pytest.mark.parametrize(
    ("code", "gdelt", "icews"),
    [("010", 1, 1), ("0874", 2, 2), ("091", 2, 3), ("130", 3, 3), ("145", 3, 4), ("190", 4, 4)],
)
def test_quad_class_conventions_differ_where_the_standards_do(
    code: str, gdelt: int, icews: int
) -> None:
    assert (root(code).quad_gdelt, root(code).quad_icews) == (gdelt, icews)


def test_only_assault_fight_and_mass_violence_are_violent() -> None:
    assert sorted(c for c, r in roots().items() if r.violent) == ["18", "19", "20"]


def test_statements_and_meetings() -> None:
    assert root("010").statement and not root("036").statement
    assert root("042").reciprocal and not root("057").reciprocal


def test_an_unknown_root_is_an_error() -> None:
    with pytest.raises(ValueError, match="not a CAMEO code"):
        root("99")
