"""app.assessment.levels."""
