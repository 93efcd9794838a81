"""``python -m graph``: the ``ofsted-kg`` command, for environments without the console script."""

from graph.cli import entry

entry(prog_name="ofsted-kg")
