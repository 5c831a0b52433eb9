"""The ``ordex`` command: serve, accounts, validate, diff, purge, db, peppol."""

from __future__ import annotations

import dataclasses
import json
import logging
import sys
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

import typer

from ordex.config import Settings
from ordex.network.cli import peppol_app

app = typer.Typer(
    help="ordex: a self-hostable order exchange.",
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help: no markup eats [schematron], no column cuts a name
    context_settings={"max_content_width": 100},
)
accounts_app = typer.Typer(
    help="Accounts, parties and API keys.", no_args_is_help=True, rich_markup_mode=None
)
db_app = typer.Typer(help="Database schema and data.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(accounts_app, name="accounts")
app.add_typer(db_app, name="db")
app.add_typer(peppol_app, name="peppol")

DatabaseUrl = Annotated[
    str | None,
    typer.Option("--database-url", envvar="ORDEX_DATABASE_URL", help="SQLAlchemy URL"),
]


def _settings(database_url: str | None) -> Settings:
    settings = Settings.from_env()
    if database_url:
        settings = dataclasses.replace(settings, database_url=database_url)
    return settings


@app.command()
def serve(
    database_url: DatabaseUrl = None,
    host: Annotated[str, typer.Option(envvar="ORDEX_HOST")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="ORDEX_PORT")] = 8000,
    demo: Annotated[bool, typer.Option(envvar="ORDEX_DEMO", help="Seed demo accounts")] = False,
    embedded_worker: Annotated[
        bool, typer.Option(envvar="ORDEX_EMBEDDED_WORKER", help="Deliver webhooks in-process")
    ] = True,
    workers: Annotated[
        int,
        typer.Option(
            envvar="ORDEX_SERVE_WORKERS", min=1, help="Server processes (PostgreSQL only if > 1)"
        ),
    ] = 1,
) -> None:
    """Start the HTTP server (migrates the database first)."""
    import os

    import uvicorn

    from ordex.bootstrap import bootstrap
    from ordex.demo import seed_demo
    from ordex.logs import configure_logging
    from ordex.serving import (
        EMBEDDED_WORKER,
        AnnouncingServer,
        served_app,
        shared_metrics,
        uvicorn_options,
    )

    settings = _settings(database_url)
    _delivery_lease(settings)  # (refused here, before anything starts)
    configure_logging(settings.log_format)
    say = _sayer(settings)
    rt = bootstrap(settings)
    if workers > 1 and rt.engine.dialect.name == "sqlite":
        typer.echo(
            "error: SQLite serves one process (--workers 1); for more processes move the hub "
            "to PostgreSQL (see README, Running on PostgreSQL).",
            err=True,
        )
        raise typer.Exit(2)
    for warning in _retention_warnings(settings):
        say(warning, logging.WARNING)
    if demo:
        keys = seed_demo(rt, settings.demo_keys_file)
        if keys:
            say(f"Demo accounts created (keys shown once, also in {settings.demo_keys_file}):")
            for role, info in keys.items():
                say(f"  {role:16} party {info['partyId']}  key {info['apiKey']}")
        else:
            say(f"Database not empty: demo keys are in {settings.demo_keys_file}")
    listening = f"ordex listening on http://{host}:{port}  (API docs: /docs)" + (
        f"  {workers} processes" if workers > 1 else ""
    )
    if workers == 1:
        config = uvicorn.Config(
            served_app(rt, embedded_worker),
            host=host,
            port=port,
            log_config=None,
            **uvicorn_options(settings),
        )
        server = AnnouncingServer(config, lambda: say(listening))
        server.run()
        if not server.started:  # the port was taken, say: uvicorn logged why
            raise typer.Exit(3)
        return
    rt.engine.dispose()
    # The worker processes build their own app from the environment.
    os.environ["ORDEX_DATABASE_URL"] = settings.database_url
    os.environ[EMBEDDED_WORKER] = "1" if embedded_worker else "0"
    with shared_metrics():
        from uvicorn.supervisors import Multiprocess

        config = uvicorn.Config(
            "ordex.serving:app_from_environment",
            factory=True,
            workers=workers,
            host=host,
            port=port,
            log_config=None,
            **uvicorn_options(settings),
        )
        socket = config.bind_socket()  # (exits when the port is taken)
        say(listening)
        Multiprocess(config, sockets=[socket]).run()


