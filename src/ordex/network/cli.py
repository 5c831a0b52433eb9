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


@peppol_app.command("report")
def report(
    month: Annotated[str, typer.Option("--month", help="The month to report, YYYY-MM")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the two reports")] = Path("."),
    database_url: Annotated[
        str | None,
        typer.Option("--database-url", envvar="ORDEX_DATABASE_URL", help="Database URL"),
    ] = None,
) -> None:
    """Write the month's Peppol Transaction Statistics Report (OUT/tsr-YYYY-MM.xml) and
    End User Statistics Report (OUT/eusr-YYYY-MM.xml), from what crossed the network."""
    import dataclasses

    from cryptography import x509
    from cryptography.x509.oid import NameOID

    from ordex.bootstrap import bootstrap
    from ordex.config import Settings
    from ordex.network.reporting import (
        Month,
        ReportRefused,
        end_user_statistics,
        transaction_statistics,
        transmission_of,
    )
    from ordex.storage.peppol_reporting import crossing_documents

    try:
        period = Month.parse(month)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    settings = Settings.from_env()
    if database_url:
        settings = dataclasses.replace(settings, database_url=database_url)
    if settings.peppol is None:
        typer.echo("error: ORDEX_PEPPOL_AP_CERT is not set: this hub is no access point", err=True)
        raise typer.Exit(2)
    certificate = x509.load_pem_x509_certificate(settings.peppol.ap_certificate.read_bytes())
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    reporter = str(names[0].value) if names else ""
    rt = bootstrap(settings)
    try:
        crossed = crossing_documents(rt.engine, period.start, period.end)
    finally:
        rt.engine.dispose()
    transmissions = [
        transmission_of(
            d.transaction, d.sender, d.receiver, d.incoming, d.content, d.other_access_point
        )
        for d in crossed
    ]
    try:
        reports = {
            "tsr": transaction_statistics(period, reporter, transmissions),
            "eusr": end_user_statistics(period, reporter, transmissions),
        }
    except ReportRefused as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    out.mkdir(parents=True, exist_ok=True)
    for name, body in reports.items():
        path = out / f"{name}-{period}.xml"
        path.write_bytes(body)
        typer.echo(str(path))
    typer.echo(f"{len(transmissions)} transmission(s) in {period}")
