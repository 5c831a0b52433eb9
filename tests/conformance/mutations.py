"""Seeded mutations of Peppol documents, for differential fuzzing of the validators.

A mutant is an official example with a few ``Mutation``s applied. Each mutation is one
primitive edit (delete, duplicate, move or insert an element, set a text or an
attribute) on an element named by its position path (``cac:OrderLine[2]/cbc:ID``),
chosen with an intent that aims at the rules: blank a value, swap a code for another
valid code or an invalid one, break an amount, a date, an identifier or its check
digit, add an element outside the data model. Mutations are plain data, so a mutant can
be re-made from its list, and a shorter list tried when shrinking a disagreement:
a mutation whose target no longer exists is skipped.

Everything here is deterministic given the ``random.Random`` it is handed.
"""

from __future__ import annotations

import copy
import difflib
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
PREFIXES = {CAC: "cac", CBC: "cbc"}
CODE_LIST = "{urn:fdc:difi.no:2017:vefa:structure:CodeList-1}"


@dataclass(frozen=True, slots=True)
class Mutation:
    """One primitive edit of a document, with the intent it was chosen for.

    ``op`` is ``delete``, ``duplicate``, ``move`` (``target`` becomes the child number
    ``index`` of ``destination``), ``text`` (``value`` becomes the text of ``target``,
    which loses its children), ``attribute`` (``name`` set to ``value``, or removed when
    ``value`` is None) or ``insert`` (the element ``value`` is parsed and inserted as
    child number ``index`` of ``target``).
    """

    intent: str
    op: str
    target: str
    value: str | None = None
    name: str = ""
    destination: str = ""
    index: int = 0

    def describe(self) -> str:
        where = _readable(self.target)
        if self.op == "move":
            return f"{self.intent}: move {where} into {_readable(self.destination)}"
        if self.op == "text":
            return f"{self.intent}: text of {where} := {self.value!r}"
        if self.op == "attribute":
            action = "removed" if self.value is None else f":= {self.value!r}"
            return f"{self.intent}: @{self.name} of {where} {action}"
        if self.op == "insert":
            return f"{self.intent}: insert {self.value} into {where}"
        return f"{self.intent}: {self.op} {where}"

    def apply(self, root: etree._Element) -> bool:
        """Edit the tree in place; False when the target is not there (nothing done)."""
        element = _find(root, self.target)
        if element is None:
            return False
        parent = element.getparent()
        if self.op == "delete" and parent is not None:
            parent.remove(element)
        elif self.op == "duplicate" and parent is not None:
            element.addnext(copy.deepcopy(element))
        elif self.op == "move" and parent is not None:
            destination = _find(root, self.destination)
            if destination is None or _inside(destination, element):
                return False
            parent.remove(element)
            destination.insert(min(self.index, len(destination)), element)
        elif self.op == "text":
            for child in list(element):
                element.remove(child)
            element.text = self.value
        elif self.op == "attribute":
            if self.value is None:
                element.attrib.pop(self.name, None)
            else:
                element.set(self.name, self.value)
        elif self.op == "insert" and self.value is not None:
            element.insert(min(self.index, len(element)), etree.fromstring(self.value))
        else:
            return False
        return True


def _find(root: etree._Element, path: str) -> etree._Element | None:
    if path == "":
        return root
    found = root.find(path)
    return found


def _inside(element: etree._Element, ancestor: etree._Element) -> bool:
    node: etree._Element | None = element
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def _readable(path: str) -> str:
    if not path:
        return "/ (the root)"
    for uri, prefix in PREFIXES.items():
        path = path.replace(f"{{{uri}}}", f"{prefix}:")
    return path


