"""Integrity: ``verify`` (database, store, freezes) and freezes of what the county submitted."""
