#!/usr/bin/env bash
# Builds the release artifacts the test command does not build (cross targets are too heavy for CI):
# the Python sdist and the Linux wheels for manylinux2014 (glibc 2.17) and musllinux_1_2, x86_64
# and aarch64, cross-compiled with `maturin build --zig` (Zig from the PyPI `ziglang` package).
# Then checks them: the sdist is installed from source into a fresh venv (pip builds it with cargo)
# and called; every wheel's tags are read from its WHEEL file and its shared object checked
# (`auditwheel show` for manylinux; for musllinux, which auditwheel cannot read on a glibc host,
# its ELF machine and libraries); the x86_64 manylinux2014 wheel is installed into a fresh venv
# and called.
# macOS and Windows wheels: .github/workflows/release.yml (on their own runners).
#
# Usage: scripts/release.sh [python [TRIPLE...]]   (with triples: only those wheels, no sdist, the
# other artifacts kept)
# Artifacts: $KASSA_DIST/python (default dist/python); a summary (tags, sizes, build times) in
# $KASSA_DIST/python/SUMMARY.txt (appended to when triples are given). Tools (maturin, ziglang, auditwheel, pinned) in a venv under
# ${CARGO_TARGET_DIR:-target}/release-venv. Builds run one target at a time under `nice`.
set -euo pipefail
what=${1:-python}
only=("${@:2}")
root=$(cd "$(dirname "$0")/.." && pwd)
target_dir=${CARGO_TARGET_DIR:-$root/target}
dist=${KASSA_DIST:-$root/dist}
MATURIN_VERSION=1.16.0
ZIGLANG_VERSION=0.15.2
AUDITWHEEL_VERSION=6.8.2
# target triple, wheel platform policy, the platform tag the wheel must carry
PYTHON_TARGETS=(
  "x86_64-unknown-linux-gnu   manylinux2014  manylinux_2_17_x86_64"
  "aarch64-unknown-linux-gnu  manylinux2014  manylinux_2_17_aarch64"
  "x86_64-unknown-linux-musl  musllinux_1_2  musllinux_1_2_x86_64"
  "aarch64-unknown-linux-musl musllinux_1_2  musllinux_1_2_aarch64"
)

log() { printf '[release] %s\n' "$*"; }
die() { printf '[release] FAILED: %s\n' "$*" >&2; exit 1; }

[ "$what" = python ] || die "unknown artifact '$what' (known: python)"

tools="$target_dir/release-venv"
if ! "$tools/bin/maturin" --version 2>/dev/null | grep -qx "maturin $MATURIN_VERSION" \
  || ! "$tools/bin/python" -c "import ziglang, importlib.metadata as m; assert m.version('ziglang') == '$ZIGLANG_VERSION'" 2>/dev/null \
  || ! "$tools/bin/auditwheel" --version 2>/dev/null | grep -q " $AUDITWHEEL_VERSION "; then
  log "release tools venv: maturin $MATURIN_VERSION, ziglang $ZIGLANG_VERSION, auditwheel $AUDITWHEEL_VERSION"
  [ -x "$tools/bin/pip" ] || python3 -m venv "$tools"
  "$tools/bin/pip" install -q "maturin==$MATURIN_VERSION" "ziglang==$ZIGLANG_VERSION" "auditwheel==$AUDITWHEEL_VERSION"
fi
for triple in x86_64-unknown-linux-gnu x86_64-unknown-linux-musl aarch64-unknown-linux-gnu aarch64-unknown-linux-musl; do
  rustup target list --installed | grep -qx "$triple" || { log "rustup target add $triple"; rustup target add "$triple"; }
done
# maturin finds Zig through `python -m ziglang` of the interpreter on PATH.
export PATH="$tools/bin:$PATH"

