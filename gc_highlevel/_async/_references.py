"""References resolved against the server: a slug → its pk, a reference → an ``api_url``.

Which collection holds which kind of object is declared by the resources themselves
(``noun``, ``collection``, ``slugged`` on each ``AsyncAPIResource`` subclass) and gathered
here as their classes are created; a collection asked for before its resource was imported
imports them all once. The checks that need no request are :mod:`gc_highlevel._references`.
"""

from __future__ import annotations

import builtins
import importlib
import pkgutil
import uuid
from typing import TYPE_CHECKING

from gc_highlevel._exceptions import InvalidArgumentError, InvalidReferenceError
from gc_highlevel._references import Kind, as_sequence, normal, own_slug, parse, pk_of

if TYPE_CHECKING:
    from gc_highlevel._async._client import AsyncClient
    from gc_highlevel._async._resource import AsyncAPIResource

#: Each declared collection's kind, and the resource that looks its objects up by slug.
_KINDS: dict[str, Kind] = {}
_BY_SLUG: dict[str, type[AsyncAPIResource]] = {}
_all_declared = False


def declare(resource: type[AsyncAPIResource], kinds: tuple[Kind, ...]) -> None:
    """Record the kinds ``resource`` serves (called as each resource class is created)."""
    for kind in kinds:
        known = _KINDS.setdefault(kind.collection, kind)
        if known != kind:
            raise TypeError(f"{resource.__name__} redeclares {kind.collection!r} as {kind}")
        if kind.slugged:
            _BY_SLUG.setdefault(kind.collection, resource)


def _declare_all() -> None:
    """Import every resource module of this flavour, so that each has declared its kinds."""
    global _all_declared
    package = importlib.import_module(f"{__package__}.resources")
    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    _all_declared = True


def kind_of(collection: str) -> Kind:
    """The kind of the objects of ``collection`` (e.g. ``"archives/items/"``)."""
    collection = normal(collection)
    kind = _KINDS.get(collection)
    if kind is None and not _all_declared:
        _declare_all()
        kind = _KINDS.get(collection)
    return Kind.unknown(collection) if kind is None else kind


def parse_ref(ref: object, collection: str, *, what: str, titles: bool = False) -> uuid.UUID | str:
    """:func:`gc_highlevel._references.parse` for the objects of ``collection``.

    Example:
        >>> parse_ref("coronacasesorg", "archives/", what="archive")
        'coronacasesorg'
    """
    return parse(ref, kind_of(collection), what=what, titles=titles)


def ref_pk(ref: object, collection: str, *, what: str | None = None) -> uuid.UUID:
    """The pk of ``ref`` (an object with ``.pk``, a UUID, a pk string or an ``api_url``).

    A slug cannot be turned into a pk without a request: use :func:`resolve_pk` for those.
    """
    return pk_of(ref, kind_of(collection), what=what)


def remember_slug(client: AsyncClient, collection: str, slug: str, pk: uuid.UUID) -> None:
    """Cache ``slug`` → ``pk`` on the client (slugs and pks of an object do not change)."""
    client._slug_pks[(normal(collection), slug)] = pk


def _slug_resource(client: AsyncClient, collection: str) -> AsyncAPIResource:
    kind_of(collection)  # declares it, if its resource was not imported yet
    return _BY_SLUG[collection](client)


async def pk_of_slug(client: AsyncClient, collection: str, slug: str) -> uuid.UUID:
    """The pk of the object with ``slug`` (one list request, then cached per client)."""
    collection = normal(collection)
    cached = client._slug_pks.get((collection, slug))
    if cached is not None:
        return cached
    found = await _slug_resource(client, collection).get(slug=slug)  # type: ignore[attr-defined]
    pk: uuid.UUID = found.pk
    remember_slug(client, collection, slug, pk)
    return pk


async def resolve_pk(client: AsyncClient, ref: object, collection: str, *, what: str) -> uuid.UUID:
    """The pk of ``ref``; a slug costs one request (once per client)."""
    parsed = parse_ref(ref, collection, what=what)
    if isinstance(parsed, uuid.UUID):
        return parsed
    return await pk_of_slug(client, collection, parsed)


async def resolve_url(client: AsyncClient, ref: object, collection: str, *, what: str) -> str:
    """The ``api_url`` of ``ref``, which is what hyperlinked fields of request bodies expect."""
    collection = normal(collection)
    if isinstance(ref, str) and "/" in ref:
        parse_ref(ref, collection, what=what)  # it must point at the right collection
        return ref.strip()
    api_url = getattr(ref, "api_url", None)
    if isinstance(api_url, str) and api_url:
        parse_ref(ref, collection, what=what)
        return api_url
    pk = await resolve_pk(client, ref, collection, what=what)
    return f"{client.base_url}{collection}{pk}/"


async def resolve_slug(client: AsyncClient, ref: object, collection: str, *, what: str) -> str:
    """The slug of ``ref`` (fields such as ``archive`` of an upload session take a slug).

    A slug is used as given; an object brings its own; a pk or ``api_url`` costs one request.
    """
    kind = kind_of(collection)
    parsed = parse(ref, kind, what=what)
    if isinstance(parsed, str):
        return parsed
    own = None if isinstance(ref, (str, uuid.UUID)) else own_slug(ref, kind)
    if own is not None:
        return own
    found = await _slug_resource(client, kind.collection).get(parsed)  # type: ignore[attr-defined]
    own = own_slug(found, kind)
    if own is None:
        raise InvalidReferenceError(f"{what}: the server's {kind.noun} has no slug")
    return own


class AsyncLazyRef:
    """A reference checked now and turned into a pk on first use (a slug costs one look-up).

    List filters use it: ``list()`` returns at once, the look-up happens with the first page.
    """

    def __init__(
        self, client: AsyncClient, ref: object | None, collection: str, *, what: str
    ) -> None:
        self._client = client
        self._collection = normal(collection)
        self.label: uuid.UUID | str | None = (
            None if ref is None else parse_ref(ref, collection, what=what)
        )
        self._pk = self.label if isinstance(self.label, uuid.UUID) else None

    async def pk(self) -> uuid.UUID | None:
        """The pk (None if no reference was given)."""
        if self._pk is None and isinstance(self.label, str):
            self._pk = await pk_of_slug(self._client, self._collection, self.label)
        return self._pk


class AsyncLazyRefs:
    """Several references (or one) for a repeatable filter, each a :class:`AsyncLazyRef`."""

    def __init__(self, client: AsyncClient, refs: object | None, collection: str, *, what: str):
        self._refs = (
            None
            if refs is None
            else [AsyncLazyRef(client, r, collection, what=what) for r in as_sequence(refs)]
        )
        if self._refs == []:
            # The server would ignore an empty filter and list everything.
            raise InvalidArgumentError(
                f"{what} got no references, which would list every object; pass at least one,"
                " or None for no filter"
            )
        self.label = None if self._refs is None else [r.label for r in self._refs]

    async def pks(self) -> builtins.list[uuid.UUID] | None:
        if self._refs is None:
            return None
        return [pk for r in self._refs if (pk := await r.pk()) is not None]
