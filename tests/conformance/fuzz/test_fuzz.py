"""The differential fuzz in the suite: its operators, and a small sample of mutants whose
native verdict must be the official one (``make test-fuzz`` runs 5,000 of them).

The seed changes with every run and is in every failure message; ``ORDEX_FUZZ_SEED``
replays a run, ``ORDEX_FUZZ_SAMPLE`` sets the sample's size.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from ordex.peppol.xml import parse_xml
from tests.conformance.fuzz import engine, operators
from tests.conformance.fuzz.engine import Official, Verdict, disagreement, examples, new_seed

pytestmark = pytest.mark.shared

SAMPLE = int(os.environ.get("ORDEX_FUZZ_SAMPLE", "150"))


@pytest.fixture(scope="session")
def fuzz_official(shared: Path) -> Official:
    return Official(shared)


def test_the_fuzz_has_at_least_30_operators_of_its_own() -> None:
    assert len(operators.OPERATORS) >= 30
    for module in (operators, engine):
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        assert "conformance.mutations" not in source and "import mutations" not in source


@pytest.mark.parametrize("name", sorted(operators.OPERATORS))
def test_each_operator_mutates_some_example_into_well_formed_xml(shared: Path, name: str) -> None:
    rnd = random.Random(name)
    done = 0
    for example in examples(shared):
        mutant = operators.Mutant(parse_xml(example.data))
        if operators.OPERATORS[name](mutant, rnd) is not None:
            parse_xml(mutant.serialize())
            done += 1
    assert done, f"{name} found nothing to mutate in any official example"


def test_verdicts_that_differ_are_a_disagreement() -> None:
    fired = frozenset({("PEPPOL-T01-R024", "fatal")})
    assert disagreement(Verdict(fired, False), Verdict(fired, False)) is None
    assert disagreement(Verdict(frozenset(), False), Verdict(fired, False))
    assert disagreement(Verdict(frozenset(), True), Verdict(frozenset(), True)) is None
    assert disagreement(Verdict(frozenset(), False), Verdict(frozenset(), True))
    refused = Verdict(frozenset(), False, frozenset({"ORDEX-R001"}))
    assert disagreement(refused, Verdict(frozenset(), False))


def test_a_sample_of_mutants_gets_the_official_verdict(
    shared: Path, fuzz_official: Official
) -> None:
    seed = new_seed()
    report = engine.run(SAMPLE, seed, examples(shared), fuzz_official)
    shown = "\n\n".join(case.describe(seed) for case in report.disagreements[:3])
    assert not report.disagreements, f"{report.summary()}\n\n{shown}"
    assert report.mutants == SAMPLE