out="$dist/python"
summary="$out/SUMMARY.txt"
if [ ${#only[@]} = 0 ]; then rm -rf "$out"; fi
mkdir -p "$out"
if [ ${#only[@]} = 0 ]; then : >"$summary"; fi
version=$(cd "$root" && cargo metadata --format-version 1 --no-deps \
  | "$tools/bin/python" -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "kassa-python"))')
log "kassa $version -> $out"

# A fresh venv in which kassa is installed and called (the user's view of a wheel or an sdist).
smoke() { # smoke <label> <pip args...>: appends "<label>: ... ok" to the summary
  local label=$1; shift
  local venv="$target_dir/release-smoke"
  rm -rf "$venv"
  python3 -m venv "$venv"
  nice -n 10 "$venv/bin/pip" install -q "$@"  # (an sdist: pip runs maturin, maturin runs cargo)
  (cd /tmp && "$venv/bin/python" - "$version" <<'EOF')
import sys, importlib.metadata
import kassa
assert kassa.__version__ == sys.argv[1] == importlib.metadata.version("kassa"), kassa.__version__
assert kassa.iban.validate("BE71 0961 2345 6769") == "BE71096123456769"
try:
    kassa.iban.validate("BE71 0961 2345 6760")
except kassa.ValidationError as e:
    assert e.code, e
else:
    raise AssertionError("a wrong check digit was accepted")
print(f"kassa {kassa.__version__} from {kassa.__file__}: iban.validate ok")
EOF
  rm -rf "$venv"
  echo "$label: installed into a fresh venv, imported, kassa.iban.validate called: ok" >>"$summary"
}

cd "$root/bindings-python"

if [ ${#only[@]} = 0 ]; then
log "== sdist"
start=$SECONDS
"$tools/bin/maturin" sdist --out "$out" >/dev/null
sdist=$(ls "$out"/kassa-"$version".tar.gz)
listing=$(tar -tzf "$sdist")
grep -qx "kassa-$version/Cargo.lock" <<<"$listing" || die "the sdist has no Cargo.lock"
echo "$(basename "$sdist")  $(du -k "$sdist" | cut -f1) KB  (maturin sdist, $((SECONDS - start)) s)" >>"$summary"
log "== sdist: pip install from source into a fresh venv (cargo build, release)"
start=$SECONDS
smoke "sdist (pip install $(basename "$sdist"): built from source by cargo)" --no-binary kassa "$sdist"
echo "  sdist build + install: $((SECONDS - start)) s" >>"$summary"
fi

for row in "${PYTHON_TARGETS[@]}"; do
  read -r triple policy tag <<<"$row"
  if [ ${#only[@]} != 0 ] && [[ " ${only[*]} " != *" $triple "* ]]; then continue; fi
  rm -f "$out"/kassa-"$version"-*"$tag"*.whl
  log "== wheel $triple ($policy)"
  start=$SECONDS
  nice -n 10 "$tools/bin/maturin" build --release --zig --target "$triple" --compatibility "$policy" \
    --out "$out/$triple" 2>&1 | grep -E '^(📦|🔗|🐍|✏️|📖|⚠️|💥|error|warning: unused)' || true
  wheel=$(ls "$out/$triple"/kassa-"$version"-*.whl 2>/dev/null) || die "no wheel for $triple"
  seconds=$((SECONDS - start))
  mv "$wheel" "$out/" && rmdir "$out/$triple"
  wheel="$out/$(basename "$wheel")"
  # The tags as pip reads them (WHEEL), and the shared object's platform as auditwheel reads it.
  tags=$("$tools/bin/python" - "$wheel" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    name = next(n for n in z.namelist() if n.endswith(".dist-info/WHEEL"))
    print(" ".join(l.split(": ", 1)[1] for l in z.read(name).decode().splitlines() if l.startswith("Tag: ")))
EOF
  )
  case " $tags " in *" cp310-abi3-$tag "*) ;; *) die "$wheel: tags '$tags', expected cp310-abi3-$tag" ;; esac
  echo "$(basename "$wheel")  $(du -k "$wheel" | cut -f1) KB  ($triple, $seconds s)  tags: $tags" >>"$summary"
  case "$policy" in
    manylinux2014)
      shown=$("$tools/bin/auditwheel" show "$wheel" 2>&1 | tr '\n' ' ' | sed 's/  */ /g')
      grep -q 'consistent with the following platform tag: "manylinux_2_17' <<<"$shown" || die "auditwheel: $shown"
      echo "  auditwheel show: $shown" >>"$summary" ;;
    musllinux_1_2)
      # auditwheel cannot read musl wheels on a glibc host: the shared object itself, with
      # pyelftools (auditwheel's dependency): its machine, and nothing linked but musl's libc.
      elf=$("$tools/bin/python" - "$wheel" "$triple" <<'PY'
import io, sys, zipfile
from elftools.elf.elffile import ELFFile
wheel, triple = sys.argv[1:]
with zipfile.ZipFile(wheel) as z:
    name = next(n for n in z.namelist() if n.endswith(".so"))
    elf = ELFFile(io.BytesIO(z.read(name)))
machine = {"x86_64": "EM_X86_64", "aarch64": "EM_AARCH64"}[triple.split("-")[0]]
needed = [t.needed for t in elf.get_section_by_name(".dynamic").iter_tags() if t.entry.d_tag == "DT_NEEDED"]
versions = elf.get_section_by_name(".gnu.version_r")
glibc = versions is not None and any(a.name.startswith("GLIBC_") for _, auxs in versions.iter_versions() for a in auxs)
assert elf["e_machine"] == machine, elf["e_machine"]
assert set(needed) <= {"libc.so"} and not glibc, (needed, glibc)
print(f"{name}: {elf['e_machine']}, DT_NEEDED {needed}, no glibc symbol versions")
PY
      ) || die "$wheel: $elf"
      echo "  ELF: $elf" >>"$summary" ;;
  esac
  # The one this machine can run: into a fresh venv, imported, called.
  if [ "$triple" = x86_64-unknown-linux-gnu ]; then
    log "== $(basename "$wheel"): install into a fresh venv and call"
    smoke "$(basename "$wheel")" --no-index "$wheel"
  else
    echo "  $triple: tags and shared object checked only (no Python for it here)" >>"$summary"
  fi
done

log "== summary"
cat "$summary"
