"""References to objects of the API, checked without a request (flavour-free).

A reference is what a caller passes for an object: the object itself, its pk (a UUID or its
string), its ``api_url`` or, for collections whose objects have one, its slug. Which kind of
object a reference must point at is a :class:`Kind`, declared by the resource that serves the
collection (``noun``, ``collection``, ``slugged`` class attributes of
:class:`gc_highlevel._async._resource.AsyncAPIResource`); turning a slug or a pk into what a
request needs (one look-up) is ``_async/_references.py``.

Here: :func:`parse` (a pk, or a slug to look up), :func:`pk_of` (a pk, no slugs),
:func:`check_get` (the arguments of ``get(pk, *, slug=, api_url=)``), the pieces of URLs
(:func:`pk_from_api_url`, :func:`slug_from_url`), UUIDs (:func:`to_uuid`), Django's
:func:`slugify`, the exactly-one-of argument check (:func:`one_of`) and the messages
(:func:`describe`, :func:`slug_not_found`). Every error is an :class:`InvalidReferenceError`.
"""

from __future__ import annotations

import builtins
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from gc_highlevel._exceptions import InvalidReferenceError, no_token_hint
from gc_highlevel._validate import MAX_SLUG_LENGTH, check_slug


class HasPk(Protocol):
    @property
    def pk(self) -> uuid.UUID: ...


class HasSlug(Protocol):
    @property
    def slug(self) -> str: ...


#: A reference to an object: the object itself, its pk (UUID or str) or its ``api_url``; for
#: archives, algorithms and reader studies also its slug.
Ref = HasPk | uuid.UUID | str


def normal(collection: str) -> str:
    """``"archives/items/"`` for ``"/archives/items"``."""
    return collection.strip("/") + "/"


def _article(noun: str) -> str:
    return f"an {noun}" if noun[:1].lower() in ("a", "e", "i", "o", "u") else f"a {noun}"


@dataclass(frozen=True)
class Kind:
    """The objects of one collection: where they live, what they are called, if slugs name them.

    Example:
        >>> Kind("archives/items/", "archive item").forms
        'an archive item (the object), its pk (a UUID) or its api_url'
    """

    #: The path under ``/api/v1/``, e.g. ``"archives/items/"``.
    collection: str
    #: What one object is called in messages, e.g. ``"archive item"``.
    noun: str
    #: Whether a reference may be the object's slug (looked up with one request).
    slugged: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "collection", normal(self.collection))

    @classmethod
    def unknown(cls, collection: str) -> Kind:
        """A collection no resource declares: the noun is its last path segment."""
        return cls(collection, normal(collection).strip("/").rsplit("/", 1)[-1])

    @property
    def a_noun(self) -> str:
        """``"an archive item"``."""
        return _article(self.noun)

    @property
    def forms(self) -> str:
        """How a reference to one may be given, for messages."""
        slug = ", its slug" if self.slugged else ""
        return f"{self.a_noun} (the object), its pk (a UUID){slug} or its api_url"


# -- pieces of URLs, UUIDs and slugs ---------------------------------------------------------


def to_uuid(value: str | uuid.UUID, *, what: str = "pk") -> uuid.UUID:
    """Accept a UUID or its string form; a clear :class:`InvalidReferenceError` otherwise."""
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, str):
        try:
            return uuid.UUID(value.strip())
        except ValueError:
            pass
        raise InvalidReferenceError(
            f"{what} must be a UUID (like '1c4c57e6-8c1b-4f38-9c4c-0c4f2d5a7d21'), got {value!r}"
        )
    raise InvalidReferenceError(
        f"{what} must be a UUID or its string, got {type(value).__name__} {value!r}"
    )


