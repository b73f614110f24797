"""Reading pages out of requests: a raw body, or the file and text fields of a form.

The body cap (`BodyLimit`) has already bounded the bytes; here each upload is written to
disk as it arrives, so a 50 MB archive never sits whole in memory.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import BinaryIO

from fastapi import HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from quotidien.api.app import server_of
from quotidien.ingest.sources import is_url_list

_UNSAFE = re.compile(r"[^\w.\-]+")


async def read_page(request: Request) -> tuple[bytes, str]:
    """One page: the form's `file` upload or its `page` field (a file or pasted text), else
    the whole body."""
    if _is_form(request):
        form = await request.form(max_part_size=server_of(request).options.max_upload)
        upload = form.get("file")
        has_file = isinstance(upload, UploadFile) and (upload.size or upload.filename)
        field = upload if has_file else form.get("page")
        if isinstance(field, UploadFile):
            data, name = await field.read(), field.filename or "upload"
        elif isinstance(field, str):
            data, name = field.encode("utf-8"), "pasted page"
        else:
            raise HTTPException(400, "the form has no `page` field (pasted text) nor `file`")
    else:
        data, name = await request.body(), request.query_params.get("name") or "request body"
    if not data.strip():
        raise HTTPException(400, f"{name}: the page is empty")
    return data, name


async def read_uploads(request: Request, folder: Path) -> list[Path]:
    """Save every file of the request in `folder`: the form's `files` fields, or the body
    (named by `?name=`). Lists of URLs are refused: the server fetches nothing."""
    saved: list[Path] = []
    try:
        if _is_form(request):
            form = await request.form(max_part_size=server_of(request).options.max_upload)
            for field in form.getlist("files"):
                if isinstance(field, UploadFile):  # copied off the event loop: it may be large
                    path = _target(folder, len(saved), field.filename)
                    await run_in_threadpool(_copy, field.file, path)
                    saved.append(path)
        else:
            path = _target(folder, 0, request.query_params.get("name"))
            with path.open("wb") as handle:
                async for chunk in request.stream():
                    handle.write(chunk)
            saved.append(path)
        saved = [path for path in saved if path.stat().st_size]
        if not saved:
            raise HTTPException(400, "nothing to ingest: send files in `files` form fields")
        for path in saved:
            if await run_in_threadpool(is_url_list, str(path)):
                raise HTTPException(
                    400, f"{path.name.split('-', 1)[1]}: a list of URLs; the server fetches nothing"
                )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return saved


def _is_form(request: Request) -> bool:
    kind = request.headers.get("content-type", "")
    return kind.startswith(("multipart/form-data", "application/x-www-form-urlencoded"))


def _target(folder: Path, number: int, name: str | None) -> Path:
    """A path in `folder` keeping the upload's own name (its suffix tells its kind)."""
    safe = _UNSAFE.sub("_", Path(name or "upload").name).lstrip(".") or "upload"
    return folder / f"{number:04d}-{safe[-120:]}"


def _copy(source: BinaryIO, path: Path) -> None:
    with path.open("wb") as handle:
        shutil.copyfileobj(source, handle, 1 << 20)
