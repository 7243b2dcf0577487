"""The HTTP layer of the emulated REST API: routing, request context, errors, JSON bodies.

Views are plain functions registered with :func:`route`; they take a :class:`Ctx` and return a
JSON-able value (200), a ``(value, status)`` pair or a werkzeug ``Response``.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response

from .auth import authenticate
from .models import User

if TYPE_CHECKING:
    from .server import LocalGrandChallenge

MAX_BODY = 16 * 1024 * 1024
View = Callable[["Ctx"], Any]


class ApiError(Exception):
    """An error response: ``body`` is sent as JSON (or as HTML when ``html`` is set)."""

    def __init__(
        self,
        status: int,
        body: Any,
        *,
        html: bool = False,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(status, body)
        self.status = status
        self.body = body
        self.html = html
        self.headers = headers or {}


def _too_large() -> ApiError:
    """nginx's answer to a body above ``client_max_body_size`` (16 MiB)."""
    body = (
        "<html><head><title>413 Request Entity Too Large</title></head><body>"
        "<center><h1>413 Request Entity Too Large</h1></center><hr><center>nginx"
        "</center></body></html>"
    )
    return ApiError(413, body, html=True)


def detail(status: int, message: str) -> ApiError:
    """``{"detail": message}`` with ``status``."""
    return ApiError(status, {"detail": message})


def not_found(model: str) -> ApiError:
    """DRF's 404 for an object that does not exist or is not visible."""
    return detail(404, f"No {model} matches the given query.")


def forbidden() -> ApiError:
    return detail(403, "You do not have permission to perform this action.")


def not_authenticated() -> ApiError:
    return ApiError(
        401,
        {"detail": "Authentication credentials were not provided."},
        headers={"WWW-Authenticate": "Bearer"},
    )


def html_error(status: int, title: str) -> ApiError:
    body = (
        "<!DOCTYPE html><html lang='en'><head><title>"
        f"{title}</title></head><body><h1>{title}</h1></body></html>"
    )
    return ApiError(status, body, html=True)


@dataclass
class _Route:
    path: str
    method: str
    operation_id: str
    view: View


_ROUTES: list[_Route] = []


def route(path: str, method: str, operation_id: str) -> Callable[[View], View]:
    """Register a view for ``method path`` (werkzeug rule syntax, e.g. ``<id>``)."""

    def deco(fn: View) -> View:
        _ROUTES.append(_Route(path, method.upper(), operation_id, fn))
        return fn

    return deco


class Ctx:
    """Everything a view needs about one request."""

    def __init__(
        self, gc: LocalGrandChallenge, request: Request, user: User, kwargs: dict[str, str]
    ) -> None:
        self.gc = gc
        self.request = request
        self.user = user
        self.kwargs = kwargs
        self.state = gc.state
        self._data: Any = None
        self._parsed = False
        self._too_large = False

    @property
    def args(self) -> Any:
        return self.request.args

    @contextlib.contextmanager
    def unlocked(self) -> Iterator[None]:
        """Let other requests use the state while this one waits on storage (a round trip to
        moto of a millisecond or more, which would otherwise serialise every API request).
        The view must re-check what it decided on before, once the block ends."""
        lock = self.state.lock
        lock.release()
        try:
            yield
        finally:
            lock.acquire()

    def require_user(self) -> User:
        """The authenticated user; anonymous callers get 401."""
        if self.user.is_anonymous:
            raise not_authenticated()
        return self.user

    def abs(self, path: str) -> str:
        """Absolute URL on this server for ``path`` (which starts with ``/``)."""
        return self.gc.base_url + path

    def read_body(self) -> None:
        """Read the body off the connection now, before the view takes the state lock (a slow
        sender must not hold up every other request); it is parsed when the view asks."""
        req = self.request
        if req.content_length is None and req.headers.get("Transfer-Encoding"):
            raw = req.stream.read(MAX_BODY + 1)  # a chunked body: bound it ourselves
            self._too_large = len(raw) > MAX_BODY
            req._cached_data = b"" if self._too_large else raw  # later get_data() calls see it
        else:
            req.get_data(cache=True)

    def data(self) -> Any:
        """The parsed request body (JSON, form or multipart)."""
        if self._parsed:
            return self._data
        if self._too_large:  # as Django: the cap is reported when the view reads the body
            raise _too_large()
        req = self.request
        raw = req.get_data(cache=True)
        ctype = (req.mimetype or "").lower()
        if not raw:
            self._data = {}
        elif ctype == "application/json" or ctype.endswith("+json"):
            try:
                self._data = json.loads(raw)
            except ValueError as e:
                raise detail(400, f"JSON parse error - {e}") from None
        elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            self._data = {k: v for k, v in req.form.items()}
        else:
            full = req.headers.get("Content-Type", "")
            raise detail(415, f'Unsupported media type "{full}" in request.')
        self._parsed = True
        return self._data

    def data_dict(self) -> dict[str, Any]:
        d = self.data()
        if not isinstance(d, dict):
            raise ApiError(
                400,
                {
                    "non_field_errors": [
                        f"Invalid data. Expected a dictionary, but got {type(d).__name__}."
                    ]
                },
            )
        return d