def _sayer(settings: Settings) -> Callable[..., None]:
    """What ``serve`` tells its operator: plain lines, or log records under
    ``ORDEX_LOG_FORMAT=json`` (so every line a log shipper reads is JSON)."""
    log = logging.getLogger("ordex.cli")

    def say(message: str, level: int = logging.INFO) -> None:
        if settings.log_format == "json":
            log.log(level, message.strip())
        elif level >= logging.WARNING:
            typer.echo(f"warning: {message}", err=True)
        else:
            typer.echo(message)

    return say


def _retention_warnings(settings: Settings) -> list[str]:
    """A retention of 0 days purges every received document's content at the next purge."""
    policy = settings.retention
    warnings = []
    for name, kept in (
        ("ORDEX_RETENTION_DAYS", policy.never_downloaded),
        ("ORDEX_RETENTION_AFTER_DOWNLOAD_DAYS", policy.after_download),
    ):
        if kept <= timedelta(0):
            warnings.append(
                f"{name}=0: the content of every received document is purged at the next "
                f"purge (at start, then every {settings.purge_interval_seconds:g} s), "
                "downloaded or not; download then answers 410. Is that what you want?"
            )
    return warnings


@app.command()
def worker(
    database_url: DatabaseUrl = None,
    interval: Annotated[float, typer.Option(help="Seconds to wait when nothing is due")] = 0.1,
    lease_seconds: Annotated[
        float | None,
        typer.Option(
            envvar="ORDEX_DELIVERY_LEASE_SECONDS",
            help="How long a claim holds unless renewed (default: twice the webhook timeout)",
        ),
    ] = None,
) -> None:
    """Deliver webhooks as a process of its own (run ``serve --no-embedded-worker``).

    SIGTERM (or Ctrl+C) stops it cleanly: nothing more is claimed or sent, the sends in
    flight end within the webhook timeout and are recorded, the rest is given back."""
    import signal

    from ordex.bootstrap import bootstrap
    from ordex.delivery.worker import run_worker
    from ordex.logs import configure_logging
    from ordex.serving import settle_heap

    settings = _settings(database_url)
    if lease_seconds is not None:
        settings = dataclasses.replace(settings, delivery_lease_seconds=lease_seconds)
    lease = _delivery_lease(settings)
    configure_logging(settings.log_format)
    rt = bootstrap(settings)
    assert rt.ctx.transport is not None
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    settle_heap()
    typer.echo("ordex delivery worker running (Ctrl+C stops it)")
    grace = settings.webhook_timeout_seconds
    network = None
    if rt.access_point is not None:  # documents for other Peppol access points too
        from ordex.network.transmitter import run_network

        network = threading.Thread(target=run_network, args=(rt, stop), daemon=True)
        network.start()
    try:
        run_worker(rt.ctx, rt.ctx.transport, stop, interval, lease=lease, grace=grace)
    except KeyboardInterrupt:
        stop.set()
    if network is not None:
        network.join(grace + 10)


def _delivery_lease(settings: Settings) -> timedelta:
    try:
        return settings.delivery_lease()
    except ValueError as refused:
        typer.echo(f"error: {refused}", err=True)
        raise typer.Exit(2) from None


@accounts_app.command("create")
def accounts_create(
    name: Annotated[str, typer.Option(help="Account name")],
    party: Annotated[
        list[str],
        typer.Option(
            help="Party ID: Peppol 0088:7300010000001, commerce business:<businessCode> "
            "or financing partner:<partnerId>"
        ),
    ],
    database_url: DatabaseUrl = None,
) -> None:
    """Create an account owning PARTY(s); prints its API key once."""
    from ordex.bootstrap import bootstrap
    from ordex.domain.errors import OrdexError
    from ordex.parties import parse_account_party
    from ordex.services.accounts import create_account

    rt = bootstrap(_settings(database_url))
    try:
        account, key = create_account(rt.ctx, name, [parse_account_party(p) for p in party])
    except OrdexError as error:
        typer.echo(f"error: {error.message}", err=True)
        raise typer.Exit(2) from error
    typer.echo(
        f"account {account.account_id} ({account.name}) parties "
        f"{', '.join(str(p) for p in account.parties)}"
    )
    typer.echo(f"API key (shown once): {key}")


AccountRef = Annotated[str, typer.Argument(help="The account's ID, or one of its parties")]


def _accounts_call(call: Any, *args: Any) -> Any:
    """Run an accounts use case on the configured database; a domain error exits with 2."""
    from ordex.domain.errors import OrdexError

    try:
        return call(*args)
    except OrdexError as error:
        typer.echo(f"error: {error.message}", err=True)
        raise typer.Exit(2) from error


