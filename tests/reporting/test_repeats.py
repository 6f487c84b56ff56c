"""The repeat filter of the streaming report (reporting.repeats.SeenNumbers): never misses a number met before."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement.reporting.repeats import SeenNumbers, bits_for


@given(st.lists(st.text(max_size=20), max_size=200), st.sampled_from([8, 64, 1 << 16]))
def test_a_text_met_before_is_always_flagged(texts: list[str], bits: int) -> None:
    seen = SeenNumbers(bits)
    met: set[str] = set()
    for text in texts:
        flagged = seen.add(text)
        if text in met:
            assert flagged  # no false negative, whatever the size: the stream relies on it
        met.add(text)


def test_distinct_numbers_are_rarely_flagged_in_a_filter_of_the_files_size() -> None:
    numbers = [f"XD20230601{n:08d}" for n in range(20_000)]
    seen = SeenNumbers(bits_for(20_000 * 150))  # one bit per byte of a 150-byte order row
    assert sum(seen.add(number) for number in numbers) <= 2  # expected: under one in a million


def test_the_filter_size_follows_the_files_up_to_its_bound() -> None:
    assert bits_for(0) == 1 << 16  # 8 KiB at least
    assert bits_for(3_000_000) == 1 << 22  # the next power of two of the bytes
    assert bits_for(1 << 22) == 1 << 22
    assert bits_for(10**12) == 1 << 30  # 128 MiB at most, whatever the size
