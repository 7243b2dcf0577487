"""The async implementation; ``gc_highlevel/_sync`` is generated from it by ``scripts/make_sync.py``."""
