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
import threading
import time
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import boto3
from botocore.config import Config

from . import _motofast
from ._motofast import DirectDispatch, S3Refusal, forget_dead_moto_models
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


def _refuse(refusal: S3Refusal, start_response: StartResponse) -> list[bytes]:
    return _xml_error(refusal.code, refusal.message, refusal.status, start_response)


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
                return _refuse(_motofast.no_such_upload(), start_response)
            if method == "PUT":
                part = self._upload_part(environ, path, q, start_response)
                if part is not None:
                    return part
            if method == "GET" and environ.get("HTTP_RANGE"):
                ranged = self._ranged_get(environ, path, q, start_response)
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

    # The two fast paths of presigned requests (see _motofast): ``None`` lets moto answer.
    def _upload_part(
        self, environ: WSGIEnviron, path: str, q: dict[str, str], start_response: StartResponse
    ) -> list[bytes] | None:
        try:
            return _motofast.upload_part(self.storage, environ, path, q, start_response)
        except S3Refusal as refusal:
            return _refuse(refusal, start_response)

    def _ranged_get(
        self, environ: WSGIEnviron, path: str, q: dict[str, str], start_response: StartResponse
    ) -> list[bytes] | None:
        return _motofast.ranged_get(self.app, self.storage, environ, path, q, start_response)


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

        _motofast.install()
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

    @property
    def connections_accepted(self) -> int:
        """TCP connections the public endpoint accepted so far."""
        return self.public.connections_accepted

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
        return _motofast.moto_bucket(bucket)

    # -- multipart uploads, as the upload views call them ------------------------------------
    # The API views' S3 calls go straight to moto's backend (a fast path: see _motofast). Each
    # falls back to the S3 API when moto's backend cannot be reached.

    def _moto_backend(self, bucket: str) -> Any:
        """moto's in-process S3 backend holding ``bucket``, or ``None``."""
        return _motofast.moto_backend(bucket)

    def create_multipart_upload(self, bucket: str, key: str) -> str:
        """Start a multipart upload of ``key`` (no metadata, standard storage class, no
        tags, ACL or encryption, as the server asks); returns its upload id."""
        backend = self._moto_backend(bucket)
        if backend is None:
            upload_id: str = self._client.create_multipart_upload(Bucket=bucket, Key=key)[
                "UploadId"
            ]
            return upload_id
        return _motofast.create_multipart_upload(backend, bucket, key)

    def list_parts(self, bucket: str, key: str, upload_id: str) -> list[dict[str, Any]]:
        """Every part of an open multipart upload, as boto3's ``list_parts`` pages give them
        (``PartNumber``, ``LastModified`` to the second in UTC, quoted ``ETag``, ``Size``).
        Raises when there is no such upload (S3's ``NoSuchUpload``)."""
        backend = self._moto_backend(bucket)
        if backend is not None:
            return _motofast.list_parts(backend, bucket, upload_id)
        parts: list[dict[str, Any]] = []
        marker = 0
        while True:
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
        return _motofast.complete_multipart_upload(backend, bucket, key, upload_id, parts)

    def prefix_size(self, bucket: str, prefix: str) -> int:
        """Total size of the objects whose key starts with ``prefix`` (what a paginated
        ``list_objects_v2`` sums). The upload quota check runs this on every presign: a fast
        path reads moto's key store (see _motofast)."""
        moto_bucket = self._moto_bucket(bucket)
        if moto_bucket is not None:
            return _motofast.prefix_size(moto_bucket, prefix)
        total = 0
        paginator = self._client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=bucket, Prefix=prefix):
            total += sum(int(o["Size"]) for o in page.get("Contents", []))
        return total