def pk_from_api_url(api_url: str, collection: str) -> str:
    """The last path segment of an ``api_url`` under ``collection`` (e.g. ``archives/items/``).

    Only the path is used (like the server does for hyperlinks), so an ``api_url`` built
    with another host name still works, and nothing is ever sent to that host.

    Example:
        >>> pk_from_api_url("https://grand-challenge.org/api/v1/archives/ab12/", "archives/")
        'ab12'
    """
    prefix = f"/api/v1/{normal(collection)}"
    try:
        path = httpx.URL(api_url).path
    except (httpx.InvalidURL, TypeError):
        path = ""
    if prefix not in path:
        raise InvalidReferenceError(
            f"{api_url!r} is not an API URL under {prefix!r} "
            f"(expected something like 'https://grand-challenge.org{prefix}<pk>/')"
        )
    rest = path.split(prefix, 1)[1].strip("/")
    if not rest or "/" in rest:
        raise InvalidReferenceError(
            f"{api_url!r} is not the URL of one object under {prefix!r} "
            f"(expected something like 'https://grand-challenge.org{prefix}<pk>/')"
        )
    return rest


def slug_from_url(url: str, section: str) -> str | None:
    """The slug in a web ``url`` such as ``https://grand-challenge.org/archives/<slug>/``.

    Example:
        >>> slug_from_url("https://grand-challenge.org/archives/coronacasesorg/", "archives")
        'coronacasesorg'
    """
    try:
        parts = [p for p in httpx.URL(url).path.split("/") if p]
    except (httpx.InvalidURL, TypeError):
        return None
    if section in parts:
        i = parts.index(section)
        if i + 1 < len(parts):
            return parts[i + 1]
    return None


_NOT_SLUG = re.compile(r"[^\w\s-]")
_DASHES = re.compile(r"[-\s]+")


def slugify(value: str) -> str:
    """What grand-challenge (Django's ``slugify``) makes of a title.

    Example:
        >>> slugify("coronacases.org"), slugify("CO-RADS Score exam")
        ('coronacasesorg', 'co-rads-score-exam')
    """
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    text = _NOT_SLUG.sub("", text.lower())
    return _DASHES.sub("-", text).strip("-_")


def slug_hint(text: str) -> str:
    """``". 'X Y' looks like a title, not a slug: ..."`` when ``text`` is not its own slug."""
    guess = slugify(text)
    if guess and guess != text:
        return f". {text[:80]!r} looks like a title, not a slug: the slug may be {guess!r}"
    return ""


def one_of(_call: str = "", /, **kwargs: object) -> tuple[str, Any]:
    """Exactly one keyword must be given (not None); returns its name and value.

    ``_call`` (e.g. ``"images.get()"``) names the caller in the error message.
    """
    given = [(k, v) for k, v in kwargs.items() if v is not None]
    if len(given) == 1:
        return given[0]
    where = f"{_call} " if _call else ""
    if not given:
        names = " or ".join(f"{k}=" for k in kwargs)
        raise InvalidReferenceError(f"{where}needs one of {names}, and all of them are None")
    names = " and ".join(f"{k}=" for k, _ in given)
    raise InvalidReferenceError(f"{where}got {names}; pass only one of them")


# -- references ------------------------------------------------------------------------------


def _pk_of_url(url: str, kind: Kind, *, what: str) -> uuid.UUID:
    try:
        return to_uuid(pk_from_api_url(url, kind.collection))
    except InvalidReferenceError:
        raise InvalidReferenceError(
            f"{what} got {url!r}, which is not the api_url of {kind.a_noun} (like "
            f"'https://grand-challenge.org/api/v1/{kind.collection}<uuid>/'); pass {kind.forms}"
        ) from None


