"""Exports: the 自评报告 (PDF, DOCX), the evidence bundle, the workbook, the folder archive; bundled fonts."""
