"""Base class of the resources and the one function through which they call ``gc_api``."""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from gc_highlevel._async._pagination import AsyncPageFetcher, AsyncPaginator
from gc_highlevel._concurrency import Awaitable
from gc_highlevel._exceptions import (
    APIError,
    APIResponseValidationError,
    InvalidArgumentError,
    InvalidReferenceError,
    ObjectNotFoundError,
    no_token_hint,
)
from gc_highlevel._utils import one_of, pk_from_api_url, slug_from_url, slugify, to_uuid
from gc_highlevel._validate import MAX_SLUG_LENGTH, check_slug

if TYPE_CHECKING:
    from gc_highlevel._async._client import AsyncClient, DetailedResponse

T = TypeVar("T")


async def call(
    client: AsyncClient,
    fn: Callable[..., Awaitable[DetailedResponse[T]]],
    /,
    *args: Any,
    **kwargs: Any,
) -> T:
    """Call a generated ``*_detailed`` endpoint function through ``client`` and unwrap it.

    Errors (4xx/5xx, connection) are raised by the HTTP seam before the generated parser
    runs; what is left here is a 2xx body that does not fit the schema.
    """
    operation = getattr(fn, "__module__", "?").rsplit(".", 1)[-1]
    try:
        response = await fn(*args, client=client.raw, **kwargs)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise APIResponseValidationError(
            f"The server's answer to {operation} does not match the API schema "
            f"({type(exc).__name__}: {exc}). Upgrade gc-client, or report this with the "
            "operation name.",
            method=operation,
            url=client.base_url,
        ) from exc
    result = response.parsed
    if result is None:
        raise APIResponseValidationError(
            f"The server's answer to {operation} had no body the API schema describes.",
            method=operation,
            url=client.base_url,
        )
    return result


#: Collections whose objects have a slug, and the client attribute that looks one up by it.
SLUGGED: dict[str, str] = {
    "algorithms/": "algorithms",
    "archives/": "archives",
    "reader-studies/": "reader_studies",
}

_NOUNS: dict[str, str] = {
    "algorithms/": "algorithm",
    "algorithms/endpoints/": "algorithm endpoint",
    "algorithms/images/": "algorithm image",
    "algorithms/invocations/": "algorithm invocation",
    "algorithms/jobs/": "algorithm job",
    "archives/": "archive",
    "archives/items/": "archive item",
    "cases/images/": "image",
    "cases/upload-sessions/": "upload session",
    "components/interfaces/": "socket",
    "reader-studies/": "reader study",
    "reader-studies/answers/": "answer",
    "reader-studies/display-sets/": "display set",
    "reader-studies/questions/": "question",
    "uploads/": "upload",
}


def _normal(collection: str) -> str:
    return collection.strip("/") + "/"


def noun_of(collection: str) -> str:
    """``"archive item"`` for ``"archives/items/"``."""
    collection = _normal(collection)
    return _NOUNS.get(collection, collection.strip("/").rsplit("/", 1)[-1])


def _article(noun: str) -> str:
    return f"an {noun}" if noun[:1].lower() in ("a", "e", "i", "o", "u") else f"a {noun}"


def reference_forms(collection: str) -> str:
    """How a reference to an object of ``collection`` may be given, for messages."""
    collection = _normal(collection)
    noun = noun_of(collection)
    slug = ", its slug" if collection in SLUGGED else ""
    return f"{_article(noun)} (the object), its pk (a UUID){slug} or its api_url"


