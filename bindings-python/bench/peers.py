"""kassa's pure functions side by side with the Python packages people use for the same work.

    pip install -r bindings-python/bench/requirements.txt   (scripts/setup.sh does)
    python bindings-python/bench/peers.py [--scale 1.0] [--repeat 5] [--short]

Every row runs the same inputs through one implementation ``ops`` times (the inputs cycle),
``--repeat`` timed runs after a warm-up; the table shows the min and the median run per
operation, and ``vs kassa`` is the row's min divided by kassa's min (above 1: kassa is faster).
Before timing, each peer's result is checked against kassa's on every input, so the rows do the
same work. kassa's times include the Python <-> Rust call (argument conversion, error mapping); a
validation that fails would raise in both, so only valid inputs are timed. ``--short`` does the
checks and a few operations per row (bindings-python/test.sh runs it so the script cannot rot;
its times mean nothing and nothing asserts on them).

| task | kassa | peers |
|---|---|---|
| EPC payload + SVG | ``kassa.epc.build`` + ``kassa.epc.svg`` | ``segno.helpers.make_epc_qr(...).svg_inline()`` |
| EPC payload | ``kassa.epc.build`` | ``segno.helpers._make_epc_qr_data`` (what ``make_epc_qr`` encodes; segno's only payload builder, private) |
| IBAN validation | ``kassa.iban.validate`` | ``schwifty.IBAN(s)``, ``stdnum.iban.validate`` |
| Belgian VAT | ``kassa.be.vat_number`` | ``stdnum.be.vat.validate`` |
| OGM/VCS | ``kassa.ogm.validate`` | ``stdnum.be.ogm_vcs.validate`` |
| RF creditor reference | ``kassa.rf.validate`` | ``stdnum.iso11649.validate`` |
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from decimal import Decimal
from importlib import metadata
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import kassa

Work = Callable[[Any], Any]

# -- inputs: valid values in the forms people type them (spaces, dots, lower case) -------------

EPC_INPUTS = [
    ("Jan Peeters", "BE68539007547034", "12.30", "RF18539007547034"),
    ("Red Cross Belgium", "BE72000000001616", "25.00", "RF712348231"),
    ("Stadt Wien", "AT611904300234573201", "1999.99", "RF18539007547034"),
]
IBANS = [
    "BE71 0961 2345 6769",
    "DE89 3704 0044 0532 0130 00",
    "FR14 2004 1010 0505 0001 3M02 606",
    "NL91 ABNA 0417 1643 00",
    "GB82 WEST 1234 5698 7654 32",
    "IT60 X054 2811 1010 0000 0123 456",
]
VATS = ["BE0123456749", "BE 0123.456.749", "BE1234567894", "0403170701", "BE0417497106"]
OGMS = ["+++123/4567/89002+++", "+++000/0000/09797+++", "+++010/8068/17183+++", "010/8068/17183"]
RFS = ["RF18 5390 0754 7034", "RF712348231", "rf18539007547034"]


def compact(s: str) -> str:
    return "".join(s.split()).upper()


# -- the implementations -------------------------------------------------------------------------


def kassa_payload(item: Tuple[str, str, str, str]) -> str:
    name, iban, amount, reference = item
    return kassa.epc.build(name=name, iban=iban, amount=amount, reference=reference)


def kassa_epc(item: Tuple[str, str, str, str]) -> str:
    return kassa.epc.svg(kassa_payload(item), module_px=4, border=4)


def peers() -> Tuple[List[Tuple[str, str, Work, Sequence[Any], Callable[[Any, Any], bool]]], List[str]]:
    """(task, implementation, work, inputs, same-result check) for every peer that imports."""
    rows: List[Tuple[str, str, Work, Sequence[Any], Callable[[Any, Any], bool]]] = []
    notes: List[str] = []
    try:
        import segno.helpers

        def segno_epc(item: Tuple[str, str, str, str]) -> str:
            name, iban, amount, reference = item
            # encoding="utf-8": the same character set line as kassa's payload (charset 1).
            qr = segno.helpers.make_epc_qr(name, iban, Decimal(amount), reference=reference, encoding="utf-8")
            svg: str = qr.svg_inline(scale=4, border=4)
            return svg

        def segno_payload(item: Tuple[str, str, str, str]) -> bytes:
            name, iban, amount, reference = item
            data: bytes = segno.helpers._make_epc_qr_data(name, iban, Decimal(amount), reference=reference, encoding="utf-8")
            return data

        rows.append(("EPC payload + SVG", "segno make_epc_qr + svg_inline", segno_epc, EPC_INPUTS, same_svg_size))
        rows.append(("EPC payload", "segno _make_epc_qr_data", segno_payload, EPC_INPUTS, same_payload))
    except ImportError:
        notes.append("segno is not installed: EPC row skipped")
    try:
        import schwifty

        rows.append(("IBAN validate", "schwifty.IBAN(s)", lambda s: schwifty.IBAN(s).compact, IBANS, same_text))
    except ImportError:
        notes.append("schwifty is not installed: its IBAN row skipped")
    try:
        import stdnum.be.vat
        import stdnum.iban
        import stdnum.iso11649

        rows.append(("IBAN validate", "stdnum.iban.validate", stdnum.iban.validate, IBANS, same_text))
        rows.append(("BE VAT number", "stdnum.be.vat.validate", stdnum.be.vat.validate, VATS, same_vat))
        rows.append(("RF reference", "stdnum.iso11649.validate", stdnum.iso11649.validate, RFS, same_text))
        try:
            import stdnum.be.ogm_vcs

            rows.append(("OGM/VCS", "stdnum.be.ogm_vcs.validate", stdnum.be.ogm_vcs.validate, OGMS, same_ogm))
        except ImportError:
            notes.append("this python-stdnum has no stdnum.be.ogm_vcs: OGM peer skipped")
    except ImportError:
        notes.append("python-stdnum is not installed: its rows skipped")
    return rows, notes


def same_text(kassa_out: str, peer_out: str) -> bool:
    return compact(kassa_out) == compact(peer_out)


def same_vat(kassa_out: str, peer_out: str) -> bool:
    return kassa_out == "BE" + peer_out  # stdnum answers the 10 digits without the BE prefix


def same_ogm(kassa_out: str, peer_out: str) -> bool:
    return "".join(c for c in kassa_out if c.isdigit()) == peer_out  # stdnum answers the 12 digits


def same_payload(kassa_out: str, peer_out: bytes) -> bool:
    # The same transfer: kassa reads both payloads (segno's leniently: it writes the amount its own way).
    def fields(payload: Any, strict: bool) -> Tuple[Any, ...]:
        p = kassa.epc.parse(payload, strict=strict)
        return (p["name"], p["iban"], p["amount"], p["reference"], p["charset"])

    return fields(kassa_out, True) == fields(peer_out, False)


def same_svg_size(kassa_out: str, peer_out: str) -> bool:
    # Same QR version, module size and quiet zone: the same width attribute.
    def width(svg: str) -> str:
        return svg.split('width="', 1)[1].split('"', 1)[0]

    return width(kassa_out) == width(peer_out)


KASSA: Dict[str, Tuple[str, Work, Sequence[Any]]] = {
    "EPC payload + SVG": ("kassa.epc.build + svg", kassa_epc, EPC_INPUTS),
    "EPC payload": ("kassa.epc.build", kassa_payload, EPC_INPUTS),
    "IBAN validate": ("kassa.iban.validate", kassa.iban.validate, IBANS),
    "BE VAT number": ("kassa.be.vat_number", kassa.be.vat_number, VATS),
    "OGM/VCS": ("kassa.ogm.validate", kassa.ogm.validate, OGMS),
    "RF reference": ("kassa.rf.validate", kassa.rf.validate, RFS),
}
# Operations per timed run at --scale 1 (the EPC row renders a QR code per operation).
OPS = {"EPC payload + SVG": 100, "EPC payload": 10_000, "IBAN validate": 10_000, "BE VAT number": 10_000, "OGM/VCS": 10_000, "RF reference": 10_000}


def timed(work: Work, inputs: Sequence[Any], ops: int, repeat: int) -> Tuple[float, float]:
    """(min, median) seconds per operation over ``repeat`` runs of ``ops`` calls, after a warm-up."""
    items = [inputs[i % len(inputs)] for i in range(ops)]
    for item in items[: max(1, ops // 10)]:
        work(item)
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        for item in items:
            work(item)
        runs.append((time.perf_counter() - start) / ops)
    return min(runs), statistics.median(runs)


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies the operations per row")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per row (min and median shown)")
    parser.add_argument("--short", action="store_true", help="the checks and a few operations per row (a test step)")
    args = parser.parse_args(argv)
    if args.short:
        args.scale, args.repeat = 0.001, 2

    peer_rows, notes = peers()
    for task, name, work, inputs, same in peer_rows:  # the same work, or no row
        reference = KASSA[task][1]
        for item in inputs:
            ours, theirs = reference(item), work(item)
            if not same(ours, theirs):
                raise SystemExit(f"{task}: {name} disagrees with kassa on {item!r}: {theirs!r} vs {ours!r}")

    rows: List[Tuple[str, str, int, Tuple[float, float], Optional[float]]] = []
    for task, (name, work, inputs) in KASSA.items():
        ops = max(10, int(OPS[task] * args.scale))
        ours = timed(work, inputs, ops, args.repeat)
        rows.append((task, name, ops, ours, None))
        for peer_task, peer_name, peer_work, peer_inputs, _ in peer_rows:
            if peer_task == task:
                theirs = timed(peer_work, peer_inputs, ops, args.repeat)
                rows.append((task, peer_name, ops, theirs, theirs[0] / ours[0]))
        if not any(p[0] == task for p in peer_rows):
            rows.append((task, "(no peer)", 0, (0.0, 0.0), None))

    print(
        f"Python {platform.python_version()} on {platform.machine()}, kassa {kassa.__version__}, "
        f"segno {version('segno')}, schwifty {version('schwifty')}, python-stdnum {version('python-stdnum')}; "
        f"min and median of {args.repeat} runs" + (" (--short: checks only, times mean nothing)" if args.short else "")
    )
    header = ("task", "implementation", "ops", "µs/op min", "median", "vs kassa")
    table = [header]
    for task, name, ops, (per_op, median), ratio in rows:
        if not ops:
            table.append((task, name, "", "", "", ""))
            continue
        shown = "1.00 (base)" if ratio is None else f"{ratio:.2f}x"
        table.append((task, name, str(ops), f"{per_op * 1e6:.2f}", f"{median * 1e6:.2f}", shown))
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for i, row in enumerate(table):
        cells = [c.ljust(w) if j < 2 else c.rjust(w) for j, (c, w) in enumerate(zip(row, widths))]
        print("| " + " | ".join(cells) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for note in notes:
        print(f"note: {note}")
    print("vs kassa: the implementation's min time per operation / kassa's (above 1: kassa is faster).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
