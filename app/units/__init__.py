"""app.units.registry."""
