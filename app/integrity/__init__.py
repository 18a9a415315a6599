"""app.integrity."""
