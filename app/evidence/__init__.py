"""app.evidence.attach."""
