"""The base of the core: errors, progress and cancel, change sets, text and JSON safety, paths, the actor.

The only part of ``app`` that ``models``, ``indicator_catalog`` and ``exports`` may import."""
