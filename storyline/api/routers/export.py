"""GET /api/stories/{story_id}/export: one story as a downloadable JSON, Markdown, CSV, HTML or TimelineJS file."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from ...export import FORMATS, story_document
from ..deps import ReaderDep
from ..schemas import ErrorOut

router = APIRouter(prefix="/api", tags=["export"])


class ExportFormat(str, Enum):
    """An export format (see storyline.export.FORMATS)."""

    json = "json"
    markdown = "markdown"
    csv = "csv"
    html = "html"
    timelinejs = "timelinejs"


assert {f.value for f in ExportFormat} == set(FORMATS), "ExportFormat must list storyline.export.FORMATS"
_CONTENT = {spec.media_type.split(";")[0]: {"schema": {"type": "object" if spec.media_type == "application/json"
                                                       else "string"}} for spec in FORMATS.values()}
_FORMAT_HELP = ("json: the story's data; markdown: a readable page; csv: one row per article; html: a self-contained "
                "report that opens with no server; timelinejs: Knight Lab TimelineJS3 JSON.")


@router.get("/stories/{story_id}/export", response_class=Response,
            responses={200: {"content": _CONTENT, "description": "The export file, as an attachment."},
                       404: {"model": ErrorOut}, 422: {"model": ErrorOut}})
def export_story(story_id: str, archive: ReaderDep,
                 format: Annotated[ExportFormat, Query(description=_FORMAT_HELP)] = ExportFormat.json) -> Response:
    """Download one story (an id or a unique prefix of 4+ characters) in the chosen format."""
    doc = story_document(archive, story_id) if len(story_id) <= 200 else None
    if doc is None:
        raise HTTPException(404, f"no story with id {story_id[:80]!r}; GET /api/stories lists the ids")
    spec = FORMATS[format.value]
    filename = spec.filename(doc["id"])
    return Response(spec.one(doc).encode("utf-8"), media_type=spec.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "no-store"})
