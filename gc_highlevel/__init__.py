"""gc_highlevel: the hand-written, typed client for grand-challenge.org.

The typed low-level bindings live in the generated package ``gc_api``; this package is the
layer users import.
"""

__version__ = "0.1.0"
