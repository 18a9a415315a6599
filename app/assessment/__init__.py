"""Assessment: levels, marks (veto, bonus), the scoring scheme in use, reviews, info records."""
