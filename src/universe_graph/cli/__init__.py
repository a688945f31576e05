"""The `universe-graph` command line: thin click commands over library functions.

The root group (`main.Root`) imports each command's module when that command is used, so starting
the program and `--help` stay fast; importing this package registers no commands by itself.
"""

from .main import cli, main

__all__ = ["cli", "main"]
