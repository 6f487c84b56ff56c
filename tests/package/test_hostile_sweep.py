"""Every public callable against hostile values (issue 17): a result or the library's own error.

Every callable exported by the front door and the area namespaces is called with each of the
attack's hostile values (``fuzz/targets.py``: huge ints, NaN/sNaN/Infinity, subclasses of
str/int/Decimal, bools, lone surrogates, control and bidi characters, 1 MB of text, wrong
objects) in every required positional parameter (in the first one when all are optional). It must return
or raise a ``PovertyProcurementError``: any other exception, or running out of a 2 GiB address
space, is a failure. The sweep runs in a child process with that memory limit.

The calling convention, and why: a callable that takes no positional value at all (``Confirm``,
``policy_table``, ``sample_dataset``) is called once with none — handing it a value would only
exercise Python's own "takes 0 positional arguments" ``TypeError``, which says nothing about the
library. Typing protocols (``FilingLike``, ``UnitLike``) are types to check against, not callables
a user calls; they are recognised by inspection (``typing.is_protocol``, or ``_is_protocol`` before
Python 3.13), never by name, so a new protocol is skipped and a new class is not.

:data:`KNOWN_GAPS` lists, honestly, the callables that do not hold yet; it is empty. The test
fails when a callable outside the list breaks the rule, and when one on the list starts to hold
(so the list only shrinks).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FUZZ = Path(__file__).resolve().parents[2] / "fuzz"

#: Callables known not to hold yet. Empty: the classes that were here are closed — enumerations
#: look a member up by text only (``conventions.LabelledEnum``), rules check what they are given
#: (``conventions.require``/``require_each``), zero-argument callables are called with none and
#: typing protocols are not called, an error class given a non-text part raises ``UnsupportedType``.
KNOWN_GAPS: frozenset[str] = frozenset()

_SWEEP = r"""
import importlib, inspect, json, resource, sys, typing
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
sys.path.insert(0, sys.argv[1])
from targets import HOSTILE_VALUES
from poverty_procurement.errors import PovertyProcurementError, shown

AREAS = ["", "policy", "filings", "workflow", "counties", "payments", "completion", "reporting"]
seen, callables = set(), []
for area in AREAS:
    module = importlib.import_module("poverty_procurement" + (f".{area}" if area else ""))
    for name in module.__all__:
        thing = getattr(module, name)
        if callable(thing) and id(thing) not in seen:
            seen.add(id(thing))
            callables.append((f"{area}.{name}" if area else name, thing))

def is_protocol(thing):
    # A typing protocol is a type to check against, not a callable a user calls.
    check = getattr(typing, "is_protocol", None)  # Python 3.13+
    return isinstance(thing, type) and bool(check(thing) if check else getattr(thing, "_is_protocol", False))

failures = {}
called = 0
for label, thing in callables:
    if is_protocol(thing):
        continue
    called += 1
    try:
        parameters = [p for p in inspect.signature(thing).parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)]
        required = sum(1 for p in parameters if p.default is p.empty and p.kind is not p.VAR_POSITIONAL)
        arity = max(required, 1) if parameters else 0
    except (TypeError, ValueError):
        arity = 1
    # A callable that takes no positional value is called once with none: feeding it one would
    # only test Python's own "takes 0 positional arguments" TypeError.
    for value in HOSTILE_VALUES if arity else [None]:
        try:
            result = thing(*[value] * arity)
            if hasattr(result, "__next__"):
                for _ in result:
                    pass
        except PovertyProcurementError:
            pass
        except BaseException as error:
            if isinstance(error, (KeyboardInterrupt, SystemExit)):
                raise
            failures[label] = f"{shown(value)} -> {type(error).__name__}"
            break
print(json.dumps({"callables": called, "failures": failures}))
"""


def test_every_public_callable_returns_or_raises_the_librarys_error() -> None:
    result = subprocess.run([sys.executable, "-c", _SWEEP, str(FUZZ)], capture_output=True, text=True,
                            check=False, timeout=1800)
    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout)
    failures: dict[str, str] = outcome["failures"]
    assert outcome["callables"] > 150
    assert {name: why for name, why in failures.items() if name not in KNOWN_GAPS} == {}
    assert sorted(KNOWN_GAPS - set(failures)) == [], "these hold now: remove them from KNOWN_GAPS"


_BROKEN = r"""
import typing
import poverty_procurement.policy as area

def broken(value):  # a rule that does not check what it is given
    return value.unit

def broken_without_arguments():  # a zero-argument loader that fails on its own
    raise KeyError("data")

class Shaped(typing.Protocol):  # a protocol: not called
    def shape(self) -> int: ...

area.broken, area.broken_without_arguments, area.Shaped = broken, broken_without_arguments, Shaped
area.__all__ = [*area.__all__, "broken", "broken_without_arguments", "Shaped"]
"""


def test_the_sweep_still_catches_a_new_callable_that_breaks_the_rule() -> None:
    result = subprocess.run([sys.executable, "-c", _BROKEN + _SWEEP, str(FUZZ)], capture_output=True, text=True,
                            check=False, timeout=1800)
    assert result.returncode == 0, result.stderr[-3000:]
    failures = json.loads(result.stdout)["failures"]
    assert failures.keys() == {"policy.broken", "policy.broken_without_arguments"}
    assert failures["policy.broken_without_arguments"] == "None -> KeyError"