def apply_all(source: bytes, mutations: Sequence[Mutation]) -> bytes:
    """The mutant: ``source`` with each mutation applied in order (missing targets skipped)."""
    root = etree.fromstring(source)
    for mutation in mutations:
        mutation.apply(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def xml_diff(before: bytes, after: bytes, context: int = 3) -> str:
    """A unified diff of two documents, pretty-printed alike so only the mutation shows."""

    def lines(data: bytes) -> list[str]:
        root = etree.fromstring(data)
        for element in root.iter():
            if isinstance(element.tag, str) and len(element) and not (element.text or "").strip():
                element.text = None
            if element.tail is not None and not element.tail.strip():
                element.tail = None
        return etree.tostring(root, pretty_print=True, encoding="unicode").splitlines()

    return "\n".join(
        difflib.unified_diff(
            lines(before), lines(after), "example", "mutant", n=context, lineterm=""
        )
    )


# --- values the mutations use ----------------------------------------------------------

BAD_CODES = ("", "XX", "ZZZ", "abc", "1", "99", "aP", " AP ", "EURO")
BAD_AMOUNTS = ("-1", "-0.01", "0", "1.234", "100.001", "12,50", "1e3", "abc", "", "  7  ")
BAD_DATES = (
    "2020-13-01",
    "2020-02-30",
    "2020-1-1",
    "20200101",
    "2020-01-01T10:00:00",
    "2020-01-01Z",
    "2020-01-01+01:00",
    " 2020-01-01",
    "01-01-2020",
    "",
    "yesterday",
)
FOREIGN = (
    "<cbc:UBLVersionID xmlns:cbc='{cbc}'>2.1</cbc:UBLVersionID>",
    "<cbc:Note xmlns:cbc='{cbc}'>a note where none is expected</cbc:Note>",
    "<cbc:Foo xmlns:cbc='{cbc}'>bar</cbc:Foo>",
    "<cac:Signature xmlns:cac='{cac}' xmlns:cbc='{cbc}'><cbc:ID>S1</cbc:ID></cac:Signature>",
    "<x:Extension xmlns:x='urn:example:not-ubl'>x</x:Extension>",
    "<cbc:ID xmlns:cbc='{cbc}'>another ID</cbc:ID>",
    "<cbc:Name xmlns:cbc='{cbc}'/>",
    "<cac:Party xmlns:cac='{cac}'/>",
)
POACC = "urn:fdc:peppol.eu:poacc:"
SPECIFICATIONS = {
    "CustomizationID": (
        *(f"{POACC}trns:{name}:3" for name in ("order", "order_change", "order_cancellation",
          "order_response", "order_response_advanced", "order_agreement", "order:3:extended")),
        "urn:example:not-peppol",
        "urn:fdc:peppol.eu:poacc:trns:order",
    ),
    "ProfileID": (
        *(f"{POACC}bis:{name}:3" for name in ("order_only", "ordering", "advanced_ordering",
          "order_agreement", "x")),
        "urn:fdc:peppol.eu:poacc:bis:ordering",
    ),
}  # fmt: skip
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
SCHEMES = ("0088", "0192", "0184", "0208", "0007", "0201", "0210", "9906", "0151", "0106",
           "0190", "9956", "0060", "0002", "9999", "GLN", "")  # fmt: skip


def gln(rnd: random.Random) -> str:
    """A random GLN with a correct GS1 check digit."""
    body = [rnd.randint(0, 9) for _ in range(12)]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(body))
    return "".join(map(str, body)) + str((10 - total % 10) % 10)


def norwegian(rnd: random.Random) -> str:
    """A random Norwegian organisation number with a correct mod-11 check digit."""
    while True:
        body = [rnd.randint(0, 9) for _ in range(8)]
        rest = sum(d * w for d, w in zip(body, (3, 2, 7, 6, 5, 4, 3, 2), strict=True)) % 11
        check = 0 if rest == 0 else 11 - rest
        if check < 10:
            return "".join(map(str, body)) + str(check)