class AsyncAPIResource:
    """Shared plumbing of ``client.<resource>`` objects."""

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def _call(
        self, fn: Callable[..., Awaitable[DetailedResponse[T]]], /, *args: Any, **kwargs: Any
    ) -> T:
        return await call(self._client, fn, *args, **kwargs)

    def _paginate(
        self, fetcher: AsyncPageFetcher[T], *, page_size: int | None, what: str
    ) -> AsyncPaginator[T]:
        size = self._client.page_size if page_size is None else page_size
        hint = None if self._client.has_token else f"Check the spelling; also, {no_token_hint()}"
        return AsyncPaginator(fetcher, page_size=size, what=what, not_found_hint=hint)

    def _lookup(self, call_name: str, collection: str, **given: object) -> uuid.UUID | str:
        """Check a ``get(pk, *, slug=, api_url=)`` call before any request.

        Returns the pk, or a slug (given as ``slug=`` or, for slugged collections,
        positionally) to look up.
        """
        collection = _normal(collection)
        slugged = collection in SLUGGED
        try:
            kind, value = one_of(call_name, **given)
        except InvalidReferenceError as exc:
            if any(v is not None for v in given.values()):
                raise
            positional = "its pk (a UUID) or slug" if slugged else "its pk (a UUID)"
            slug = ", slug=..." if "slug" in given else ""
            raise InvalidReferenceError(
                f"{exc}. Pass {positional} positionally{slug} or api_url='.../api/v1/"
                f"{collection}<pk>/'. An api_url read from another object is None when that "
                f"object has none (e.g. a socket value's .image is None unless it holds an image)."
            ) from None
        if kind == "slug":
            if not isinstance(value, str) or not value.strip():
                raise InvalidReferenceError(
                    f"{call_name}: slug= must be a non-empty string, got {value!r}"
                )
            check_slug(f"{call_name}: slug=", value.strip(), hint=_slug_hint(value.strip()))
            return value.strip()
        if kind == "api_url" and not (isinstance(value, str) and "/" in value):
            hint = " or slug=..." if slugged else ""
            raise InvalidReferenceError(
                f"{call_name}: api_url={value!r} is not an API URL (like "
                f"'https://grand-challenge.org/api/v1/{collection}<pk>/'); pass a pk (a UUID) "
                f"positionally{hint} instead"
            )
        return parse_ref(value, collection, what=call_name)

    async def _one_by_slug(self, listing: AsyncPaginator[T], collection: str, slug: str) -> T:
        """The only object of ``listing`` (filtered by ``slug``), with a helpful not-found error."""
        try:
            found = await listing.get_one()
        except ObjectNotFoundError as exc:
            if isinstance(exc, APIError):
                raise
            raise ObjectNotFoundError(
                slug_not_found(noun_of(collection), slug, has_token=self._client.has_token)
            ) from None
        pk = getattr(found, "pk", None)
        if isinstance(pk, uuid.UUID):
            remember_slug(self._client, collection, slug, pk)
        return found

    def _lazy(self, ref: object | None, collection: str, *, what: str) -> AsyncLazyRef:
        return AsyncLazyRef(self._client, ref, collection, what=what)

    def _lazies(self, refs: object | None, collection: str, *, what: str) -> AsyncLazyRefs:
        return AsyncLazyRefs(self._client, refs, collection, what=what)


def describe(noun: str, **filters: object) -> str:
    """``"archive with slug='x'"`` for messages."""
    given = ", ".join(f"{k}={v!r}" for k, v in filters.items() if v is not None)
    return f"{noun} with {given}" if given else noun


def slug_not_found(noun: str, slug: str, *, has_token: bool) -> str:
    """The message for a slug look-up that found nothing, with cheap guesses at the cause.

    Example:
        >>> slug_not_found("archive", "coronacases.org", has_token=True)
        "No archive with slug='coronacases.org' is visible to you. 'coronacases.org' looks like a title, not a slug: the slug may be 'coronacasesorg'. Check the spelling, and that your account has access: private objects are hidden, not refused."
    """
    parts = [f"No {noun} with slug={slug!r} is visible to you."]
    guess = slugify(slug)
    if guess and guess != slug:
        if guess == slug.lower():
            parts.append(f"Slugs are lower-case: the slug may be {guess!r}.")
        else:
            parts.append(f"{slug!r} looks like a title, not a slug: the slug may be {guess!r}.")
    if has_token:
        parts.append(
            "Check the spelling, and that your account has access: private objects are "
            "hidden, not refused."
        )
    else:
        parts.append(f"Check the spelling; also, {no_token_hint()}")
    return " ".join(parts)


