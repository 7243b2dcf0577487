"""Real S3 storage: moto's S3 server on loopback, presigned URLs made with boto3.

Two listeners share moto's in-process S3 backend:

* the *public* endpoint (``gc.storage_url``) is what clients talk to. It logs requests, applies
  faults and the WAN profile, and enforces presigned-URL signatures and expiry the way S3 does
  (403 ``SignatureDoesNotMatch`` / ``AccessDenied`` "Request has expired");
* an *internal* endpoint, used only by the server itself (boto3 calls of the API views and the
  background worker), which bypasses faults and the log.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import boto3
from botocore.config import Config

from .faults import Faults
from .netio import HttpServer, NetMiddleware, StartResponse, WSGIApp, WSGIEnviron
from .requestlog import RequestLog

ACCESS_KEY = "gc-local-access-key"
SECRET_KEY = "gc-local-secret-key"
REGION = "us-east-1"
PRESIGN_EXPIRY = 3600
#: Completed multipart uploads between two :func:`forget_dead_moto_models` passes (also run by
#: every reset): a pass over ~30 tracked objects per upload takes a few milliseconds.
PRUNE_EVERY = 500
_buckets_lock = threading.Lock()
_buckets_in_use: set[str] = set()


def _xml_error(code: str, message: str, status: int, start_response: StartResponse) -> list[bytes]:
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{code}</Code><Message>{message}</Message>"
        "<RequestId>4442587FB7D0A2F9</RequestId><HostId>gc-local</HostId></Error>"
    ).encode()
    reason = {
        400: "Bad Request",
        403: "Forbidden",
        404: "Not Found",
        411: "Length Required",
    }.get(status, "Error")
    start_response(
        f"{status} {reason}",
        [("Content-Type", "application/xml"), ("Content-Length", str(len(body)))],
    )
    return [body]


def _no_such_upload(start_response: StartResponse) -> list[bytes]:
    return _xml_error(
        "NoSuchUpload",
        "The specified upload does not exist. The upload ID may be invalid, or the upload "
        "may have been aborted or completed.",
        404,
        start_response,
    )


class _Issued:
    __slots__ = ("expires", "issued_at", "method", "path", "query")

    def __init__(
        self, method: str, path: str, query: list[tuple[str, str]], issued_at: float, expires: int
    ) -> None:
        self.method = method
        self.path = path
        self.query = query
        self.issued_at = issued_at
        self.expires = expires


class PresignGate:
    """WSGI layer in front of moto checking presigned URLs like S3 does."""

    def __init__(self, app: WSGIApp, storage: Storage) -> None:
        self.app = app
        self.storage = storage

    def __call__(self, environ: WSGIEnviron, start_response: StartResponse) -> Iterable[bytes]:
        query = parse_qsl(str(environ.get("QUERY_STRING", "")), keep_blank_values=True)
        q = dict(query)
        auth = environ.get("HTTP_AUTHORIZATION")
        sig = q.get("X-Amz-Signature")
        method = str(environ.get("REQUEST_METHOD", "GET")).upper()
        if method == "PUT" and not environ.get("CONTENT_LENGTH"):
            # S3 refuses chunked uploads without a length (no aws-chunked signing here)
            return _xml_error(
                "MissingContentLength",
                "You must provide the Content-Length HTTP header.",
                411,
                start_response,
            )
        if sig is not None:
            if auth:
                return _xml_error(
                    "InvalidArgument",
                    "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                    "Signature query string parameter or the Authorization header should be "
                    "specified",
                    400,
                    start_response,
                )
            issued = self.storage.lookup(sig)
            path = str(environ.get("PATH_INFO", "/"))
            with contextlib.suppress(UnicodeError):  # WSGI's latin-1 view of UTF-8 bytes
                path = path.encode("latin-1").decode("utf-8")
            if (
                issued is None
                or issued.method != method
                or issued.path != path
                or sorted(issued.query) != sorted(query)
            ):
                return _xml_error(
                    "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you "
                    "provided. Check your key and signing method.",
                    403,
                    start_response,
                )
            if time.time() > issued.issued_at + issued.expires or self.storage.faults.is_expired(
                issued.issued_at
            ):
                return _xml_error("AccessDenied", "Request has expired", 403, start_response)
            if method == "PUT" and self._no_such_upload(path, q):
                # A part arriving after its upload was completed or aborted (a retry of a
                # part whose answer was lost): moto raises a KeyError (a 500 and a traceback)
                return _no_such_upload(start_response)
            if method == "PUT":
                part = self._upload_part(environ, path, q, start_response)
                if part is not None:
                    return part
            if (
                method == "GET"
                and environ.get("HTTP_RANGE")
                and all(k in _PRESIGN_PARAMS or k.startswith("response-") for k in q)
            ):
                ranged = self._ranged_get(environ, path, start_response)
                if ranged is not None:
                    return ranged
            return self.app(environ, start_response)
        if not auth:
            return _xml_error("AccessDenied", "Access Denied", 403, start_response)
        return self.app(environ, start_response)

    def _no_such_upload(self, path: str, q: dict[str, str]) -> bool:
        """Whether this is a part (``uploadId`` and ``partNumber``) of a multipart upload the
        bucket does not hold (never created, completed or aborted), as S3 answers with 404
        ``NoSuchUpload``. False when moto's bucket cannot be reached."""
        if "uploadId" not in q or "partNumber" not in q:
            return False
        bucket_name, _, key_name = path.lstrip("/").partition("/")
        bucket = self.storage._moto_bucket(bucket_name)
        if bucket is None or not key_name:
            return False
        return q["uploadId"] not in bucket.multiparts

    def _upload_part(
        self, environ: WSGIEnviron, path: str, q: dict[str, str], start_response: StartResponse
    ) -> list[bytes] | None:
        """A plain UploadPart (what clients PUT to presigned part URLs) handed to moto's
        backend directly, answered with the status and headers moto's S3 answers it with:
        moto's request handling costs more CPU than storing the part. ``None`` (moto answers
        it itself) for anything else: other parameters, checksums, CORS, copies, a part
        number moto refuses, an upload it does not know."""
        if set(q) - _PRESIGN_PARAMS != {"uploadId", "partNumber"}:
            return None
        if any(k in environ for k in _PART_HEADERS_FOR_MOTO) or any(
            k.startswith("HTTP_X_AMZ_CHECKSUM") for k in environ
        ):
            return None
        number = q["partNumber"]
        if not (number.isascii() and number.isdigit() and 1 <= int(number) <= 10000):
            return None
        bucket_name, _, key_name = path.lstrip("/").partition("/")
        backend = self.storage._moto_backend(bucket_name)
        bucket = self.storage._moto_bucket(bucket_name)
        multipart = bucket.multiparts.get(q["uploadId"]) if bucket is not None else None
        if backend is None or multipart is None or multipart.key_name != key_name:
            return None
        try:
            from moto.utilities.aws_headers import gen_amzn_requestid_long
        except ImportError:  # pragma: no cover - another moto layout
            return None
        from ._motofast import Received, install

        length = int(environ.get("CONTENT_LENGTH") or 0)
        if install():  # stored, hashed and checksummed as it arrives
            body: Any = Received.read(environ["wsgi.input"], max(0, length))
        else:  # pragma: no cover - a moto the cheaper paths do not know
            body = environ["wsgi.input"].read(length) if length > 0 else b""
        if len(body) < length:  # the client stopped sending: S3 stores no part of it
            if isinstance(body, Received):
                body.close()
            return _xml_error(
                "IncompleteBody",
                "You did not provide the number of bytes specified by the Content-Length HTTP "
                "header",
                400,
                start_response,
            )
        key = None
        try:
            with self.storage.multipart_lock:
                if q["uploadId"] in bucket.multiparts:  # not aborted or completed meanwhile
                    key = backend.upload_part(bucket_name, q["uploadId"], int(number), body)
        finally:
            if key is None and isinstance(body, Received):
                body.close()
        if key is None:  # S3's answer (moto's upload_part raised a KeyError: a 500)
            return _no_such_upload(start_response)
        headers: dict[str, str] = dict(key.response_dict)
        headers["content-length"] = "0"
        gen_amzn_requestid_long(headers)
        # what moto's Flask app adds: Flask's default type and (flask-cors) a wildcard origin
        headers["Content-Type"] = "text/html; charset=utf-8"
        headers["Access-Control-Allow-Origin"] = "*"
        start_response("200 OK", list(headers.items()))
        return [b""]

    def _ranged_get(
        self, environ: WSGIEnviron, path: str, start_response: StartResponse
    ) -> list[bytes] | None:
        """A ranged GET of a plain object, reading only the range: moto reads the whole
        object for each one (1 GiB per 16 MiB slice). moto answers the same request as a HEAD
        (status and headers, ``Content-Range`` included) and the bytes come from its buffer.
        ``None`` (moto answers the GET itself) for anything but a 206 of a known object."""
        status: list[str] = []
        headers: list[tuple[str, str]] = []

        def capture(st: str, hd: list[tuple[str, str]], exc_info: Any = None) -> Any:
            status[:] = [st]
            headers[:] = list(hd)
            return lambda _data: None

        head = dict(environ, REQUEST_METHOD="HEAD", CONTENT_LENGTH="0")
        head["wsgi.input"] = io.BytesIO(b"")
        result = self.app(head, capture)
        for _ in result:
            pass
        close = getattr(result, "close", None)
        if close is not None:
            close()
        if not status or not status[0].startswith("206"):
            return None
        try:  # a GET (not a HEAD) applies the presigned response-* overrides
            from moto.s3.responses import ALLOWED_HEADER_OVERRIDES
        except ImportError:  # pragma: no cover
            return None
        query = dict(parse_qsl(str(environ.get("QUERY_STRING", "")), keep_blank_values=True))
        for param, header in ALLOWED_HEADER_OVERRIDES.items():
            if param in query:
                headers = [(k, v) for k, v in headers if k.lower() != header.lower()]
                headers.append((header, query[param]))
        lower = {k.lower(): v for k, v in headers}
        bucket_name, _, key_name = path.lstrip("/").partition("/")
        moto_bucket = self.storage._moto_bucket(bucket_name)
        try:
            from moto.s3.models import FakeKey

            key = moto_bucket.keys.get(key_name) if moto_bucket is not None else None
            if not isinstance(key, FakeKey) or key.etag != lower.get("etag"):
                return None
            span = lower["content-range"].split()[1].split("/")[0]
            begin, end = (int(x) for x in span.split("-"))
            with key.lock:
                key._value_buffer.seek(begin)
                data = key._value_buffer.read(end - begin + 1)
        except Exception:
            return None
        if len(data) != end - begin + 1 or lower.get("content-length") != str(len(data)):
            return None
        start_response(status[0], headers)
        return [data]


