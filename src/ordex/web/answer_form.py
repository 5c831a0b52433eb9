"""The CA form (one fieldset per order line, and lines the seller adds) as the API's JSON
answer: the same ``OrderResponseIn`` validation, its problems put back next to the form
fields they concern."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ordex.api.schemas import OrderResponseIn
from ordex.domain.content import OrderContent

LINE_STATUSES = {
    "accepted": "Accept",
    "notAccepted": "Refuse",
    "changed": "Change (quantity, price, delivery or item)",
    "alreadyDelivered": "Already delivered",
}
# JSON field -> the form field's suffix (``line-3-quantity``)
FORM_FIELDS = {
    "lineId": "id",
    "status": "status",
    "quantity": "quantity",
    "unitCode": "unit",
    "price": "price",
    "note": "note",
    "promisedDelivery": "start",
    "item": "item",
}
MAX_ADDED = 50


@dataclass
class AnswerForm:
    """The form as the seller filled it: values by form field, problems by form field."""

    values: dict[str, str]
    added: int  # blank "added line" blocks to show
    problems: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    def value(self, name: str, default: str = "") -> str:
        return self.values.get(name, default)

    def has_problem(self, prefix: str) -> bool:
        return any(name.startswith(prefix + "-") for name in self.problems)


def blank(content: OrderContent) -> AnswerForm:
    return AnswerForm(
        values={f"line-{i}-status": "accepted" for i in range(len(content.lines))}, added=0
    )


def read(form: Any, content: OrderContent) -> AnswerForm:
    values = {k: v.strip() for k, v in form.items() if isinstance(v, str)}
    try:
        added = min(MAX_ADDED, max(0, int(values.get("added", "0") or 0)))
    except ValueError:
        added = 0
    if values.get("action") == "add":
        added = min(MAX_ADDED, added + 1)
    return AnswerForm(values=values, added=added)


def _optional(values: dict[str, str], prefix: str, name: str) -> str | None:
    return values.get(f"{prefix}-{name}") or None


def changes(values: dict[str, str], prefix: str) -> dict[str, Any]:
    line: dict[str, Any] = {}
    for key, name in (("quantity", "quantity"), ("price", "price"), ("unitCode", "unit")):
        given = _optional(values, prefix, name)
        if given is not None:
            line[key] = given
    start, end = _optional(values, prefix, "start"), _optional(values, prefix, "end")
    if start or end:
        line["promisedDelivery"] = {"startDate": start, "endDate": end}
    item, item_id = _optional(values, prefix, "item"), _optional(values, prefix, "itemId")
    if item or item_id:
        line["item"] = {"name": item or "", "sellersId": item_id}
    return line


def body(answer: AnswerForm, content: OrderContent) -> tuple[dict[str, Any], list[str]]:
    """The JSON answer of the form, and the form prefix of each of its lines."""
    values = answer.values
    lines: list[dict[str, Any]] = []
    prefixes: list[str] = []
    for i, ordered in enumerate(content.lines):
        prefix = f"line-{i}"
        status = values.get(f"{prefix}-status", "accepted")
        line: dict[str, Any] = {"lineId": ordered.line_id, "status": status}
        if status == "changed":
            line.update(changes(values, prefix))
        note = _optional(values, prefix, "note")
        if note:
            line["note"] = note
        lines.append(line)
        prefixes.append(prefix)
    for j in range(answer.added):
        prefix = f"new-{j}"
        extra = changes(values, prefix)
        if not extra:
            continue  # a block left blank
        line = {"lineId": _optional(values, prefix, "id") or f"{j + 1}-new", "status": "added"}
        line.update(extra)
        note = _optional(values, prefix, "note")
        if note:
            line["note"] = note
        lines.append(line)
        prefixes.append(prefix)
    return {"status": "CA", "note": values.get("note") or None, "lines": lines}, prefixes


def validated(answer: AnswerForm, content: OrderContent) -> OrderResponseIn | None:
    """The API's model of the answer, or None with ``answer.problems`` filled in."""
    data, prefixes = body(answer, content)
    return model_of(data, prefixes, answer)


def model_of(
    data: dict[str, Any], prefixes: list[str], answer: AnswerForm
) -> OrderResponseIn | None:
    """``data`` as the API's model, or None with the problems put next to the form fields
    (``prefixes[i]`` is the form's prefix of ``data["lines"][i]``)."""
    try:
        return OrderResponseIn.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors(include_input=False, include_url=False):
            loc = error["loc"]
            message = error["msg"]
            if len(loc) >= 3 and loc[0] == "lines" and isinstance(loc[1], int):
                suffix = FORM_FIELDS.get(str(loc[2]), str(loc[2]))
                if loc[2] == "promisedDelivery" and len(loc) > 3 and loc[3] == "endDate":
                    suffix = "end"
                answer.problems.setdefault(f"{prefixes[loc[1]]}-{suffix}", message)
            elif loc and loc[0] == "note":
                answer.problems.setdefault("note", message)
            else:
                answer.general.append(f"{'.'.join(map(str, loc))}: {message}")
        return None
