"""Exports from an open project: report, bundle, workbook, folder archive (one entry for CLI and window)."""
