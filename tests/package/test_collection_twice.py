"""Collecting the tests twice in one process gives the same node ids (the hook in tests/conftest.py).

mutmut (``bash scripts/mutation.sh``) records which tests cover which function in one ``pytest.main``
call and then runs those tests by node id in further ``pytest.main`` calls in the same process. pytest
9.2 escaped non-ASCII parametrize ids a second time on the second collection, so the recorded ids were
"not found" and mutmut stopped at "Failed to run clean test".
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_TWICE = """
import pytest

class Ids:
    def __init__(self) -> None:
        self.ids: list[str] = []

    def pytest_collection_modifyitems(self, items) -> None:
        self.ids = [item.nodeid for item in items]

def collect() -> list[str]:
    ids = Ids()
    code = pytest.main(["--collect-only", "-qq", "-p", "no:cacheprovider", "-p", "no:randomly",
                        "tests/payments/test_payment_model.py"], plugins=[ids])
    assert code == 0, code
    return ids.ids

first, second = collect(), collect()
print(sum("\\\\u4e00\\\\u81f4" in nodeid for nodeid in first), first == second)
"""


def test_a_second_collection_in_the_same_process_gives_the_same_node_ids() -> None:
    # test_record_errors_in_full has ids such as "一致 without the payer name": escaped, \\u4e00\\u81f4
    done = subprocess.run([sys.executable, "-c", _TWICE], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8", timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    escaped, same = done.stdout.split()[-2:]
    assert int(escaped) >= 4 and same == "True", done.stdout
