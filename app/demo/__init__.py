"""The demo county (陵川县): a realistic project with generated evidence for a first look."""
