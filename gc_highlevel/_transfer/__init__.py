"""The flavour-free half of the transfer engine, shared by :class:`~gc_highlevel.AsyncTransfers`
(``gc_highlevel/_async/transfers/``) and its generated sync twin :class:`~gc_highlevel.Transfers`.

It lives outside ``_async/`` because ``scripts/make_sync.py`` copies everything there into
``_sync/``: these modules must exist once, so that both flavours share one
:class:`~gc_highlevel.TransferResults` class and one set of tunables (e.g.
:data:`~gc_highlevel._transfer.download_state.CHECKPOINT_BYTES`).

* :mod:`~gc_highlevel._transfer.common`: results of transfer calls and upload sources;
* :mod:`~gc_highlevel._transfer.parts`: part-size planning of multipart uploads;
* :mod:`~gc_highlevel._transfer.download_state`: the on-disk state of a download in progress;
* :mod:`~gc_highlevel._transfer.shared_fd`: a file descriptor workers use and any thread closes.
"""
