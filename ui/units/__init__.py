"""The county's units: list, rename, aliases, collective members, import from a spreadsheet."""
