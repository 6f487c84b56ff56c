"""重复订单号筛查 — the order numbers met so far, in memory that does not grow with the orders.

The streaming report (:mod:`poverty_procurement.reporting.stream`) must name every repeated order
number (the batch path's row error "duplicate order number", rule D2 of
:mod:`poverty_procurement.reporting.records`) without holding every number of a file of ten million
orders. :class:`SeenNumbers` is a Bloom filter: a bit array of fixed size (chosen from the size of the
files, at most 128 MiB) in which each number sets a few bits. It never misses a number met before; it
may say "perhaps met" of a new one (a false positive: at 10,000,000 numbers in 128 MiB a new number is
flagged about once in 250 million). So it only *screens*: the stream holds back the rows it flags and settles them
exactly by reading the orders once more (:func:`~poverty_procurement.reporting.stream.report_csv`);
a file without repeated numbers is, in practice, never read that extra time.

>>> seen = SeenNumbers(1 << 16)
>>> seen.add("XD2023060100000001"), seen.add("XD2023060100000002"), seen.add("XD2023060100000001")
(False, False, True)
"""

from __future__ import annotations

__all__ = ["SeenNumbers", "bits_for"]

#: Seven bits set per number (unrolled in :meth:`SeenNumbers.add`): at 100 bits or more per number a new
#: number is flagged less than once in ten million.
_LEAST_BITS = 1 << 16  # 8 KiB: a small file
_MOST_BITS = 1 << 30  # 128 MiB: the bound, whatever the size of the files


def bits_for(size: int) -> int:
    """The filter's size in bits for order files of ``size`` bytes in all: four bits per byte (a row of
    an order is 100–300 bytes, so 400 bits or more per number), a power of two from 2¹⁶ to 2³⁰."""
    bits = _LEAST_BITS
    while bits < size and bits < _MOST_BITS:
        bits <<= 1
    return bits


class SeenNumbers:
    """已出现的订单号（布隆过滤器） — texts met so far, screened in ``bits`` bits (a power of two, at
    least 8: :func:`bits_for` gives one).

    :meth:`add` says whether the text was *perhaps* met before: ``False`` is certain (never met),
    ``True`` may be a false positive, so a caller needing the truth checks those texts exactly.
    The bit positions come from Python's ``hash`` of the text (the same within one process, which is
    all a report needs)."""

    __slots__ = ("_bits", "_mask")

    def __init__(self, bits: int) -> None:
        self._bits = bytearray(bits >> 3)
        self._mask = bits - 1

    def add(self, text: str) -> bool:
        """Note ``text``; whether it was perhaps met before (``False``: certainly not)."""
        whole = hash(text)
        mask = self._mask
        bits = self._bits
        # seven positions a, a+s, …, a+6s (double hashing; s odd, so they differ), unrolled: this runs per order
        at = whole & mask
        step = ((whole >> 32) & mask) | 1
        p1, p2, p3 = at, (at + step) & mask, (at + 2 * step) & mask
        p4, p5, p6, p7 = (at + 3 * step) & mask, (at + 4 * step) & mask, (at + 5 * step) & mask, (at + 6 * step) & mask
        f1, f2, f3, f4 = 1 << (p1 & 7), 1 << (p2 & 7), 1 << (p3 & 7), 1 << (p4 & 7)
        f5, f6, f7 = 1 << (p5 & 7), 1 << (p6 & 7), 1 << (p7 & 7)
        p1, p2, p3, p4, p5, p6, p7 = p1 >> 3, p2 >> 3, p3 >> 3, p4 >> 3, p5 >> 3, p6 >> 3, p7 >> 3
        if (bits[p1] & f1 and bits[p2] & f2 and bits[p3] & f3 and bits[p4] & f4 and bits[p5] & f5
                and bits[p6] & f6 and bits[p7] & f7):
            return True
        bits[p1] |= f1
        bits[p2] |= f2
        bits[p3] |= f3
        bits[p4] |= f4
        bits[p5] |= f5
        bits[p6] |= f6
        bits[p7] |= f7
        return False
