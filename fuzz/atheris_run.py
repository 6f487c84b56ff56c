"""Coverage-guided fuzzing with atheris, and whether it reaches code Hypothesis alone does not.

    python fuzz/atheris_run.py [--runs N] [--only SUBSTRING]

Needs ``pip install atheris`` (CPython 3.11 wheels; not a dependency of the library or of CI).
Every target of ``targets.py`` runs twice, each in its own process with branch coverage of
``src/poverty_procurement`` measured (coverage.py API; the input strategies themselves are left out):

* **atheris**: libFuzzer mutates the byte buffer behind the target's Hypothesis strategy
  (``fuzz_one_input``), keeping inputs that reach new edges of the instrumented package;
* **hypothesis**: the same strategy, the same number of inputs, drawn at random (as ``run.py``).

It prints, per target, the inputs each engine ran, how they ended (result / library error), the
slowest single input under atheris, the branch arcs each reached, and how many arcs only atheris
reached. A target may only return or raise the library's errors: anything else stops that
target's process with a traceback and the parent reports the finding.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent / "src" / "poverty_procurement"
sys.path.insert(0, str(HERE))


def _coverage() -> Any:
    import coverage

    # the library's own code: not the strategies that generate the inputs
    return coverage.Coverage(branch=True, data_file=None, include=[str(PACKAGE / "*")],
                             omit=[str(PACKAGE / "strategies" / "*"), str(PACKAGE / "_hypothesis_plugin.py")])


def _arcs(cov: Any) -> list[str]:
    data = cov.get_data()
    return sorted(f"{Path(name).relative_to(PACKAGE)}:{a}:{b}"
                  for name in data.measured_files() for a, b in (data.arcs(name) or ()))


def _child(name: str, engine: str, runs: int, report: Path) -> None:
    """Run one target under one engine, write the counts and reached arcs to ``report``."""
    import importlib
    import pkgutil

    if engine == "atheris":
        import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]  # optional: pip install atheris

        with atheris.instrument_imports(include=["poverty_procurement"]):
            import poverty_procurement

            for module in pkgutil.walk_packages(poverty_procurement.__path__, "poverty_procurement."):
                if ".strategies" not in module.name and not module.name.endswith("__main__"):
                    importlib.import_module(module.name)
    from hypothesis import Phase
    from targets import TARGETS

    from run import Tally, fuzz_test

    function, inputs = next((f, s) for n, f, s in TARGETS if n == name)
    tally = Tally()
    cov = _coverage()

    def finish() -> None:
        cov.stop()
        report.write_text(json.dumps({"outcomes": tally.outcomes, "slowest": tally.slowest, "arcs": _arcs(cov)}))

    target = fuzz_test(function, inputs, runs, tally, (Phase.generate,))
    cov.start()
    if engine == "hypothesis":
        target()
        finish()
        return
    calls = 0
    fuzz_one_input = target.hypothesis.fuzz_one_input

    def one_input(buffer: bytes) -> None:
        nonlocal calls
        calls += 1
        fuzz_one_input(buffer)
        if calls == runs:  # libFuzzer exits the process after the last run: save before it does
            finish()

    atheris.Setup([sys.argv[0], f"-runs={runs}", "-max_len=4096", "-seed=1"], one_input)
    atheris.Fuzz()


def _run(name: str, engine: str, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "report.json"
        done = subprocess.run([sys.executable, __file__, "--child", name, "--engine", engine, "--runs", str(runs),
                               "--report", str(report)], capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(PACKAGE.parent)}, check=False)
        if not report.exists():
            return {"finding": (done.stderr or done.stdout)[-3000:]}
        result: dict[str, Any] = json.loads(report.read_text())
        return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5_000)
    parser.add_argument("--only", default="")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="atheris", help=argparse.SUPPRESS)
    parser.add_argument("--report", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.engine, args.runs, args.report)
        return 0
    from targets import TARGETS

    print(f"{'target':44} {'atheris':>8} {'ok':>6} {'lib err':>7} {'slowest':>8} "
          f"{'arcs(hyp)':>9} {'arcs(ath)':>9} {'ath only':>8}")
    findings = 0
    for name, _, _ in TARGETS:
        if args.only not in name:
            continue
        fuzzed, drawn = _run(name, "atheris", args.runs), _run(name, "hypothesis", args.runs)
        if "finding" in fuzzed or "finding" in drawn:
            findings += 1
            print(f"{name:44} FINDING\n{fuzzed.get('finding') or drawn.get('finding')}", flush=True)
            continue
        ran = sum(fuzzed["outcomes"].values())
        reached_only = sorted(set(fuzzed["arcs"]) - set(drawn["arcs"]))
        only = len(reached_only)
        ok, errors = fuzzed["outcomes"].get("ok", 0), fuzzed["outcomes"].get("library error", 0)
        print(f"{name:44} {ran:8d} {ok:6d} {errors:7d} "
              f"{fuzzed['slowest'] * 1000:6.1f}ms {len(drawn['arcs']):9d} {len(fuzzed['arcs']):9d} {only:8d}",
              flush=True)
        for arc in reached_only[:10]:
            print(f"    only atheris: {arc}", flush=True)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