def identifier_for(scheme: str, rnd: random.Random) -> str:
    """A value that is valid (or nearly so) for a scheme, to pair with a scheme swap."""
    if scheme in ("0088", "GLN"):
        return gln(rnd)
    if scheme == "0192":
        return norwegian(rnd)
    if scheme == "0184":
        return rnd.choice(("DK12345678", "12345678", "DK1234567"))
    if scheme == "0208":
        return rnd.choice(("0123456749", "0123456789", "123456789"))
    if scheme == "0007":
        return rnd.choice(("5560360793", "5560360794", "556036-0793"))
    if scheme in ("0201", "0210", "9906"):
        return rnd.choice(("ABCDEF", "RSSMRA85T10A562S", "12345678903", "IT12345678903"))
    if scheme == "0151":
        return rnd.choice(("51824753556", "51824753557", "5182475355"))
    return rnd.choice(("123456", "ABC-1", gln(rnd)))


def break_digits(value: str, rnd: random.Random) -> str:
    """Change one digit (a broken check digit), drop one, or add one."""
    digits = [i for i, c in enumerate(value) if c.isdigit()]
    if not digits:
        return value + "1"
    i = rnd.choice(digits)
    choice = rnd.random()
    if choice < 0.6:
        return value[:i] + str((int(value[i]) + rnd.randint(1, 9)) % 10) + value[i + 1 :]
    if choice < 0.8:
        return value[:i] + value[i + 1 :]
    return value + str(rnd.randint(0, 9))


