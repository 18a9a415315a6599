"""app.project.folder."""
