"""The ``fazhi`` command line: ``main`` in app.cli.main, one module per area of commands."""
