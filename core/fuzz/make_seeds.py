#!/usr/bin/env python3
"""Writes the seed corpora of the structured fuzz targets from the shared fixtures: every parse
case of tests/fixtures/*.json becomes a `responses` seed (operation index, status, headers, body,
in the layout of `kassa::fuzz::responses`), the webhook signature vectors and callback URLs of
tests/fixtures/functions/*.json become `webhooks` / `callbacks` seeds, and every function case a
`functions` seed. Run from the repository root after the fixtures change:

    python3 core/fuzz/make_seeds.py
"""
import hashlib, json, os, glob

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEEDS = os.path.join(ROOT, "core", "fuzz", "seeds")
surface = json.load(open(os.path.join(ROOT, "docs", "surface.json")))
ops = [o["id"] for o in surface["operations"]]
functions = [f["name"] for f in surface["functions"]]


def write(target, data):
    d = os.path.join(SEEDS, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def unhex(v):
    if isinstance(v, dict) and set(v) == {"hex"}:
        return bytes.fromhex(v["hex"])
    return v


for path in sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "*.json"))):
    for case in json.load(open(path)).get("parse", []):
        r = case["response"]
        body = unhex(r.get("body", ""))
        body = body if isinstance(body, bytes) else body.encode()
        headers = "\n".join(f"{n}: {v}" for n, v in r.get("headers", [])).encode()
        status = (r["status"] - 100) % 500
        write("responses", bytes([ops.index(case["operation"]) % 256]) + status.to_bytes(2, "big") + headers + b"\0" + body)

for path in sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "functions", "*.json"))):
    for case in json.load(open(path))["cases"]:
        fn, args = case["fn"], [unhex(a) for a in case["args"]]
        text = lambda a: a if isinstance(a, bytes) else (a if isinstance(a, str) else json.dumps(a)).encode()
        if fn.endswith("verify_webhook") and len(args) >= 3:
            write("webhooks", text(args[1]) + b"\0" + text(args[0]) + b"\0" + text(args[2]))
        if fn in ("billit.parse_callback",):
            write("callbacks", text(args[0]) + b"\0")
        if fn == "identity.finish" and len(args) >= 2:
            write("callbacks", b"\0" + json.dumps(args[1]).encode())
        jsonable = [a.hex() if isinstance(a, bytes) else a for a in args]
        payload = json.dumps(case.get("kwargs") or jsonable).encode()
        if fn in functions:
            write("functions", bytes([functions.index(fn) % 256]) + payload)
print("seeds written under", SEEDS)
