"""What the sandbox sends back: OK's error JSON, plain JSON answers and the ApiError that handlers raise."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape

from okcomposer.api.errors import error_name


class ApiError(Exception):
    """An OK API error: answered with HTTP 200, OK's error JSON and the Invocation-Error header."""

    def __init__(self, code: int, detail: str):
        self.code = code
        self.detail = detail
        super().__init__(f"{code} {error_name(code)} : {detail}")


def missing(name: str) -> ApiError:
    # The wording OK uses for a missing parameter.
    return ApiError(100, f"Missed required parameter: {name}")


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json;charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def json_response(value: object, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    body = json.dumps(value, ensure_ascii=False).encode("utf-8")
    return Response(status=status, body=body, headers=dict(headers or {}))


def error_json(code: int, detail: str) -> dict:
    return {"error_code": code, "error_msg": f"{error_name(code)} : {detail}", "error_data": None}


def error_response(error: ApiError) -> Response:
    return json_response(error_json(error.code, error.detail), headers={"Invocation-Error": str(error.code)})


def html_response(status: int, title: str, text: str) -> Response:
    head = f"<!DOCTYPE html><html><head><title>{escape(title)}</title></head>"
    page = f"{head}<body><h1>{escape(title)}</h1><p>{escape(text)}</p></body></html>"
    return Response(status=status, body=page.encode("utf-8"), content_type="text/html;charset=utf-8")
