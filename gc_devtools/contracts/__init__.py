"""Contract checks: every exchange the client was recorded making, checked against a schema.

Cassettes (``tests/contract/cassettes/<workflow>.json``) hold what the end-to-end tests sent
and received, per workflow: operation id, method, path, query, request body, status and
response body; sanitised (no token, no presigned signatures, stable ids).

``python scripts/contracts.py`` checks them against the patched vendored schema;
``--schema PATH_OR_URL`` applies our patches to a new schema and checks them against that
instead (``generated/`` is not touched), printing the API change report and, for each breaking
change, the recorded workflows it touches.

Each recorded request and response is validated with openapi-core against the schema made
strict (an object may not carry fields the schema does not declare). Against the vendored
schema, the generated models must also parse every recorded response and serialise every
recorded request body back unchanged.

Breaking or drift: a field a recorded response carries that the schema no longer declares
breaks the contract only if the client reads it; one it never reads is drift, listed
("drift: field X no longer sent, not read by the client: <where>") but not breaking, and the
change report marks its removal "(drift: not read by the client)" instead of BREAKING.
Which fields the client reads is derived from its source (:func:`client_reads`): mypy's type
inference over ``gc_highlevel``, every ``x.field`` / ``getattr(x, "field")`` on a value typed
as a generated model being a read of that model's field. Static rather than recorded at run
time: the client is type-checked strictly, so this sees every code path (the CLI, error
handling, what no recorded workflow reaches), and it is computed from the code being checked,
so it cannot go stale. When in doubt a field counts as read (untyped values, ``to_dict()``,
``Target.from_dict(x.to_dict())``, a failed analysis).

When a patch no longer applies to the new schema there is no patched schema to check
against; the raw change report (vendored -> new) then decides: a breaking change to an
operation or component a recorded exchange uses breaks its workflow (exit 1, the stale patch
is a note), otherwise the stale patch is the problem (exit 2, naming it).

Exit codes: 0 nothing recorded breaks (drift at most); 1 something does; 2 bad input
(unreadable schema, a patch that no longer applies while no recorded workflow breaks, with the
patch named; no cassettes).

Fidelity loop: ``--api-url API_URL --out DIR`` (alias ``--record-from``) runs the same
recorded workflows against any grand-challenge instance (token from
``GRAND_CHALLENGE_AUTHORIZATION``) and compares the requests made and the response shapes
with the committed cassettes. Every workflow runs whatever happens to the others; one that
fails is named with its error in one line, the rest are compared, and the exit status is 1
if anything failed or differs. Maps (objects the schema types by ``additionalProperties``
alone, or keyed by ids: the ground truth, ``descriptions_map_safe``) are compared by the
shape of their values, not by their keys, which differ from server to server.

Example::

    python scripts/contracts.py                       # the committed contract
    python scripts/contracts.py --schema https://grand-challenge.org/api/schema/?format=json
    GRAND_CHALLENGE_AUTHORIZATION=... python scripts/contracts.py \\
        --api-url https://grand-challenge.org/api/v1/ --out /tmp/real-cassettes

Modules, one concern each:

- :mod:`~gc_devtools.contracts.cassettes`: the cassette format (an exchange, a workflow's
  cassette, loading them);
- :mod:`~gc_devtools.contracts.recording`: recording a workflow's traffic into a cassette
  (sanitising, ordering concurrent requests);
- :mod:`~gc_devtools.contracts.schema`: the schema side (operation look-up, ``$ref`` resolution,
  the strict and annotated copies validation runs on);
- :mod:`~gc_devtools.contracts.client_reads`: which generated-model fields the client reads;
- :mod:`~gc_devtools.contracts.checker`: validating recorded exchanges against a schema;
- :mod:`~gc_devtools.contracts.impact`: what an API change means for the recorded workflows
  (workflows touched, stale patches, drift in the change report);
- :mod:`~gc_devtools.contracts.shapes`: comparing two recordings by response shape;
- :mod:`~gc_devtools.contracts.fidelity`: recording the workflows against another instance;
- :mod:`~gc_devtools.contracts.cli`: ``scripts/contracts.py``'s command line and report.
"""
