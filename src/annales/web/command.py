"""The ``annales serve`` command; the main CLI group registers it (``cli.add_command(serve)``)."""

from __future__ import annotations

import sys

import click

from annales.errors import AnnalesError
from annales.text import printable

__all__ = ["serve"]


@click.command("serve")
@click.option(
    "--db",
    default="annales.duckdb",
    show_default=True,
    help="DuckDB store file.",
    type=click.Path(),
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8765, show_default=True, type=int, help="TCP port.")
def serve(db: str, host: str, port: int) -> None:
    """Browse the store in a local web UI (events, dyads, network, documents) and JSON API."""
    try:
        from annales.web.app import serve as run
    except ModuleNotFoundError as err:  # the web extra is not installed
        click.echo(f"annales: error: {err}; install it with: pip install 'annales[web]'", err=True)
        sys.exit(2)
    try:
        run(db, host=host, port=port)
    except AnnalesError as err:
        click.echo(f"annales: error: {printable(err)}", err=True)
        sys.exit(2)
