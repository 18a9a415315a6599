"""app.base."""