def _json_response(body: Any, status: int, headers: dict[str, str] | None = None) -> Response:
    resp = Response(
        json.dumps(body, separators=(",", ":")).encode(),
        status=status,
        content_type="application/json",
    )
    resp.headers["Vary"] = "Accept"
    for k, v in (headers or {}).items():
        resp.headers[k] = v
    return resp


class ApiApp:
    """The WSGI application answering ``/api/...`` and ``/media/...``."""

    def __init__(self, gc: LocalGrandChallenge) -> None:
        from . import views  # noqa: F401  (registers the routes)

        self.gc = gc
        rules = []
        self._views: dict[str, _Route] = {}
        for r in _ROUTES:
            endpoint = f"{r.method} {r.operation_id}"
            self._views[endpoint] = r
            rules.append(Rule(r.path, endpoint=endpoint, methods=[r.method], strict_slashes=False))
        self.url_map = Map(rules, strict_slashes=False, merge_slashes=False)
        self._paths = Map(
            [Rule(r.path, endpoint=r.operation_id, strict_slashes=False) for r in _ROUTES],
            strict_slashes=False,
            merge_slashes=False,
        )

    def resolve_path(self, path: str) -> tuple[str, dict[str, str]] | None:
        """Match a path against the API routes (any method): ``(operation_id, kwargs)``."""
        adapter = self._paths.bind("localhost")
        try:
            endpoint, kwargs = adapter.match(path, method="GET")
        except Exception:
            return None
        return str(endpoint), {k: str(v) for k, v in kwargs.items()}

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        response = self.handle(request, environ)
        return response(environ, start_response)

    def handle(self, request: Request, environ: dict[str, Any]) -> Response:
        cl = request.content_length
        if cl is not None and cl > MAX_BODY:
            return self._error_response(_too_large())
        adapter = self.url_map.bind_to_environ(environ)
        path = request.path
        try:
            endpoint, kwargs = adapter.match(path, method=request.method)
        except MethodNotAllowed as e:
            if path.startswith("/api/") and request.method == "OPTIONS":
                return self._options(path, list(e.valid_methods or []))
            if path.startswith("/api/"):
                return _json_response({"detail": f'Method "{request.method}" not allowed.'}, 405)
            return self._error_response(html_error(405, "Method not allowed"))
        except NotFound:
            return self._error_response(html_error(404, "Page not found"))
        except Exception:
            return self._error_response(html_error(404, "Page not found"))
        if path.startswith("/api/") and not path.endswith("/"):
            # CommonMiddleware/APPEND_SLASH: a 301 for every method in production (the body
            # of a POST/PATCH is lost when the client follows it)
            qs = request.query_string.decode()
            loc = path + "/" + (f"?{qs}" if qs else "")
            return Response("", status=301, headers={"Location": loc})
        r = self._views[str(endpoint)]
        environ["gc.operation_id"] = r.operation_id
        response = self._run(r, request, {k: str(v) for k, v in kwargs.items()})
        if path.startswith("/api/") and request.method != "HEAD":
            self.gc.contract.check(request, response, r.operation_id)
        return response

    @staticmethod
    def _options(path: str, methods: list[str]) -> Response:
        """DRF's ``SimpleMetadata`` answer to OPTIONS (no per-field details)."""
        allowed = sorted({*methods, "OPTIONS"})
        name = path.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").title()
        body = {
            "name": name,
            "description": "",
            "renders": ["application/json", "text/html"],
            "parses": [
                "application/json",
                "application/x-www-form-urlencoded",
                "multipart/form-data",
            ],
        }
        return _json_response(body, 200, {"Allow": ", ".join(allowed)})

    def _run(self, r: _Route, request: Request, kwargs: dict[str, str]) -> Response:
        try:
            is_media = r.path.startswith("/media/")
            user = authenticate(self.gc.state, request.headers.get("Authorization"), media=is_media)
            ctx = Ctx(self.gc, request, user, kwargs)
            ctx.read_body()
            with self.gc.state.lock:
                result = r.view(ctx)
        except ApiError as e:
            return self._error_response(e)
        except Exception:
            # an emulator bug: answer like Django (500, HTML) and fail strict mode later
            import traceback

            self.gc.server_errors.append(traceback.format_exc())
            return self._error_response(html_error(500, "Server Error (500)"))
        if isinstance(result, Response):
            return result
        status = 200
        if isinstance(result, tuple):
            result, status = result
        return self._render(r.operation_id, request, result, status)

    def _render(self, operation_id: str, request: Request, body: Any, status: int) -> Response:
        from .renderers import to_csv, wants

        fmt = wants(operation_id, request.args.get("format"), request.headers.get("Accept", ""))
        if fmt is None:
            return _json_response({"detail": "Not found."}, 404)
        if fmt == "csv" and status == 200:
            return Response(to_csv(body), status=200, content_type="text/csv; charset=utf-8")
        return _json_response(body, status)

    @staticmethod
    def _error_response(e: ApiError) -> Response:
        if e.html:
            resp = Response(str(e.body), status=e.status, content_type="text/html; charset=utf-8")
            for k, v in e.headers.items():
                resp.headers[k] = v
            return resp
        return _json_response(e.body, e.status, e.headers)