class HasPk(Protocol):
    @property
    def pk(self) -> uuid.UUID: ...


class HasSlug(Protocol):
    @property
    def slug(self) -> str: ...


#: A reference to an object: the object itself, its pk (UUID or str) or its ``api_url``; for
#: archives, algorithms and reader studies also its slug.
Ref = HasPk | uuid.UUID | str


def _pk_of_url(url: str, collection: str, *, what: str) -> uuid.UUID:
    try:
        return to_uuid(pk_from_api_url(url, collection))
    except InvalidReferenceError:
        noun = noun_of(collection)
        raise InvalidReferenceError(
            f"{what} got {url!r}, which is not the api_url of {_article(noun)} (like "
            f"'https://grand-challenge.org/api/v1/{collection}<uuid>/'); pass "
            f"{reference_forms(collection)}"
        ) from None


def _slug_hint(text: str) -> str:
    guess = slugify(text)
    if guess and guess != text:
        return f". {text[:80]!r} looks like a title, not a slug: the slug may be {guess!r}"
    return ""


def parse_ref(ref: object, collection: str, *, what: str, titles: bool = False) -> uuid.UUID | str:
    """Check a reference without a request: its pk, or (slugged collections) the slug to look up.

    ``what`` names the argument in messages, e.g. ``"archive_items.list(archive=...)"``. A slug
    must match the server's pattern (letters, digits, ``-``, ``_``); with ``titles`` a title
    (printable, at most 255 characters) is returned too, for callers that look titles up.

    Example:
        >>> parse_ref("coronacasesorg", "archives/", what="archive")
        'coronacasesorg'
    """
    collection = _normal(collection)
    noun = noun_of(collection)
    if isinstance(ref, uuid.UUID):
        return ref
    if isinstance(ref, str):
        text = ref.strip()
        if "/" in text:
            return _pk_of_url(text, collection, what=what)
        try:
            return uuid.UUID(text)
        except ValueError:
            pass
        if collection in SLUGGED and text:
            if not (titles and len(text) <= MAX_SLUG_LENGTH and text.isprintable()):
                check_slug(what, text, hint=_slug_hint(text))
            return text
        raise InvalidReferenceError(
            f"{what} got {ref!r}, which is not a UUID or an api_url ({noun}s have no slug); "
            f"pass {reference_forms(collection)}"
        )
    api_url = getattr(ref, "api_url", None)
    pk = getattr(ref, "pk", None)
    if isinstance(api_url, str) and api_url:
        try:
            return to_uuid(pk_from_api_url(api_url, collection))
        except InvalidReferenceError:
            raise InvalidReferenceError(
                f"{what} got {_article(type(ref).__name__)} ({api_url}), not {_article(noun)}; "
                f"pass {reference_forms(collection)}"
            ) from None
    if isinstance(pk, uuid.UUID):
        return pk
    if isinstance(pk, str):
        return to_uuid(pk, what=f"{what}: the pk of {type(ref).__name__}")
    shown = f"{type(ref).__name__} {ref!r}"
    raise InvalidReferenceError(f"{what} got {shown[:200]}; pass {reference_forms(collection)}")


def ref_pk(ref: object, collection: str, *, what: str | None = None) -> uuid.UUID:
    """The pk of ``ref`` (an object with ``.pk``, a UUID, a pk string or an ``api_url``).

    A slug cannot be turned into a pk without a request: use :func:`resolve_pk` for those.
    """
    what = what or f"a reference to {_article(noun_of(collection))}"
    parsed = parse_ref(ref, collection, what=what)
    if isinstance(parsed, str):
        raise InvalidReferenceError(
            f"{what} got the slug {parsed!r}, but needs its pk here: pass "
            f"{_article(noun_of(collection))} (the object), its pk (a UUID) or its api_url"
        )
    return parsed


