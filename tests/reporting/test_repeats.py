"""The repeat screen of the streaming report (reporting.repeats.SeenNumbers): never misses a number met before;
exact while its table of hashes is under three quarters full, then a Bloom filter fed the table's hashes."""

from __future__ import annotations

import tracemalloc

from hypothesis import given
from hypothesis import strategies as st

from poverty_procurement.reporting.repeats import SeenNumbers, bits_for


class _Hashed(str):
    """A text whose ``hash`` the test chooses: two texts the screen can only tell apart by the bits it uses."""

    chosen: int

    def __new__(cls, text: str, chosen: int) -> _Hashed:
        made = super().__new__(cls, text)
        made.chosen = chosen
        return made

    def __hash__(self) -> int:
        return self.chosen


# bits 8 and 64: a Bloom filter from the start; 256, 1024, 4096: a table of 4, 16, 64 hashes that becomes a
# filter after 3, 12, 48 numbers (within the 200 texts); 2**16: a table of 1,024, exact for 200 texts. Any other
# size (0 to 8,192) is taken down to a power of two, at least 8.
@given(st.lists(st.text(max_size=20), max_size=200),
       st.one_of(st.sampled_from([8, 64, 1 << 8, 1 << 10, 1 << 12, 1 << 16]), st.integers(0, 1 << 13)))
def test_a_text_met_before_is_always_flagged(texts: list[str], bits: int) -> None:
    seen = SeenNumbers(bits)
    met: set[str] = set()
    for text in texts:
        flagged = seen.add(text)
        if text in met:
            assert flagged  # no false negative, whatever the size and across the switch: the stream relies on it
        met.add(text)


@given(st.lists(st.text(max_size=20), max_size=200))
def test_the_table_answers_exactly_until_it_is_three_quarters_full(texts: list[str]) -> None:
    seen = SeenNumbers(1 << 16)  # 1,024 slots: 768 numbers before the switch, more than the texts
    met: set[str] = set()
    for text in texts:
        assert seen.add(text) == (text in met)  # (two texts of one 64-bit hash would be flagged: not in a lifetime)
        met.add(text)


def test_texts_of_different_hashes_are_told_apart_in_the_table_and_only_then() -> None:
    """Regression (issue 18: the 7-probe filter from the first number): the table keeps the whole hash, so two
    hashes that differ only in bits the filter's positions ignore (bit 10 for a 2**10-bit screen) are not
    confused; after the switch (12 numbers in the 16-slot table) they are — a false positive, which shows the
    filter was fed the table's hashes."""
    bits = 1 << 10
    seen = SeenNumbers(bits)
    first = [_Hashed(f"XD{n:016d}", 12345 + n * 2**33) for n in range(11)]
    assert [seen.add(text) for text in first] == [False] * 11
    twin = _Hashed("another", first[0].chosen + bits)  # the filter's positions: bits 0-9 and 32-41 of the hash
    assert seen.add(twin) is False  # the 12th number: told apart (the old filter said True), then the switch
    assert seen.add(_Hashed("a third", first[1].chosen + bits)) is True  # a filter now: perhaps met
    assert all(seen.add(text) for text in [*first, twin])


def test_distinct_numbers_are_never_flagged_in_a_screen_of_the_files_size() -> None:
    numbers = [f"XD20230601{n:08d}" for n in range(100_000)]
    seen = SeenNumbers(bits_for(100_000 * 100))  # one bit per byte of 100-byte order rows (the densest): 64% full
    assert not any(seen.add(number) for number in numbers)  # the table: exact


def test_the_filter_past_the_switch_flags_new_numbers_rarely() -> None:
    """60,000 numbers in 2**20 bits: the table (16,384 slots) switches at 12,288, the filter then holds up to 17
    bits a number. The expected false positives, the sum over n of (1 - e^(-7n / 2**20))**7, are 3.7 (Poisson,
    whatever the process's hash seed): 20 is never reached by chance, only by a filter set wrong."""
    seen = SeenNumbers(1 << 20)
    assert sum(seen.add(f"XD20230601{n:08d}") for n in range(60_000)) <= 20


def test_the_memory_is_the_bits_whatever_the_numbers() -> None:
    bits = 1 << 20  # 128 KiB; the table takes 12,288 numbers, then the filter: 40,000 numbers pass the switch
    tracemalloc.start()
    try:
        seen = SeenNumbers(bits)
        for n in range(40_000):
            seen.add(f"XD20230601{n:08d}")
        now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert now <= bits // 8 + 16_384  # the filter alone, the table dropped
    assert peak <= 2 * (bits // 8) + 16_384  # both only while the table's hashes are fed to the filter
    assert seen.add("XD2023060100000000")


def test_the_filter_size_follows_the_files_up_to_its_bound() -> None:
    assert bits_for(0) == 1 << 16  # 8 KiB at least
    assert bits_for(3_000_000) == 1 << 22  # the next power of two of the bytes
    assert bits_for(1 << 22) == 1 << 22
    assert bits_for(10**12) == 1 << 30  # 128 MiB at most, whatever the size
