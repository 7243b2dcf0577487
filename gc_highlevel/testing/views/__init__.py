"""API views, one module per resource area; importing this package registers the routes."""

from . import (  # noqa: F401
    algorithms,
    archives,
    cases,
    challenges,
    endpoints,
    media,
    misc,
    notifications,
    readerstudies,
    uploads,
)
