"""Shared test configuration: Hypothesis profiles, and parametrize ids that survive a second in-process run.

* ``ci`` (default): fast, derandomized examples sized for a 2-core CI machine.
* ``thorough``: many more examples; run with ``HYPOTHESIS_PROFILE=thorough``.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "thorough",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


_IDS_MADE_THIS_SESSION = pytest.StashKey[set[int]]()


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Make each ``parametrize(..., ids=[...])`` test's ids afresh in every session, as a new process would.

    pytest (9.2) keeps the ids it made for such a mark on the mark itself, already escaped
    (``一致`` → ``\\u4e00\\u81f4``), and when the same module object is collected again in the same
    interpreter it takes them as explicit ids and escapes them again (``\\\\u4e00…``). mutmut does
    exactly that: its stats pass and then its clean run (and every mutant's run) call ``pytest.main``
    in one process, so the clean run was asked for node ids that no longer exist ("not found", exit
    code 4, "Failed to run clean test"). Dropping the kept ids the first time a session meets a mark
    gives every session the ids of a fresh process; a mark shared by several tests still makes its
    ids once per session. ``tests/package/test_collection_twice.py`` checks this.
    """
    made = metafunc.config.stash.setdefault(_IDS_MADE_THIS_SESSION, set())
    for mark in metafunc.definition.iter_markers("parametrize"):
        source = getattr(mark, "_param_ids_from", None)  # pytest's own attribute; absent in other versions
        if source is not None and id(source) not in made:
            made.add(id(source))
            if getattr(source, "_param_ids_generated", None) is not None:
                object.__setattr__(source, "_param_ids_generated", None)  # the mark is a frozen dataclass
