"""The office's own text of the 自评报告: narrative sections and 自评说明 per indicator.

``store``: read, save (a history, audit-logged) and validate keys; ``drafting``: store the draft made
from the data for the sections still empty; ``textfile``: the text as DOCX or Markdown for Word/WPS and back.
"""