class _RawBody(io.BytesIO):
    """A response body botocore can read or stream."""

    def stream(self, **kwargs: Any) -> Iterator[bytes]:
        while chunk := self.read(1 << 20):
            yield chunk


class DirectDispatch:
    """botocore ``before-send`` hook handing each request of the server's own S3 client to
    moto's WSGI application in the calling thread: the same moto request handling as over
    HTTP, without a socket round trip and two thread hand-offs per call (under load each
    waited for the GIL; create, list-parts and complete spent most of their time there)."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, request: Any, **kwargs: Any) -> Any:
        from botocore.awsrequest import AWSResponse

        body = request.body
        if body is None:
            data = b""
        elif isinstance(body, (bytes, bytearray)):
            data = bytes(body)
        elif isinstance(body, str):
            data = body.encode()
        else:
            data = body.read()
            if isinstance(data, str):
                data = data.encode()
        url = urlsplit(request.url)
        environ: WSGIEnviron = {
            "REQUEST_METHOD": request.method,
            "SCRIPT_NAME": "",
            # as werkzeug's server makes it: percent-decoded UTF-8, as latin-1
            "PATH_INFO": unquote(url.path).encode().decode("latin-1"),
            "QUERY_STRING": url.query,
            # werkzeug's server passes the raw target too; moto reads object keys from it
            "REQUEST_URI": url.path + (f"?{url.query}" if url.query else ""),
            "RAW_URI": url.path + (f"?{url.query}" if url.query else ""),
            "SERVER_NAME": url.hostname or "127.0.0.1",
            "SERVER_PORT": str(url.port or 80),
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": url.scheme or "http",
            "wsgi.input": io.BytesIO(data),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": True,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "wsgi.input_terminated": True,
            "CONTENT_LENGTH": str(len(data)),
        }
        for name, value in request.headers.items():
            key = name.upper().replace("-", "_")
            if isinstance(value, bytes):
                value = value.decode("latin-1")
            if key == "CONTENT_TYPE":
                environ["CONTENT_TYPE"] = value
            elif key not in ("CONTENT_LENGTH", "TRANSFER_ENCODING"):
                environ["HTTP_" + key] = value
        environ["HTTP_HOST"] = url.netloc
        status: list[str] = []
        headers: list[tuple[str, str]] = []

        def start_response(st: str, hd: list[tuple[str, str]], exc_info: Any = None) -> Any:
            status[:] = [st]
            headers[:] = list(hd)
            return lambda _data: None

        result = self.app(environ, start_response)
        try:
            out = b"".join(result)
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        code = int(status[0].split(None, 1)[0])
        return AWSResponse(request.url, code, dict(headers), _RawBody(out))


#: Request headers (as WSGI keys) of an UploadPart that moto itself must answer: CORS, copies,
#: checksums and integrity checks, streaming signatures and chunked bodies.
_PART_HEADERS_FOR_MOTO = (
    "HTTP_ORIGIN",
    "HTTP_X_AMZ_COPY_SOURCE",
    "HTTP_X_AMZ_SDK_CHECKSUM_ALGORITHM",
    "HTTP_X_AMZ_CONTENT_SHA256",
    "HTTP_X_AMZ_DECODED_CONTENT_LENGTH",
    "HTTP_CONTENT_MD5",
    "HTTP_TRANSFER_ENCODING",
)

_PRESIGN_PARAMS = {
    "X-Amz-Algorithm",
    "X-Amz-Credential",
    "X-Amz-Date",
    "X-Amz-Expires",
    "X-Amz-SignedHeaders",
    "X-Amz-Signature",
    "X-Amz-Security-Token",
}


def forget_dead_moto_models() -> int:
    """Drop the S3 model instances (keys, parts, multipart uploads, ACLs) that only moto's
    instance tracker still holds, and return how many. moto lists every model it ever created
    (for its dashboard) until its global reset, so a long-lived emulator kept ~10,000 objects
    per 300 uploads, and the garbage collector's full passes over them paused every request
    for ~0.1 s. Only instances referenced by nothing else are dropped: nothing alive changes.

    Example:
        >>> forget_dead_moto_models() >= 0
        True
    """
    try:
        from moto.core.model_instances import model_data
    except ImportError:  # pragma: no cover - a moto without the tracker
        return 0
    dropped = 0
    while True:  # again while something went: a dropped ACL frees its grants, and so on
        before = dropped
        for model in list(model_data.get("s3", {}).values()):
            tracked = getattr(model, "instances_tracked", None)
            if not isinstance(tracked, list):
                continue  # pragma: no cover
            # Only the first n are judged and replaced (one slice assignment, atomic under
            # the GIL), so an instance appended meanwhile stays. getrefcount(tracked[i]) is 2
            # when the tracker's reference is the only one (the other is the argument).
            n = len(tracked)
            alive = [tracked[i] for i in range(n) if sys.getrefcount(tracked[i]) > 2]
            dropped += n - len(alive)
            tracked[:n] = alive
        if dropped == before:
            return dropped


class Storage:
    """The S3 side of the local grand-challenge.

    Example:
        >>> from gc_highlevel.testing.faults import Faults
        >>> from gc_highlevel.testing.requestlog import RequestLog
        >>> import threading
        >>> s = Storage(faults=Faults(), log=RequestLog(), stop=threading.Event())
        >>> s.start(); s.put_bytes(s.protected_bucket, "x/y.txt", b"hi"); s.get_bytes(
        ...     s.protected_bucket, "x/y.txt")
        b'hi'
        >>> s.stop()
    """

    def __init__(
        self,
        *,
        faults: Faults,
        log: RequestLog,
        stop: threading.Event,
        port: int = 0,
        ssl_context: Any = None,
    ) -> None:
        from moto.moto_server.werkzeug_app import create_backend_app

        from ._motofast import install as cheaper_multipart_completion

        cheaper_multipart_completion()
        self.faults = faults
        moto_app: WSGIApp = create_backend_app("s3")
        self._issued: dict[str, _Issued] = {}
        self._lock = threading.Lock()
        self._completions = 0
        #: Serialises what changes a multipart upload's parts (a part arriving, an abort, a
        #: completion): moto's models are not thread-safe, and an abort iterating the parts
        #: while a part PUT adds one raised "dictionary changed size during iteration".
        self.multipart_lock = threading.RLock()
        public = NetMiddleware(
            PresignGate(moto_app, self), kind="storage", log=log, faults=faults, stop=stop
        )
        self.public = HttpServer(public, port=port, ssl_context=ssl_context)
        self.internal = HttpServer(moto_app)
        self._moto_app = moto_app
        self.uploads_bucket = ""
        self.protected_bucket = ""
        self._client: Any = None
        self._signer: Any = None

    @property
    def url(self) -> str:
        """Origin of the public S3 endpoint, e.g. ``http://127.0.0.1:41234``."""
        return self.public.origin

    @property
    def client(self) -> Any:
        """boto3 S3 client for server-internal use (not logged, no faults)."""
        return self._client

    def start(self) -> None:
        self.public.start()
        self.internal.start()
        cfg = Config(
            signature_version="s3v4",
            s3={"addressing_style": "path"},
            retries={"max_attempts": 2},
        )
        kw: dict[str, Any] = {
            "region_name": REGION,
            "aws_access_key_id": ACCESS_KEY,
            "aws_secret_access_key": SECRET_KEY,
            "config": cfg,
        }
        self._client = boto3.client("s3", endpoint_url=self.internal.origin, **kw)
        self._client.meta.events.register("before-send.s3", DirectDispatch(self._moto_app))
        self._signer = boto3.client("s3", endpoint_url=self.public.origin, verify=False, **kw)
        self.uploads_bucket = self._claim_bucket("grand-challenge-uploads")
        self.protected_bucket = self._claim_bucket("grand-challenge-protected")

    def _claim_bucket(self, base: str) -> str:
        with _buckets_lock:
            n = 1
            name = base
            while name in _buckets_in_use:
                n += 1
                name = f"{base}-{n}"
            _buckets_in_use.add(name)
        try:
            self._client.create_bucket(Bucket=name)
        except self._client.exceptions.BucketAlreadyOwnedByYou:
            self._empty_bucket(name)
        return name

    def _empty_bucket(self, name: str) -> None:
        c = self._client
        for mp in c.list_multipart_uploads(Bucket=name).get("Uploads", []):
            self.abort_multipart_upload(name, mp["Key"], mp["UploadId"])
        while True:
            objs = c.list_objects_v2(Bucket=name).get("Contents", [])
            if not objs:
                break
            c.delete_objects(Bucket=name, Delete={"Objects": [{"Key": o["Key"]} for o in objs]})

    def reset_buckets(self) -> None:
        """Empty both buckets and forget issued URLs (used by ``LocalGrandChallenge.reset``)."""
        for name in (self.uploads_bucket, self.protected_bucket):
            self._empty_bucket(name)
        with self._lock:
            self._issued.clear()
        forget_dead_moto_models()

    def stop(self) -> None:
        for name in (self.uploads_bucket, self.protected_bucket):
            if not name:
                continue
            try:
                self._empty_bucket(name)
                self._client.delete_bucket(Bucket=name)
            except Exception:  # pragma: no cover - best effort cleanup
                pass
            with _buckets_lock:
                _buckets_in_use.discard(name)
        self.public.stop()
        self.internal.stop()

    # -- presigning ---------------------------------------------------------------------
    def presign(
        self, operation: str, params: dict[str, Any], *, expires: int = PRESIGN_EXPIRY
    ) -> str:
        """Presign ``operation`` (e.g. ``"upload_part"``) on the public endpoint, as the server
        does with ``generate_presigned_url``, and remember it for signature/expiry checks."""
        url: str = self._signer.generate_presigned_url(operation, Params=params, ExpiresIn=expires)
        parts = urlsplit(url)
        query = parse_qsl(parts.query, keep_blank_values=True)
        sig = dict(query)["X-Amz-Signature"]
        method = {"upload_part": "PUT", "put_object": "PUT", "head_object": "HEAD"}.get(
            operation, "GET"
        )

        with self._lock:
            self._issued[sig] = _Issued(method, unquote(parts.path), query, time.time(), expires)
        return url

    def lookup(self, signature: str) -> _Issued | None:
        with self._lock:
            return self._issued.get(signature)

    # -- helpers ----------------------------------------------------------------------------
    def put_bytes(
        self, bucket: str, key: str, data: bytes, content_type: str = "application/octet-stream"
    ) -> None:
        self._client.put_object(Bucket=bucket, Key=key, Body=data, ContentType=content_type)

    def get_bytes(self, bucket: str, key: str) -> bytes:
        body: bytes = self._client.get_object(Bucket=bucket, Key=key)["Body"].read()
        return body

    def delete(self, bucket: str, key: str) -> None:
        self._client.delete_object(Bucket=bucket, Key=key)

    def exists(self, bucket: str, key: str) -> bool:
        try:
            self._client.head_object(Bucket=bucket, Key=key)
        except Exception:
            return False
        return True

    def _moto_bucket(self, bucket: str) -> Any:
        """moto's in-process bucket object, or ``None`` when it cannot be reached."""
        try:
            from moto.s3.models import s3_backends

            partition, account_id = s3_backends.bucket_accounts[bucket]
            return s3_backends[account_id][partition].buckets[bucket]
        except Exception:  # pragma: no cover - another moto layout: use the S3 API
            return None

    # -- multipart uploads, as the upload views call them ------------------------------------
    # The API views' S3 calls go straight to moto's backend (the methods moto's S3 responses
    # call, with the same arguments and checks), not through boto3 and moto's HTTP layer:
    # serialising, signing, routing and parsing four calls per upload cost most of the
    # emulator's CPU time with many small files. Each falls back to the S3 API when moto's
    # backend cannot be reached.

    def _moto_backend(self, bucket: str) -> Any:
        """moto's in-process S3 backend holding ``bucket``, or ``None``."""
        try:
            from moto.s3.models import s3_backends

            partition, account_id = s3_backends.bucket_accounts[bucket]
            return s3_backends[account_id][partition]
        except Exception:  # pragma: no cover - another moto layout: use the S3 API
            return None

    def create_multipart_upload(self, bucket: str, key: str) -> str:
        """Start a multipart upload of ``key`` (no metadata, standard storage class, no
        tags, ACL or encryption, as the server asks); returns its upload id."""
        backend = self._moto_backend(bucket)
        if backend is None:
            upload_id: str = self._client.create_multipart_upload(Bucket=bucket, Key=key)[
                "UploadId"
            ]
            return upload_id
        from moto.s3.utils import metadata_from_headers

        multipart = backend.create_multipart_upload(
            bucket, key, metadata_from_headers({}), "STANDARD", {}, None, None, None
        )
        return str(multipart.id)

    def list_parts(self, bucket: str, key: str, upload_id: str) -> list[dict[str, Any]]:
        """Every part of an open multipart upload, as boto3's ``list_parts`` pages give them
        (``PartNumber``, ``LastModified`` to the second in UTC, quoted ``ETag``, ``Size``).
        Raises when there is no such upload (S3's ``NoSuchUpload``)."""
        backend = self._moto_backend(bucket)
        parts: list[dict[str, Any]] = []
        marker = 0
        while True:
            if backend is None:
                resp = self._client.list_parts(
                    Bucket=bucket,
                    Key=key,
                    UploadId=upload_id,
                    PartNumberMarker=marker,
                    MaxParts=1000,
                )
                parts.extend(resp.get("Parts", []))
                if not resp.get("IsTruncated"):
                    return parts
                marker = int(resp["NextPartNumberMarker"])
                continue
            page = backend.list_parts(bucket, upload_id, part_number_marker=marker, max_parts=1000)
            for part in page:
                modified = part.last_modified.replace(microsecond=0)
                if modified.tzinfo is None:  # moto keeps naive UTC
                    modified = modified.replace(tzinfo=dt.timezone.utc)
                parts.append(
                    {
                        "PartNumber": int(part.name),
                        "LastModified": modified,
                        "ETag": part.etag,
                        "Size": int(part.size),
                    }
                )
            if not page or not backend.is_truncated(bucket, upload_id, page[-1].name):
                return parts
            marker = int(page[-1].name)

    def abort_multipart_upload(self, bucket: str, key: str, upload_id: str) -> None:
        """Abort a multipart upload (its parts are deleted), never while a part is stored."""
        with self.multipart_lock:
            self._client.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)

    def complete_multipart_upload(
        self, bucket: str, key: str, upload_id: str, parts: list[dict[str, Any]]
    ) -> int:
        """Complete a multipart upload from ``[{"ETag": ..., "PartNumber": ...}, ...]``;
        returns the object's size. Raises on anything S3 refuses (``InvalidPart``,
        ``InvalidPartOrder``, ``EntityTooSmall``, no parts, no such upload) and on parts
        boto3 would not send (a ``PartNumber`` that is not an integer, an ``ETag`` that is
        not a string). Part numbers must ascend, as S3 checks (moto 5.2 does not)."""
        from moto.s3.exceptions import InvalidPartOrder

        previous = 0
        for part in parts:
            number, etag = part.get("PartNumber"), part.get("ETag")
            if isinstance(number, bool) or not isinstance(number, int):
                raise ValueError(f"invalid PartNumber {number!r}")
            if not isinstance(etag, str):
                raise ValueError(f"invalid ETag {etag!r}")
            if number <= previous:
                raise InvalidPartOrder()
            previous = number
        with self.multipart_lock:  # one completion at a time, never while a part is stored
            size = self._complete(bucket, key, upload_id, parts)
        with self._lock:
            self._completions += 1
            prune = self._completions % PRUNE_EVERY == 0
        if prune:  # a server that is never reset (``serve``) must not grow with every upload
            forget_dead_moto_models()
        return size

    def _complete(self, bucket: str, key: str, upload_id: str, parts: list[dict[str, Any]]) -> int:
        backend = self._moto_backend(bucket)
        if backend is None:
            self._client.complete_multipart_upload(
                Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts}
            )
            size: int = self._client.head_object(Bucket=bucket, Key=key)["ContentLength"]
            return size
        existing = backend.get_object(bucket, key)
        if existing is not None and existing.multipart and existing.multipart.id == upload_id:
            done = existing  # S3 answers a repeated completion with the object
        else:
            done = backend.complete_multipart_upload(
                bucket, upload_id, ((p["PartNumber"], p["ETag"]) for p in parts)
            )
        if done is None:
            raise ValueError("S3 refused the completion")
        return int(done.size)

    def prefix_size(self, bucket: str, prefix: str) -> int:
        """Total size of the objects whose key starts with ``prefix`` (what a paginated
        ``list_objects_v2`` sums). The upload quota check runs this on every presign, so it
        reads moto's key store directly instead of serialising and parsing a listing of
        every object the user uploaded (milliseconds per request with a few hundred)."""
        moto_bucket = self._moto_bucket(bucket)
        if moto_bucket is not None:
            from moto.s3.models import FakeKey

            total = 0
            # dict.copy() is atomic under the GIL; the latest version is the listed one
            for key, versions in dict.copy(moto_bucket.keys).items():
                if key.startswith(prefix) and versions and isinstance(versions[-1], FakeKey):
                    total += int(versions[-1].size)
            return total
        total = 0
        paginator = self._client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=bucket, Prefix=prefix):
            total += sum(int(o["Size"]) for o in page.get("Contents", []))
        return total
