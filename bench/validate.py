"""Peppol validation: ordex's native rules against the official Schematron (XSLT 2.0).

    .venv/bin/python bench/validate.py [--shared ../shared/peppol-ordering] [--seconds 5]

Validates the official examples (every transaction ordex speaks: T01, T114, T115, T116,
T76) over and over, once with each engine, and prints documents per second, the ratio
and the peak memory of each. Each engine runs in a fresh child process of this run, so
that the peak resident set size (``ru_maxrss``) of one does not hide in the other's:

- native: ``parse_xml`` (ordex's safe parser) + every native rule of the transaction,
  i.e. what ``ordex validate`` and the server do per document;
- official: SaxonC-HE (``saxonche``) parses the document and runs the compiled
  ``PEPPOLBIS-<T>.xslt`` of release 2026.5 to an SVRL string; reading the SVRL into
  findings is not counted, nor is compiling the stylesheets (done once, before timing);
- bare: the same child with lxml loaded and the examples read, validating nothing: the
  floor both peaks contain (interpreter, lxml, the documents).

Peak memory is the whole process (Python heap, lxml, and for the official engine the
Saxon native image with its compiled stylesheets): ``tracemalloc`` cannot see the latter.
The native child also reports its ``tracemalloc`` peak (Python objects only) over one
more pass after the timed loop. Targets of issue 7: native >= 25 times faster, peak
memory no higher. Needs the ``schematron`` extra (``pip install 'ordex[schematron]'``).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from lxml import etree

DEFAULT_SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "peppol-ordering"
RELEASE = Path("schematron") / "release-2026.5" / "xslt"


def examples(shared: Path) -> list[tuple[str, bytes]]:
    """(transaction code, bytes) of each official example ordex speaks (T110 left out)."""
    from ordex.peppol.transactions import by_customization_id

    found = []
    for path in sorted((shared / "examples").rglob("*.xml")):
        data = path.read_bytes()
        root = etree.fromstring(data)
        cid = root.findtext(
            "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}CustomizationID"
        )
        transaction = by_customization_id(cid or "")
        if transaction is not None and transaction.root == etree.QName(root).localname:
            found.append((transaction.code, data))
    return found


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def timed(run_once: Callable[[], None], docs: int, seconds: float) -> dict[str, float]:
    """Documents per second of ``run_once`` (validates all examples) over ``seconds``.

    Both by the wall clock and by the CPU time of the process (all its threads): on a
    machine shared with other work the CPU figure is the steadier one.
    """
    run_once()  # warm-up
    rounds, wall, cpu = 0, time.perf_counter(), time.process_time()
    while True:
        run_once()
        rounds += 1
        elapsed = time.perf_counter() - wall
        if elapsed >= seconds:
            used = time.process_time() - cpu
            return {"validated": rounds * docs, "wall": rounds * docs / elapsed,
                    "cpu": rounds * docs / used}  # fmt: skip


def child(engine: str, shared: Path, seconds: float) -> dict[str, object]:
    docs = examples(shared)
    result: dict[str, object] = {"engine": engine, "documents": len(docs)}
    if engine == "native":
        from ordex.peppol.rules import run_rules
        from ordex.peppol.transactions import BY_CODE
        from ordex.peppol.xml import parse_xml

        transactions = [(BY_CODE[code], data) for code, data in docs]

        def run_once() -> None:
            for transaction, data in transactions:
                run_rules(transaction, parse_xml(data))

        result |= timed(run_once, len(docs), seconds)
        tracemalloc.start()  # after timing: tracing slows Python down several times
        run_once()
        result["tracemalloc_peak_mib"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    elif engine == "official":
        from saxonche import PySaxonProcessor

        processor = PySaxonProcessor(license=False)
        compiled = {}
        for code in sorted({code for code, _ in docs}):
            stylesheet = shared / RELEASE / f"PEPPOLBIS-{code}.xslt"
            compiler = processor.new_xslt30_processor()
            compiled[code] = compiler.compile_stylesheet(stylesheet_file=str(stylesheet))
        texts = [(compiled[code], data.decode("utf-8")) for code, data in docs]

        def run_once() -> None:
            for executable, text in texts:
                node = processor.parse_xml(xml_text=text)
                executable.transform_to_string(xdm_node=node)

        result |= timed(run_once, len(docs), seconds)
    result["peak_rss_mib"] = peak_rss_mib()
    return result


def run_child(engine: str, shared: Path, seconds: float) -> dict[str, object]:
    command = [sys.executable, __file__, "--child", engine, "--shared", str(shared)]
    command += ["--seconds", str(seconds)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    loaded: dict[str, object] = json.loads(output.strip().splitlines()[-1])
    return loaded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--seconds", type=float, default=5.0, help="timed run per engine")
    parser.add_argument("--child", choices=("bare", "native", "official"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    shared = args.shared.resolve()
    if args.child:
        print(json.dumps(child(args.child, shared, args.seconds)))
        return
    bare = run_child("bare", shared, args.seconds)
    native = run_child("native", shared, args.seconds)
    official = run_child("official", shared, args.seconds)
    print(f"{native['documents']} official examples ({shared / 'examples'}), "
          f"{args.seconds:g} s per engine")  # fmt: skip
    print("            documents/s        ms per document    peak RSS")
    print("            CPU      wall      CPU      wall")
    for name, result in (("native", native), ("official", official)):
        cpu, wall = float(result["cpu"]), float(result["wall"])  # type: ignore[arg-type]
        print(
            f"{name:9} {cpu:7.1f} {wall:9.1f} {1000 / cpu:8.3f} {1000 / wall:9.3f}"
            f"    {result['peak_rss_mib']:.1f} MiB  ({result['validated']} validated)"
        )
    print(
        f"bare process (interpreter, lxml, the documents):          {bare['peak_rss_mib']:.1f} MiB"
    )
    print(
        f"native Python heap peak (tracemalloc, one pass): {native['tracemalloc_peak_mib']:.2f} MiB"
    )
    ratio_cpu = float(native["cpu"]) / float(official["cpu"])  # type: ignore[arg-type]
    ratio_wall = float(native["wall"]) / float(official["wall"])  # type: ignore[arg-type]
    print(f"ratio native/official: {ratio_cpu:.1f}x by CPU time, {ratio_wall:.1f}x by wall clock "
          f"(target >= 25)")  # fmt: skip


if __name__ == "__main__":
    main()
