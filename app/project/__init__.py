"""The project folder: database, evidence store, writer lock, audit log, creation and opening."""
