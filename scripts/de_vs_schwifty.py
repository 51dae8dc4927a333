"""Compares kassa's German account check digit methods with schwifty's on random account numbers.

Not part of the test command (it needs schwifty from PyPI): run it after changing
core/src/ident/national/de.rs, in a virtualenv with `pip install schwifty`:

    cargo build -p kassa --example de_accounts
    python3 scripts/de_vs_schwifty.py [SEED] [N]   # N accounts per method, 20000 by default

For every method both implement: N accounts (a quarter uniformly random, a quarter short numbers
padded with zeros, half made valid by schwifty's own solver), each judged by both. Prints the
disagreements per method, sorted into the readings of the Bundesbank text where kassa and
schwifty are known to differ (see core/src/ident/national.rs, "Germany"); any other disagreement
is a bug in one of them and makes the exit code 1.
"""
import collections
import os
import random
import subprocess
import sys

from schwifty import checksum
import schwifty.checksum.germany  # noqa: F401 (registers the DE algorithms)

HERE = os.path.dirname(os.path.abspath(__file__))
seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
target = os.environ.get("CARGO_TARGET_DIR", os.path.join(HERE, "..", "target"))
binary = os.path.join(target, "debug", "examples", "de_accounts")
random.seed(seed)

# The methods both implement (kassa's list: kassa::ident::national::GERMAN_METHODS).
ours = "00 01 03 05 06 08 10 11 13 16 17 18 19 20 24 28 32 33 34 38 44 48 49 56 60 61 63 68 76 88 91 99 A2 A3 D8".split()
common = [m for m in ours if "DE:" + m in checksum.algorithms]

cases = []
for m in common:
    alg = checksum.algorithms["DE:" + m]
    for i in range(n):
        if i % 4 == 0:
            account = "%010d" % random.randrange(10**10)
        elif i % 4 == 1:
            account = "%010d" % random.randrange(10 ** random.randint(1, 9))
        else:
            account = "%010d" % random.randrange(10**10)
            try:
                solved = alg.solve([account])
                account = solved[0] if solved else account
            except Exception:
                pass
        cases.append((m, account))

verdicts = subprocess.run([binary], input="".join(f"{m} {a}\n" for m, a in cases), capture_output=True, text=True, check=True).stdout.split()
assert len(verdicts) == len(cases)


def known(m, a):
    """The documented reading a disagreement comes from, or None."""
    d = [int(c) for c in a]
    if m == "68" and int(a) < 100000:
        return "68: fewer than 6 digits refused"
    if m == "13" and a.startswith("00"):
        return "13: shifted two places left"
    if m == "76":
        rem = lambda s: sum(x * w for x, w in zip(reversed(d[1 + s : 7 + s]), [2, 3, 4, 5, 6, 7])) % 11
        if rem(0) == 10 or (a.startswith("00") and rem(2) == 10):
            return "76: remainder 10 not checked"
    return None


readings, unknown, valid = collections.Counter(), [], collections.Counter()
for (m, a), ours_ok in zip(cases, verdicts):
    try:
        theirs = bool(checksum.algorithms["DE:" + m].validate([a], ""))
    except Exception:
        theirs = False
    valid[m] += ours_ok == "1"
    if (ours_ok == "1") != theirs:
        why = known(m, a)
        if why:
            readings[why] += 1
        else:
            unknown.append((m, a, ours_ok, theirs))

print(f"{len(cases)} accounts over {len(common)} methods both implement ({n} each, seed {seed}); kassa only: {sorted(set(ours) - set(common))}")
print(f"agree: {len(cases) - sum(readings.values()) - len(unknown)}; differ by a documented reading: {dict(readings)}; differ otherwise: {len(unknown)}")
for m, a, k, s in unknown[:20]:
    print(f"  method {m} account {a}: kassa {k}, schwifty {s}")
sys.exit(1 if unknown else 0)
