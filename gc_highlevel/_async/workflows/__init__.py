"""The workflows: each class subclasses its resource and is what the client exposes
(``client.algorithms.run`` ..., ``client.jobs``); see each module."""