def shifted_date(value: str, rnd: random.Random) -> str:
    """A valid date some days or years away from ``value`` (or a fixed one)."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})\s*", value)
    year = int(match[1]) if match else 2020
    month = int(match[2]) if match else 6
    day = int(match[3]) if match else 15
    year += rnd.choice((-3, -1, 0, 0, 1, 5))
    month = min(max(month + rnd.randint(-2, 2), 1), 12)
    day = min(max(day + rnd.randint(-10, 10), 1), 28)
    return f"{year:04d}-{month:02d}-{day:02d}"


def changed_amount(value: str, rnd: random.Random) -> str:
    """A decimal near ``value``: off by a cent or a unit, doubled, negated, more decimals."""
    try:
        number = float(value)
    except ValueError:
        number = 100.0
    choice = rnd.random()
    if choice < 0.25:
        number += rnd.choice((0.01, -0.01, 0.03, 1, -1))
    elif choice < 0.45:
        number *= rnd.choice((2, 0.5, 10))
    elif choice < 0.6:
        number = -number
    elif choice < 0.75:
        return f"{number:.3f}".rstrip("0") + "1"
    else:
        number = rnd.choice((0.0, 1.0, 0.02, 99.99, 1000.0))
    return f"{number:.2f}"


# --- the generator ---------------------------------------------------------------------


class CodeLists:
    """The codes of the official code lists, to swap a code for another valid one."""

    def __init__(self, folder: Path) -> None:
        self.lists: list[tuple[str, ...]] = []
        for path in sorted(folder.glob("*.xml")):
            root = etree.parse(str(path)).getroot()
            codes = tuple((e.text or "").strip() for e in root.iter(f"{CODE_LIST}Id"))
            if codes:
                self.lists.append(codes)

    def alternatives(self, code: str) -> tuple[str, ...]:
        """Codes of the lists that contain ``code`` (the lists it was probably taken from)."""
        found = [codes for codes in self.lists if code in codes]
        return tuple(sorted({c for codes in found for c in codes if c != code}))


def _path(root: etree._Element, element: etree._Element) -> str:
    return "" if element is root else root.getroottree().getelementpath(element)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _looks_like_code(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9:.\-]{1,6}", text.strip()))


AMOUNT = re.compile(r"(Amount|Quantity|Numeric|Percent|Rate)$")
DATE = re.compile(r"(Date)$")
IDENTIFIER_ATTRIBUTES = ("schemeID",)
CODE_ATTRIBUTES = ("currencyID", "unitCode", "listID", "schemeID", "mimeCode",
                   "unitCodeListID", "schemeAgencyID", "languageID")  # fmt: skip


class Mutator:
    """Chooses mutations for documents; ``mutations`` makes the list of one mutant."""

    def __init__(self, code_lists: CodeLists) -> None:
        self.code_lists = code_lists
        self._makers: tuple[tuple[float, Callable[..., Mutation | None]], ...] = (
            (3, self.delete),
            (2, self.duplicate),
            (2, self.move),
            (2, self.blank),
            (4, self.swap_code),
            (3, self.break_amount),
            (2, self.break_date),
            (3, self.break_identifier),
            (2, self.foreign_element),
            (1, self.transplant),
            (1, self.drop_attribute),
            (1, self.swap_specification),
            (0.3, self.schema_location),
        )

    def mutations(self, source: bytes, rnd: random.Random, steps: int) -> list[Mutation]:
        """``steps`` mutations for ``source``, each chosen on the tree the ones before made."""
        root = etree.fromstring(source)
        chosen: list[Mutation] = []
        weights = [w for w, _ in self._makers]
        attempts = 0
        while len(chosen) < steps and attempts < 50:
            attempts += 1
            maker = rnd.choices([m for _, m in self._makers], weights)[0]
            mutation = maker(root, rnd)
            if mutation is not None and mutation.apply(root):
                chosen.append(mutation)
        return chosen

    # Each maker returns a mutation aimed at ``root`` (or None when it finds no target).

    @staticmethod
    def _elements(root: etree._Element, keep: Callable[[etree._Element], bool] | None = None):  # type: ignore[no-untyped-def]
        return [
            e
            for e in root.iter()
            if isinstance(e.tag, str) and e is not root and (keep is None or keep(e))
        ]

    def delete(self, root: etree._Element, rnd: random.Random) -> Mutation | None:
        elements = self._elements(root)
        element = rnd.choice(elements)
        return Mutation("delete an element", "delete", _path(root, element))

    def duplicate(self, root: etree._Element, rnd: random.Random) -> Mutation | None:
        element = rnd.choice(self._elements(root))
        return Mutation("duplicate an element", "duplicate", _path(root, element))

    def move(self, root: etree._Element, rnd: random.Random) -> Mutation | None:
        elements = self._elements(root)
        element = rnd.choice(elements)
        parent = element.getparent()
        assert parent is not None
        if rnd.random() < 0.5:  # reorder among its siblings
            destination = parent
        else:  # somewhere else in the document
            candidates = [e for e in elements if len(e) and not _inside(e, element)] + [root]
            destination = rnd.choice(candidates)
        index = rnd.randint(0, len(destination))
        return Mutation(
            "move an element",
            "move",
            _path(root, element),
            destination=_path(root, destination),
            index=index,
        )

    def blank(self, root: etree._Element, rnd: random.Random) -> Mutation | None:
        leaves = self._elements(root, lambda e: len(e) == 0)
        element = rnd.choice(leaves)
        if element.attrib and rnd.random() < 0.3:
            name = rnd.choice(sorted(element.attrib))
            return Mutation("blank a value", "attribute", _path(root, element), "", name=name)
        return Mutation(
            "blank a value", "text", _path(root, element), rnd.choice(("", " ", "\n  "))
        )

    def swap_code(self, root: etree._Element, rnd: random.Random) -> Mutation | None:
        options: list[tuple[etree._Element, str | None, str]] = []
        for element in self._elements(root):
            for name in CODE_ATTRIBUTES:
                if name in element.attrib:
                    options.append((element, name, element.get(name, "")))
            if len(element) == 0 and element.text and _looks_like_code(element.text):
                options.append((element, None, element.text.strip()))
        if not options:
            return None
        element, attribute, code = rnd.choice(options)
        alternatives = self.code_lists.alternatives(code)
        if alternatives and rnd.random() < 0.6:
            value, intent = rnd.choice(alternatives), "swap a code for another valid one"
        else:
            value, intent = rnd.choice(BAD_CODES), "swap a code for an invalid one"
        if attribute is None:
            return Mutation(intent, "text", _path(root, element), value)
        return Mutation(intent, "attribute", _path(root, element), value, name=attribute)

    def break_amount(self, root: etree._Element, rnd: random.Random) -> Mutation | None:
        numbers = self._elements(root, lambda e: bool(AMOUNT.search(_local(e))) and not len(e))
        if not numbers:
            return None
        element = rnd.choice(numbers)
        if rnd.random() < 0.6:
            value = changed_amount(element.text or "", rnd)
            intent = "change an amount"
        else:
            value, intent = rnd.choice(BAD_AMOUNTS), "break an amount"
        return Mutation(intent, "text", _path(root, element), value)

    def break_date(self, root: etree._Element, rnd: random.Random) -> Mutation | None:
        dates = self._elements(root, lambda e: bool(DATE.search(_local(e))) and not len(e))
        if not dates:
            return None
        element = rnd.choice(dates)
        if rnd.random() < 0.5:
            return Mutation(
                "move a date", "text", _path(root, element), shifted_date(element.text or "", rnd)
            )
        return Mutation("break a date", "text", _path(root, element), rnd.choice(BAD_DATES))

    def break_identifier(self, root: etree._Element, rnd: random.Random) -> Mutation | None:
        ids = self._elements(root, lambda e: not len(e) and ("schemeID" in e.attrib))
        if not ids:
            ids = self._elements(root, lambda e: not len(e) and _local(e).endswith("ID"))
        element = rnd.choice(ids)
        choice = rnd.random()
        path = _path(root, element)
        if choice < 0.4:
            return Mutation(
                "break an identifier's check digit",
                "text",
                path,
                break_digits(element.text or "", rnd),
            )
        scheme = rnd.choice(SCHEMES)
        if choice < 0.7:
            return Mutation(
                f"a valid-looking identifier of scheme {scheme}",
                "text",
                path,
                identifier_for(scheme, rnd),
            )
        return Mutation("change an identifier's scheme", "attribute", path, scheme, name="schemeID")

    def foreign_element(self, root: etree._Element, rnd: random.Random) -> Mutation | None:
        parent = rnd.choice([root, *self._elements(root, lambda e: len(e) > 0)])
        fragment = rnd.choice(FOREIGN).format(cac=CAC, cbc=CBC)
        index = rnd.randint(0, len(parent))
        return Mutation(
            "add a foreign element", "insert", _path(root, parent), fragment, index=index
        )

    def transplant(self, root: etree._Element, rnd: random.Random) -> Mutation | None:
        """A copy of an element from elsewhere in the document (valid UBL, wrong place)."""
        elements = self._elements(root)
        donor = copy.deepcopy(rnd.choice(elements))
        donor.tail = None
        parent = rnd.choice([root, *self._elements(root, lambda e: len(e) > 0)])
        fragment = etree.tostring(donor, encoding="unicode")
        index = rnd.randint(0, len(parent))
        return Mutation(
            "copy an element to another place", "insert", _path(root, parent), fragment, index=index
        )

    def drop_attribute(self, root: etree._Element, rnd: random.Random) -> Mutation | None:
        carriers = self._elements(root, lambda e: bool(e.attrib))
        if not carriers:
            return None
        element = rnd.choice(carriers)
        name = rnd.choice(sorted(element.attrib))
        return Mutation("remove an attribute", "attribute", _path(root, element), None, name=name)

    def swap_specification(self, root: etree._Element, rnd: random.Random) -> Mutation | None:
        """Another transaction's or profile's identifier (or a broken one)."""
        found = self._elements(root, lambda e: _local(e) in SPECIFICATIONS and not len(e))
        if not found:
            return None
        element = rnd.choice(found)
        value = rnd.choice(SPECIFICATIONS[_local(element)])
        return Mutation("swap a specification identifier", "text", _path(root, element), value)

    def schema_location(self, root: etree._Element, rnd: random.Random) -> Mutation | None:
        return Mutation(
            "add a schema location",
            "attribute",
            "",
            "urn:oasis:names:specification:ubl:schema:xsd:Order-2 UBL-Order-2.1.xsd",
            name=f"{XSI}schemaLocation",
        )
