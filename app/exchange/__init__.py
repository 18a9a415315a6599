"""app.exchange.legacy."""