def _echo_key(key: Any) -> None:
    revoked = f"  revoked {key.revoked_at.isoformat()}" if key.revoked_at else ""
    typer.echo(f"key {key.key_id}  created {key.created_at.isoformat()}{revoked}")


@accounts_app.command("keys")
def accounts_keys(account: AccountRef, database_url: DatabaseUrl = None) -> None:
    """Show an account, whether it is disabled, and its keys (by ID; keys are not kept)."""
    from ordex.bootstrap import bootstrap
    from ordex.services.accounts import account_keys

    rt = bootstrap(_settings(database_url))
    found = _accounts_call(account_keys, rt.ctx, account)
    state = "disabled" if found.account.disabled else "enabled"
    typer.echo(f"account {found.account.account_id} ({found.account.name}) {state}")
    for key in found.keys:
        _echo_key(key)


@accounts_app.command("revoke-key")
def accounts_revoke_key(
    account: AccountRef,
    key_id: Annotated[str, typer.Argument(help="The key's ID (ordex accounts keys)")],
    database_url: DatabaseUrl = None,
) -> None:
    """Revoke a key now: it and every token it bought answer 401 from now on."""
    from ordex.bootstrap import bootstrap
    from ordex.services.accounts import revoke_key

    rt = bootstrap(_settings(database_url))
    _echo_key(_accounts_call(revoke_key, rt.ctx, account, key_id))


@accounts_app.command("rotate-key")
def accounts_rotate_key(
    account: AccountRef,
    grace: Annotated[
        int,
        typer.Option(help="Seconds the old keys keep working (0: revoked at once)", min=0),
    ] = 0,
    database_url: DatabaseUrl = None,
) -> None:
    """Give the account a new key (printed once) and revoke its other keys."""
    from ordex.bootstrap import bootstrap
    from ordex.services.accounts import rotate_key

    rt = bootstrap(_settings(database_url))
    done = _accounts_call(rotate_key, rt.ctx, account, timedelta(seconds=grace))
    for key in done.revoked:
        _echo_key(key)
    typer.echo(f"new key {done.key.key_id}")
    typer.echo(f"API key (shown once): {done.secret}")


@accounts_app.command("disable")
def accounts_disable(account: AccountRef, database_url: DatabaseUrl = None) -> None:
    """Disable an account: its keys and tokens answer 401 until it is enabled."""
    _set_disabled(account, True, database_url)


@accounts_app.command("enable")
def accounts_enable(account: AccountRef, database_url: DatabaseUrl = None) -> None:
    """Enable a disabled account again."""
    _set_disabled(account, False, database_url)


def _set_disabled(account: str, disabled: bool, database_url: str | None) -> None:
    from ordex.bootstrap import bootstrap
    from ordex.services.accounts import set_account_disabled

    rt = bootstrap(_settings(database_url))
    found = _accounts_call(set_account_disabled, rt.ctx, account, disabled)
    state = "disabled" if found.account.disabled else "enabled"
    typer.echo(f"account {found.account.account_id} ({found.account.name}) {state}")


