"""Property-based tests of the API with schemathesis: every GET endpoint, driven by the OpenAPI schema.

Runs in-process against the ASGI app over the sample corpus. Generated requests (valid and invalid ones)
must never get a 5xx answer, and every answer must match the schema the endpoint documents.
"""

from __future__ import annotations

from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="needs the schemathesis package (pip install -e '.[test]')")
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from storyline.api import create_app  # noqa: E402

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance, status_code_conformance]


@pytest.fixture(scope="module")
def api_schema(sample_db: Path):
    """The app's own OpenAPI schema, GET operations only (writes are covered by test_ingest.py)."""
    app = create_app(sample_db)
    return schemathesis.openapi.from_asgi("/openapi.json", app).include(method="GET")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_get_endpoints_never_fail_and_match_their_schema(case):
    case.call_and_validate(checks=CHECKS)
