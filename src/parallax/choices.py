"""The fixed choices of CLI options, as enums: Typer lists them in --help and
refuses anything else before a command runs. Report formats come from the
renderer registry (``parallax.render.Format``)."""

from __future__ import annotations

from enum import StrEnum


class TextOrJson(StrEnum):
    text = "text"
    json = "json"


class TableFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"


class Engine(StrEnum):
    local = "local"  # this process
    ray = "ray"  # a Ray cluster (the 'ray' extra)


class Split(StrEnum):
    """TimeBank halves (``parallax.evaluation.timebank.split_of``)."""

    all = "all"
    dev = "dev"
    test = "test"
