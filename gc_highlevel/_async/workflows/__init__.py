"""The seed workflows, mixed into the resources (``client.algorithms.run`` ...) and
``client.jobs``; see each module."""