def parse(ref: object, kind: Kind, *, what: str, titles: bool = False) -> uuid.UUID | str:
    """Check a reference without a request: its pk, or (slugged kinds) the slug to look up.

    ``what`` names the argument in messages, e.g. ``"archive_items.list(archive=...)"``. A slug
    must match the server's pattern (letters, digits, ``-``, ``_``); with ``titles`` a title
    (printable, at most 255 characters) is returned too, for callers that look titles up.

    Example:
        >>> parse("coronacasesorg", Kind("archives/", "archive", slugged=True), what="archive")
        'coronacasesorg'
    """
    if isinstance(ref, uuid.UUID):
        return ref
    if isinstance(ref, str):
        text = ref.strip()
        if "/" in text:
            return _pk_of_url(text, kind, what=what)
        try:
            return uuid.UUID(text)
        except ValueError:
            pass
        if kind.slugged and text:
            if not (titles and len(text) <= MAX_SLUG_LENGTH and text.isprintable()):
                check_slug(what, text, hint=slug_hint(text))
            return text
        raise InvalidReferenceError(
            f"{what} got {ref!r}, which is not a UUID or an api_url ({kind.noun}s have no slug); "
            f"pass {kind.forms}"
        )
    api_url = getattr(ref, "api_url", None)
    pk = getattr(ref, "pk", None)
    if isinstance(api_url, str) and api_url:
        try:
            return to_uuid(pk_from_api_url(api_url, kind.collection))
        except InvalidReferenceError:
            raise InvalidReferenceError(
                f"{what} got {_article(type(ref).__name__)} ({api_url}), not {kind.a_noun}; "
                f"pass {kind.forms}"
            ) from None
    if isinstance(pk, uuid.UUID):
        return pk
    if isinstance(pk, str):
        return to_uuid(pk, what=f"{what}: the pk of {type(ref).__name__}")
    shown = f"{type(ref).__name__} {ref!r}"
    raise InvalidReferenceError(f"{what} got {shown[:200]}; pass {kind.forms}")


def pk_of(ref: object, kind: Kind, *, what: str | None = None) -> uuid.UUID:
    """The pk of ``ref`` (an object with ``.pk``, a UUID, a pk string or an ``api_url``).

    A slug cannot be turned into a pk without a request (``_async/_references.resolve_pk``).
    """
    what = what or f"a reference to {kind.a_noun}"
    parsed = parse(ref, kind, what=what)
    if isinstance(parsed, str):
        raise InvalidReferenceError(
            f"{what} got the slug {parsed!r}, but needs its pk here: pass "
            f"{kind.a_noun} (the object), its pk (a UUID) or its api_url"
        )
    return parsed


def check_get(call_name: str, kind: Kind, **given: object) -> uuid.UUID | str:
    """Check a ``get(pk, *, slug=, api_url=)`` call before any request.

    Returns the pk, or a slug (given as ``slug=`` or, for slugged kinds, positionally) to
    look up.
    """
    collection = kind.collection
    try:
        name, value = one_of(call_name, **given)
    except InvalidReferenceError as exc:
        if any(v is not None for v in given.values()):
            raise
        positional = "its pk (a UUID) or slug" if kind.slugged else "its pk (a UUID)"
        slug = ", slug=..." if "slug" in given else ""
        raise InvalidReferenceError(
            f"{exc}. Pass {positional} positionally{slug} or api_url='.../api/v1/"
            f"{collection}<pk>/'. An api_url read from another object is None when that "
            f"object has none (e.g. a socket value's .image is None unless it holds an image)."
        ) from None
    if name == "slug":
        if not isinstance(value, str) or not value.strip():
            raise InvalidReferenceError(
                f"{call_name}: slug= must be a non-empty string, got {value!r}"
            )
        check_slug(f"{call_name}: slug=", value.strip(), hint=slug_hint(value.strip()))
        return value.strip()
    if name == "api_url" and not (isinstance(value, str) and "/" in value):
        hint = " or slug=..." if kind.slugged else ""
        raise InvalidReferenceError(
            f"{call_name}: api_url={value!r} is not an API URL (like "
            f"'https://grand-challenge.org/api/v1/{collection}<pk>/'); pass a pk (a UUID) "
            f"positionally{hint} instead"
        )
    return parse(value, kind, what=call_name)


def own_slug(obj: object, kind: Kind) -> str | None:
    """The slug an object brings (an ``Archive`` has no slug field; its web url ends in it)."""
    slug = getattr(obj, "slug", None)
    if isinstance(slug, str) and slug:
        return slug
    url = getattr(obj, "url", None)
    if isinstance(url, str):
        return slug_from_url(url, kind.collection.strip("/").split("/")[0])
    return None


def as_sequence(refs: object) -> builtins.list[object]:
    """One reference or several: a string or an object is one, never iterated."""
    if isinstance(refs, (str, bytes, uuid.UUID)) or hasattr(refs, "pk"):
        return [refs]
    if isinstance(refs, Iterable):
        return builtins.list(refs)
    return [refs]


# -- messages --------------------------------------------------------------------------------


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
