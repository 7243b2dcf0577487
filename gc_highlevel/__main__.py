"""``python -m gc_highlevel``: the ``gc-client`` command line (see :mod:`gc_highlevel.cli`)."""

from gc_highlevel.cli import run

run()