@app.command()
def validate(
    files: Annotated[
        list[Path] | None, typer.Argument(exists=True, dir_okay=False, readable=True)
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output")] = False,
    schematron: Annotated[
        Path | None,
        typer.Option(
            "--schematron",
            file_okay=False,
            exists=True,
            help="Also run the official Schematron: a directory of PEPPOLBIS-<T>.xslt files "
            "(needs pip install 'ordex[schematron]')",
        ),
    ] = None,
    xsd: Annotated[
        Path | None,
        typer.Option(
            "--xsd",
            file_okay=False,
            exists=True,
            help="With --schematron: also check the OASIS UBL schema, from a directory "
            "holding ubl-2.1/ and ubl-2.3/ (maindoc/ and common/ of the release packages)",
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", help="Print the Peppol rule release in force and exit")
    ] = False,
) -> None:
    """Validate Peppol ordering documents; exits 1 if any has a fatal finding.

    With --schematron, the official rules run too; a fatal official finding or any
    disagreement between them and the native rules also exits 1. With --xsd as well, the
    official verdict includes the UBL schema's findings (rule ID XSD).
    """
    if version:
        from ordex.peppol.rules.release import describe_release

        typer.echo(describe_release())
        raise typer.Exit(0)
    if not files:
        typer.echo("error: give the documents to validate", err=True)
        raise typer.Exit(2)
    if xsd is not None and schematron is None:
        typer.echo("error: --xsd is part of the official verdict: give --schematron too", err=True)
        raise typer.Exit(2)
    from lxml import etree

    from ordex.domain.errors import DocumentInvalid, Finding, OrdexError
    from ordex.peppol.codec import as_checked, changed_order
    from ordex.peppol.parse import parse_document
    from ordex.peppol.rules import MAX_FINDINGS_PER_DOCUMENT, MAX_FINDINGS_PER_RULE
    from ordex.peppol.validate import validation

    if schematron is not None:
        from ordex.peppol.schematron import SchematronUnavailable, require_saxon

        try:
            require_saxon()
        except SchematronUnavailable as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None

    if xsd is not None:
        from ordex.peppol.xsd import SchemaUnavailable, check_schema_dir

        try:
            check_schema_dir(xsd)
        except SchemaUnavailable as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None

    failed = False
    report: list[dict[str, Any]] = []
    for path in files:
        findings: list[Finding] = []
        omitted: dict[tuple[str, str], int] = {}
        error: str | None = None
        transaction = None
        change_of: str | None = None
        data = path.read_bytes()
        try:
            document = parse_document(data)
            transaction = document.transaction
            change_of = changed_order(document)
            if change_of is not None:  # judged as the server judges it (PeppolCodec.read)
                document = as_checked(document)
                data = etree.tostring(document.tree, xml_declaration=True, encoding="UTF-8")
            result = validation(document)
            findings, omitted = result.findings, result.omitted
        except OrdexError as exc:  # a refusal: its findings say which rules refuse it
            error = exc.message
            findings = list(getattr(exc, "findings", [])) or [
                Finding("ORDEX-R000", "fatal", exc.message, "/", None)  # a safety net
            ]
            if isinstance(exc, DocumentInvalid) and exc.findings_omitted:
                omitted = {("", "fatal"): exc.findings_omitted}
        fatal = error is not None or any(f.flag == "fatal" for f in findings)
        fatal = fatal or any(flag == "fatal" for _, flag in omitted)
        item: dict[str, Any] = {
            "file": str(path),
            "transaction": transaction,
            "valid": not fatal,
            "error": error,
            "findings": [f.as_dict() for f in findings],
            "findingsOmitted": sum(omitted.values()),
            "changeRequestOf": change_of,
        }
        if schematron is not None and transaction is not None:
            item["official"] = _official(schematron, transaction, data, findings, omitted, xsd)
            fatal = fatal or item["official"]["fatal"] or bool(item["official"]["disagreements"])
            item["valid"] = not fatal
        failed = failed or fatal
        report.append(item)
    if as_json:
        typer.echo(json.dumps(report, indent=2))
    else:
        for item in report:
            verdict = "valid" if item["valid"] else "INVALID"
            if item["changeRequestOf"] is not None:
                verdict = (
                    f"{verdict} as a change request of order {item['changeRequestOf']} "
                    "(an Order whose cac:OrderReference names an earlier order: the server "
                    "turns it into an Order Change T114); not a valid T01 on its own "
                    "(PEPPOL-T01-B00110: an Order has no cac:OrderReference)"
                )
                if item["valid"]:
                    verdict = "accepted" + verdict[len("valid") :]
            typer.echo(f"{item['file']}: {item['transaction'] or '?'} {verdict}")
            if item["error"]:
                typer.echo(f"  error: {item['error']}")
            _echo_findings(item["findings"], "  ")
            if item["findingsOmitted"]:
                typer.echo(
                    f"  ... and {item['findingsOmitted']} more finding(s) left out (at most "
                    f"{MAX_FINDINGS_PER_RULE} per rule and {MAX_FINDINGS_PER_DOCUMENT} per "
                    "document are listed)"
                )
            official = item.get("official")
            if official is not None:
                schema = f" and UBL schema ({official['schema']})" if official["schema"] else ""
                typer.echo(f"  official Schematron ({official['stylesheet']}){schema}:")
                if official["stopped"]:
                    typer.echo(f"    stopped with an error: {official['stopped']}")
                elif not official["findings"]:
                    typer.echo("    no findings")
                _echo_findings(official["findings"], "    ")
                for problem in official["disagreements"]:
                    typer.echo(f"  DISAGREEMENT: {problem}")
                if not official["disagreements"]:
                    typer.echo("  native and official rules agree")
    raise typer.Exit(1 if failed else 0)


def _official(
    xslt_dir: Path,
    transaction: str,
    data: bytes,
    native: list[Any],
    omitted: dict[tuple[str, str], int],
    xsd_dir: Path | None = None,
) -> dict[str, Any]:
    """The official verdict on one document and how it differs from the native one."""
    from ordex.peppol.crosscheck import disagreements, official_verdict
    from ordex.peppol.schematron import SchematronUnavailable, stylesheet_for
    from ordex.peppol.xsd import SchemaUnavailable

    try:
        stylesheet = stylesheet_for(xslt_dir, transaction)
        verdict = official_verdict(xslt_dir, transaction, data, xsd_dir)
    except (SchematronUnavailable, SchemaUnavailable) as exc:
        message = f"cannot run the official rules: {exc}"
        return {"stylesheet": None, "findings": [], "stopped": None, "fatal": True,
                "disagreements": [message]}  # fmt: skip
    return {
        "stylesheet": str(stylesheet),
        "schema": None if xsd_dir is None else str(xsd_dir),
        "findings": [f.as_dict() for f in verdict.all_findings],
        "stopped": verdict.stopped,
        "fatal": verdict.fatal,
        "disagreements": disagreements(native, verdict, omitted),
    }


def _echo_findings(findings: list[dict[str, Any]], indent: str) -> None:
    for finding in findings:
        where = f"{finding['path']}" + (f" (line {finding['line']})" if finding["line"] else "")
        typer.echo(
            f"{indent}[{finding['flag']}] {finding['ruleId']}: {finding['message']}"
            f"\n{indent}    at {where}"
        )


OrderFile = Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)]


