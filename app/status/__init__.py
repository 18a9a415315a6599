"""app.status."""
