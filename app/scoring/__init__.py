"""Scoring (pure): the scheme as data, the score with veto and bonus rules, explanations."""
