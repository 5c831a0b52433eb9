"""What a crash run must show, with its thresholds as parameters: nothing lost
(:func:`losses`), and delivery that recovers (:func:`recovery`: p99 commit-to-receipt
latency across worker kills, a second worker alive, and zero duplicates caused by SIGTERM).
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.chaos.harness import Report


@dataclass(frozen=True)
class Thresholds:
    p99_seconds: float = 10.0
    """Commit-to-receipt p99 across worker kills, a second worker alive."""
    sigterm_duplicates: int = 0


def losses(report: Report) -> list[str]:
    """What holds today: nothing acknowledged or committed is lost, no key misanswers."""
    found = []
    if report.lost_documents:
        found.append(f"{len(report.lost_documents)} acknowledged orders not stored")
    if report.lost_events:
        found.append(f"{len(report.lost_events)} stored orders whose event never arrived")
    if report.unanswered:
        found.append(f"{report.unanswered} orders never got a final answer")
    if report.duplicate_refusals:
        found.append(f"{report.duplicate_refusals} retries heard DUPLICATE_DOCUMENT, not a replay")
    if report.other_refusals:
        found.append(f"orders refused: {report.other_refusals}")
    if report.bad_signatures:
        found.append(f"{report.bad_signatures} webhooks with a bad signature")
    if report.overlaps:
        found.append(f"{report.overlaps} sends of one event overlapped")
    if report.unexplained_duplicates:
        found.append(f"{report.unexplained_duplicates} events received twice with no kill")
    if report.acknowledged == 0:
        found.append("no order was acknowledged")
    return found


def recovery(report: Report, thresholds: Thresholds) -> list[str]:
    """Fast takeover of a killed worker's deliveries, and a SIGTERM that duplicates nothing."""
    found = []
    if report.p99 >= thresholds.p99_seconds:
        found.append(f"p99 commit-to-receipt {report.p99:.2f} s >= {thresholds.p99_seconds} s")
    if report.sigterm_duplicates > thresholds.sigterm_duplicates:
        found.append(f"{report.sigterm_duplicates} events received twice because of a SIGTERM")
    return found


def failures(report: Report, thresholds: Thresholds) -> list[str]:
    """Everything a crash run must not show."""
    return losses(report) + recovery(report, thresholds)
