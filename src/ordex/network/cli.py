"""``ordex peppol ...``: the access point's commands (mounted by ``ordex.cli``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

peppol_app = typer.Typer(help="Connect this hub to the Peppol network.", no_args_is_help=True)


@peppol_app.command("dev-pki")
def dev_pki(
    directory: Annotated[Path, typer.Argument(help="Where to write the PEM files")],
    ap: Annotated[
        list[str],
        typer.Option(
            "--ap", help="Seat ID of an access point (repeat for several), e.g. POP000001"
        ),
    ],
) -> None:
    """Write a throwaway test PKI (root CA → AP CA → one certificate and key per --ap):
    DIR/trust.pem for ORDEX_PEPPOL_TRUST, DIR/NAME.pem and DIR/NAME.key for
    ORDEX_PEPPOL_AP_CERT and ORDEX_PEPPOL_AP_KEY. For tests and trials only."""
    from ordex.network.pki import write_dev_pki

    try:
        written = write_dev_pki(directory, ap)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    for path in written:
        typer.echo(str(path))
