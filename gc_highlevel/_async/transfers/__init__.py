"""Transfers at full speed: parallel, retried, resumable uploads and streaming downloads.

``client.transfers`` is the transfer engine (:class:`AsyncTransfers` for ``AsyncClient``):

* :meth:`~AsyncTransfers.upload` sends a path, bytes or a binary file object as a user upload:
  the multipart upload is created, presigned part URLs are fetched in batches, the parts are
  streamed from disk over up to ``max_concurrency`` connections at once, each part retried on
  its own, and the upload is completed with the parts' ETags in ascending order;
* :meth:`~AsyncTransfers.upload_many` does that for many files under one global bound on
  connections, and reports per file which succeeded and why the others failed;
* :meth:`~AsyncTransfers.resume_upload` finishes a kept upload, sending only missing parts;
* :meth:`~AsyncTransfers.download`, :meth:`~AsyncTransfers.download_many`,
  :meth:`~AsyncTransfers.download_image`, :meth:`~AsyncTransfers.download_images` and
  :meth:`~AsyncTransfers.download_socket_value` stream files to disk through a temporary
  ``.gcpart`` file that is renamed when complete. Big files come as byte ranges over several
  connections; an interrupted transfer continues where each range stopped (HTTP ``Range``),
  in the same call or the next one. A file that is already there is skipped.

Every call takes ``progress=`` (see :mod:`gc_highlevel.progress`): a bar on a terminal or in
a notebook, nothing in logs and pipes, or your callback. One INFO line per file goes to the
``gc_highlevel`` logger.

Presigned storage URLs are requested through a separate ``httpx`` client without any
authentication: the API token never leaves for the storage host.

Example:
    >>> import asyncio, gc_highlevel
    >>> async def main() -> None:
    ...     async with gc_highlevel.AsyncClient() as client:
    ...         upload = await client.transfers.upload("ct.mha")
    ...         print(upload.status)
    >>> asyncio.run(main())
    Completed
"""

from __future__ import annotations

from gc_highlevel._async.transfers._downloads import AsyncDownloadTransfers
from gc_highlevel._async.transfers._uploads import AsyncUploadTransfers

__all__ = ["AsyncTransfers"]


class AsyncTransfers(AsyncUploadTransfers, AsyncDownloadTransfers):
    """Uploads and downloads of files; reached as ``client.transfers``.

    Args:
        client: the client whose token, base URL, connection pool and sleep are used.
        max_concurrency: number of connections one call uses at once, API and storage
            together (default: 16 for one file, 32 for ``upload_many``, ``download_many`` and
            ``download_images``); each call's ``max_concurrency=`` overrides it.
        attempts: tries per part or download, the first included (6).

    Example:
        >>> upload = await client.transfers.upload("scan.mha", max_concurrency=8)
        >>> results = await client.transfers.upload_many(["a.dcm", "b.dcm"])
        >>> await client.transfers.download_image(image, "out/", image_type="TIFF")
    """
