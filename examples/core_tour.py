"""A typed tour of the gc_highlevel core: look-ups, pagination, writes, errors.

Run it against the local grand-challenge (or any grand-challenge you have a token for)::

    python -m gc_highlevel.testing serve --port 8000 &   # prints its api_url and tokens
    export GRAND_CHALLENGE_API_URL=http://127.0.0.1:8000/api/v1/
    export GRAND_CHALLENGE_AUTHORIZATION=<the demo token>
    python examples/core_tour.py

``mypy --strict`` checks this file (it is in ``[tool.mypy] files``), so it doubles as a test
that the public API is typed end to end.
"""

from __future__ import annotations

import asyncio
import logging

import gc_highlevel
from gc_highlevel.types import Archive, ArchiveItem, Job, ReaderStudy, socket_value, title_of


def summarise_archive(client: gc_highlevel.Client, slug: str) -> list[ArchiveItem]:
    """Every item of an archive, fetched 1000 at a time with the next page prefetched."""
    archive: Archive = client.archives.get(slug)  # a slug, a pk or an api_url
    listing = client.archive_items.list(archive=archive)  # or archive=slug (looked up once)
    print(f"{archive.title}: {listing.count()} items")
    items = listing.to_list()
    for item in items[:3]:
        sockets = ", ".join(v.interface.slug or "?" for v in item.values)
        print(f"  {item.pk}: {sockets}")
    return items


def add_case(client: gc_highlevel.Client, slug: str) -> None:
    """Create an item and set a value; show how the server's field errors come back."""
    archive = client.archives.get(slug=slug)
    item = client.archive_items.create(archive=archive, title="example case")
    client.archive_items.partial_update(item.pk, values=[socket_value("age", value=63)])
    try:
        client.archive_items.partial_update(item.pk, values=[socket_value("age", value="old")])
    except gc_highlevel.BadRequestError as exc:
        print("rejected:", exc.field_errors)


def recent_jobs(client: gc_highlevel.Client, algorithm_slug: str) -> list[Job]:
    algorithm = client.algorithms.get(slug=algorithm_slug)
    return [job for job in client.algorithm_jobs.list(algorithm=algorithm)]


def escape_hatches(client: gc_highlevel.Client) -> None:
    """Anything not wrapped: generated endpoints through ``client.raw`` (same auth, retries
    and typed errors), any list endpoint through ``client.paginate``, any path through
    ``client.request``."""
    from gc_api.api.gcapi import gcapi_retrieve
    from gc_api.api.workstations import workstations_list

    versions = gcapi_retrieve.sync_detailed(client=client.raw).parsed
    if versions is not None:
        print("server supports gcapi", versions.lowest_supported_version, "and newer")
    n = sum(1 for _ in client.paginate(workstations_list.sync_detailed, client=client.raw))
    print(n, "workstations")
    print(client.request("GET", "gcapi/").json())


async def reader_study_overview(slug: str) -> None:
    """The async twin: same calls, awaited; lists work with ``async for``."""
    async with gc_highlevel.AsyncClient(max_retries=3) as client:
        study: ReaderStudy = await client.reader_studies.get(slug=slug)
        async for display_set in client.display_sets.list(reader_study=study):
            print(f"  {display_set.order:>4} {title_of(display_set)}")
        mine = await client.answers.mine(reader_study=study).to_list()
        print(f"{title_of(study)}: {len(mine)} answers of mine")


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    with gc_highlevel.Client() as client:
        try:
            me = client.users.me()
            print("signed in as", me.user.username)
        except gc_highlevel.AuthenticationError as exc:
            print(exc)  # says how to provide a token
            return
        summarise_archive(client, "coronacasesorg")
        add_case(client, "coronacasesorg")
        print(len(recent_jobs(client, "pulmonary-lobe-segmentation")), "jobs")
        try:
            client.archives.get(slug="no-such-archive")
        except gc_highlevel.ObjectNotFoundError as exc:
            print(exc)
        escape_hatches(client)
        patient = client.with_options(max_retries=5, timeout=300)
        print(patient)  # the token is never printed
    asyncio.run(reader_study_overview("corads-score-exam"))


if __name__ == "__main__":
    main()
