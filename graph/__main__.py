"""``python -m graph``: the ``ofsted-kg`` command, for environments without the console script."""

from graph.cli import entry

if __name__ == "__main__":  # (not when a new process of a build's imports this module as its main one)
    entry(prog_name="ofsted-kg")