@app.command()
def diff(
    old: OrderFile,
    new: OrderFile,
    as_json: Annotated[bool, typer.Option("--json", help="The JSON of the /changes API")] = False,
) -> None:
    """Show what changed from OLD to NEW (each an Order T01 or Order Change T114).

    Exits 0 when they order the same, 1 when they differ, 2 when a file cannot be read.
    """
    from ordex.diff_table import UnreadableOrder, format_diff, read_order
    from ordex.domain.diff import diff_orders

    try:
        changes = diff_orders(read_order(old), read_order(new))
    except UnreadableOrder as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    if as_json:
        from ordex.api.diff_schema import OrderDiffView

        typer.echo(OrderDiffView.from_diff(changes).model_dump_json(indent=2))
    else:
        typer.echo(format_diff(changes), nl=False)
    raise typer.Exit(0 if changes.is_empty else 1)


@app.command()
def purge(database_url: DatabaseUrl = None) -> None:
    """Purge the content of documents whose retention has ended."""
    from ordex.bootstrap import bootstrap
    from ordex.services.receiving import purge_expired_documents

    settings = _settings(database_url)
    for warning in _retention_warnings(settings):
        typer.echo(f"warning: {warning}", err=True)
    rt = bootstrap(settings)
    typer.echo(f"purged {purge_expired_documents(rt.ctx)} document(s)")  # and dead tokens


@db_app.command("upgrade")
def db_upgrade(database_url: DatabaseUrl = None) -> None:
    """Apply the database migrations."""
    from ordex.bootstrap import bootstrap

    settings = _settings(database_url)
    bootstrap(settings, migrate=True)
    typer.echo(f"database at head: {settings.database_url}")


@db_app.command("copy")
def db_copy(
    source: Annotated[str, typer.Option("--from", help="URL of the database to copy")],
    target: Annotated[str, typer.Option("--to", help="URL of the database to copy into")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Delete the target's rows first")
    ] = False,
    batch_size: Annotated[int, typer.Option(min=1, help="Rows per insert")] = 1000,
) -> None:
    """Copy a hub's data to another database (e.g. SQLite to PostgreSQL); checks counts.

    The target is migrated first and must be empty (or --replace). Stop the hub first.
    """
    from rich.progress import Progress

    from ordex.storage.copy import CopyRefused, copy_database

    Settings(database_url=target).ensure_sqlite_directory()
    with Progress(transient=True) as bar:
        tasks: dict[str, Any] = {}

        def progress(table: str, done: int, total: int) -> None:
            if table not in tasks:
                tasks[table] = bar.add_task(table, total=max(total, 1))
            bar.update(tasks[table], completed=done if total else 1, total=max(total, 1))

        try:
            report = copy_database(source, target, batch_size, replace, progress)
        except CopyRefused as refused:
            typer.echo(f"error: {refused}", err=True)
            raise typer.Exit(2) from None
    for table, count in report.counts.items():
        typer.echo(f"  {table:20} {count:>10} rows  counted")
    typer.echo(f"copied {report.total} rows at migration {report.revision}")


def main() -> None:  # pragma: no cover
    app(prog_name="ordex")
    sys.exit(0)
