"""``python -m app``: the same as the ``fazhi`` command."""

import sys

from app.cli.main import main

if __name__ == "__main__":  # a spawned child process must not re-run the command
    sys.exit(main())
