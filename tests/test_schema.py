"""The JSON Schema in docs/ is the one the model generates, and reports validate against it."""

import json
from pathlib import Path

import jsonschema

from parallax.model import dumps, json_schema

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "docs" / "storyreport.schema.json"


def test_schema_file_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8").strip() == dumps(json_schema()).strip(), (
        "docs/storyreport.schema.json is stale: run `parallax schema -o docs/storyreport.schema.json`"
    )


def test_example_report_validates(example_report):
    jsonschema.validate(json.loads(example_report.to_json()), json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def test_report_json_is_byte_identical_across_runs(example_dir):
    from parallax.api import compare

    first, second = compare(example_dir).to_json(), compare(example_dir).to_json()
    assert first == second
