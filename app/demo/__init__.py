"""app.demo.builder."""