def remember_slug(client: AsyncClient, collection: str, slug: str, pk: uuid.UUID) -> None:
    """Cache ``slug`` → ``pk`` on the client (slugs and pks of an object do not change)."""
    client._slug_pks[(_normal(collection), slug)] = pk


async def pk_of_slug(client: AsyncClient, collection: str, slug: str) -> uuid.UUID:
    """The pk of the object with ``slug`` (one list request, then cached per client)."""
    collection = _normal(collection)
    cached = client._slug_pks.get((collection, slug))
    if cached is not None:
        return cached
    resource = getattr(client, SLUGGED[collection])
    found = await resource.get(slug=slug)
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
    collection = _normal(collection)
    if isinstance(ref, str) and "/" in ref:
        parse_ref(ref, collection, what=what)  # it must point at the right collection
        return ref.strip()
    api_url = getattr(ref, "api_url", None)
    if isinstance(api_url, str) and api_url:
        parse_ref(ref, collection, what=what)
        return api_url
    pk = await resolve_pk(client, ref, collection, what=what)
    return f"{client.base_url}{collection}{pk}/"


def _own_slug(obj: object, collection: str) -> str | None:
    slug = getattr(obj, "slug", None)
    if isinstance(slug, str) and slug:
        return slug
    url = getattr(obj, "url", None)  # an Archive has no slug field; its web url ends in it
    if isinstance(url, str):
        return slug_from_url(url, collection.strip("/").split("/")[0])
    return None


async def resolve_slug(client: AsyncClient, ref: object, collection: str, *, what: str) -> str:
    """The slug of ``ref`` (fields such as ``archive`` of an upload session take a slug).

    A slug is used as given; an object brings its own; a pk or ``api_url`` costs one request.
    """
    collection = _normal(collection)
    parsed = parse_ref(ref, collection, what=what)
    if isinstance(parsed, str):
        return parsed
    own = None if isinstance(ref, (str, uuid.UUID)) else _own_slug(ref, collection)
    if own is not None:
        return own
    found = await getattr(client, SLUGGED[collection]).get(parsed)
    own = _own_slug(found, collection)
    if own is None:
        raise InvalidReferenceError(f"{what}: the server's {noun_of(collection)} has no slug")
    return own


class AsyncLazyRef:
    """A reference checked now and turned into a pk on first use (a slug costs one look-up).

    List filters use it: ``list()`` returns at once, the look-up happens with the first page.
    """

    def __init__(
        self, client: AsyncClient, ref: object | None, collection: str, *, what: str
    ) -> None:
        self._client = client
        self._collection = _normal(collection)
        self.label: uuid.UUID | str | None = (
            None if ref is None else parse_ref(ref, collection, what=what)
        )
        self._pk = self.label if isinstance(self.label, uuid.UUID) else None

    async def pk(self) -> uuid.UUID | None:
        """The pk (None if no reference was given)."""
        if self._pk is None and isinstance(self.label, str):
            self._pk = await pk_of_slug(self._client, self._collection, self.label)
        return self._pk


def as_sequence(refs: object) -> builtins.list[object]:
    """One reference or several: a string or an object is one, never iterated."""
    if isinstance(refs, (str, bytes, uuid.UUID)) or hasattr(refs, "pk"):
        return [refs]
    if isinstance(refs, Iterable):
        return builtins.list(refs)
    return [refs]


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
                f"{what} got no references, which would list every object; pass at least one, "
                "or None for no filter"
            )
        self.label = None if self._refs is None else [r.label for r in self._refs]

    async def pks(self) -> builtins.list[uuid.UUID] | None:
        if self._refs is None:
            return None
        return [pk for r in self._refs if (pk := await r.pk()) is not None]
