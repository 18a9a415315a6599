"""app.scoring.compute."""
