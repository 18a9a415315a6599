"""Entry point of the frozen (PyInstaller) program: the same ``fazhi`` command line and window."""

import sys

from app.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
