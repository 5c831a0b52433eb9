"""``python -m ordex`` is the ``ordex`` command."""

from ordex.cli import app

app(prog_name="ordex")
