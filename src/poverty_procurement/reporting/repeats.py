"""重复订单号筛查 — the order numbers met so far, in memory that does not grow with the orders.

The streaming report (:mod:`poverty_procurement.reporting.stream`) must name every repeated order
number (the batch path's row error "duplicate order number", rule D2 of
:mod:`poverty_procurement.reporting.records`) without holding every number of a file of ten million
orders. :class:`SeenNumbers` keeps them in a fixed number of bits (chosen from the size of the files,
at most 128 MiB), in two stages:

1. **a table of hashes** (open addressing, one 64-bit slot per number, linear probing): each number's
   Python ``hash`` in a slot. It answers exactly but for two numbers of equal 64-bit hash (among ten
   million numbers, a chance of three in a million), in one probe or two: four to five times faster
   than the filter alone, as used before (see ``docs/dev/streaming.md`` for the measurements);
2. **a Bloom filter**, once the table is three quarters full (at 128 MiB, past 12.6 million numbers: a
   file of some 2 GB of orders): the table's hashes are fed into a bit array of the same size, the table
   is dropped, and each number from then on sets seven bits. A new number may then be flagged "perhaps
   met" (a false positive: about once in fifty million at the switch, 85 bits per number; the filter
   fills as numbers come, so that a file of 20 million orders meets about one in all). For the moment
   of the switch both are held (at the bound, 256 MiB); below the bound only files of rows under
   85 bytes, smaller than any order row, ever fill the table.

Either way a number met before is never missed; a new one is flagged only rarely. So it only
*screens*: the stream holds back the rows it flags and settles them exactly by reading the orders once
more (:func:`~poverty_procurement.reporting.stream.report_csv`); a file without repeated numbers is, in
practice, never read that extra time.

>>> seen = SeenNumbers(1 << 16)
>>> seen.add("XD2023060100000001"), seen.add("XD2023060100000002"), seen.add("XD2023060100000001")
(False, False, True)
"""

from __future__ import annotations

from array import array

__all__ = ["SeenNumbers", "bits_for"]

_LEAST_BITS = 1 << 16  # 8 KiB: a small file
_MOST_BITS = 1 << 30  # 128 MiB: the bound, whatever the size of the files


def bits_for(size: int) -> int:
    """The screen's size in bits for order files of ``size`` bytes in all: one to two bits per byte (the
    next power of two, from 2¹⁶ to 2³⁰). A row of an order is 100–300 bytes, so below the bound the table
    of :class:`SeenNumbers` (a 64-bit slot per 64 bits) ends 11–64 % full and is never made a filter."""
    bits = _LEAST_BITS
    while bits < size and bits < _MOST_BITS:
        bits <<= 1
    return bits


class SeenNumbers:
    """已出现的订单号（哈希表，满后转为布隆过滤器） — texts met so far, screened in ``bits`` bits (a power
    of two, as :func:`bits_for` gives; any other number is taken down to one, and to at least 8).

    :meth:`add` says whether the text was *perhaps* met before: ``False`` is certain (never met),
    ``True`` may be a false positive, so a caller needing the truth checks those texts exactly.
    Each text is known by Python's ``hash`` (the same within one process, which is all a report needs):
    a table of ``bits // 64`` hashes while it is at most three quarters full, then a Bloom filter of
    ``bits`` bits holding them all (see the module's docstring)."""

    __slots__ = ("_bits", "_left", "_mask", "_slots")

    def __init__(self, bits: int) -> None:
        bits = 1 << max(bits.bit_length() - 1, 3)  # (the masks below need a power of two)
        self._bits = bytearray()  # the Bloom filter, once the table is full
        slots = bits >> 6
        self._slots: array[int] | None = array("q", [0]) * slots
        self._mask = slots - 1
        self._left = slots * 3 // 4  # numbers the table still takes
        if not self._left:  # (a tiny screen, as the tests use: a filter from the start)
            self._to_filter(bits)

    def add(self, text: str) -> bool:
        """Note ``text``; whether it was perhaps met before (``False``: certainly not)."""
        whole = hash(text) or 1  # (0 marks a free slot)
        slots = self._slots
        if slots is None:
            return self._filter(whole)
        mask = self._mask
        at = whole & mask
        here = slots[at]
        while here:  # linear probing: the numbers of one home slot follow it
            if here == whole:
                return True
            at = (at + 1) & mask
            here = slots[at]
        slots[at] = whole
        self._left -= 1
        if not self._left:
            self._to_filter((mask + 1) << 6)
        return False

    def _to_filter(self, bits: int) -> None:
        """The table full: a Bloom filter of ``bits`` bits, fed every hash the table holds, in its place."""
        slots, self._slots = self._slots, None
        self._bits = bytearray(bits >> 3)
        self._mask = bits - 1
        for whole in slots or ():
            if whole:
                self._filter(whole)

    def _filter(self, whole: int) -> bool:
        """Set the seven bits of the hash ``whole``; whether all were set already (perhaps met)."""
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
