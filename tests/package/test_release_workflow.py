"""The release workflow (.github/workflows/release.yml) cannot run here; this pins what it must do.

actionlint could not be installed on this machine (its PyPI wrapper downloads a binary while
building), so the file is parsed as YAML and its shape checked: a tag push, the whole check before
the build, trusted publishing (id-token, no password) with pypa's action.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml  # type: ignore[import-untyped]

WORKFLOW = Path(__file__).resolve().parents[2] / ".github" / "workflows" / "release.yml"


def _load() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_release_runs_on_version_tags_only() -> None:
    triggers = _load()[True]  # YAML 1.1 reads the key `on` as the boolean true
    assert triggers == {"push": {"tags": ["v*"]}}


def test_release_checks_builds_then_publishes_with_trusted_publishing() -> None:
    jobs = _load()["jobs"]
    assert jobs["build"]["needs"] == "check"
    assert jobs["publish"]["needs"] == "build"
    assert any("bash .ci/run" in step.get("run", "") for step in jobs["check"]["steps"])
    assert any("twine check --strict" in step.get("run", "") for step in jobs["build"]["steps"])
    publish = jobs["publish"]
    assert publish["permissions"] == {"id-token": "write"}
    uses = [step["uses"] for step in publish["steps"] if "uses" in step]
    assert "pypa/gh-action-pypi-publish@release/v1" in uses
    assert not any("password" in step.get("with", {}) for step in publish["steps"])
    for job in jobs.values():
        for step in job["steps"]:
            assert "uses" in step or "run" in step
