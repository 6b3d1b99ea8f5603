"""A report's figures, and how a public report withholds what would single people out.

Pure: no I/O, so the rules can be read, and tested, on their own.

Every figure says how many people it is computed from (``people``; None for figures that
concern nobody in particular, such as the rent of a hall). A public report withholds
(*suppresses*) a figure when:

- it is computed from fewer than ``K`` people (zero included: "nobody was left unmatched"
  says something about every mentee);
- it is a share and the people it leaves out number fewer than ``K`` ("100 % attended"
  says each one attended), or a mean whose contributions are all equal (it would reveal
  every one of them);
- it could be worked out from published figures: a total and all but one of its parts give
  the last part, so when exactly one part of a published total is withheld the next-smallest
  part is withheld too, and a withheld total whose parts are all published has its smallest
  part withheld; a figure computed from others (a share from its count and its base, a gap
  from supply and demand) is withheld with any of them, and withholding it withholds the
  smallest of them, so it cannot be recomputed.

The rules are applied until nothing changes. Withheld figures keep their key and label, and
lose their value and their head count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

K = 5  # the smallest group a public figure may describe


class Unit(StrEnum):
    PEOPLE = "people"
    COUNT = "count"
    SHARE = "share"  # 0 to 1
    MEAN = "mean"
    HOURS = "hours"
    MONEY = "money"
    PLACES = "places"


@dataclass(frozen=True)
class Figure:
    key: str  # what is measured, e.g. "match_rate" (the registry's entry)
    unit: Unit
    value: float | None
    people: int | None  # how many people it is computed from; None: nobody in particular
    others: int | None = None  # for shares: how many people the share leaves out
    uniform: bool = False  # for means: every contribution was the same
    dimension: str = ""  # what it is broken down by: "category", "focusArea", "participant"
    member: str = ""  # which one: "venue", "campaign-creation", a participant's ID
    member_id: str = ""  # the member's name in Bahasa Indonesia
    member_en: str = ""  # and in English
    currency: str = ""  # money: ISO 4217; amounts in different currencies are never summed
    amount: Decimal | None = None  # money, exactly
    target: float | None = None  # where a programme should be (a 70 % match rate)
    suppressed: bool = False

    @property
    def ref(self) -> str:
        return f"{self.key}|{self.dimension}={self.member}|{self.currency}"


@dataclass
class Relations:
    """How a report's figures hang together: totals and their parts, figures computed from
    others. Refs name figures (``Figure.ref``); refs of figures not in the report are ignored."""

    parts: list[tuple[str, list[str]]] = field(default_factory=list)
    derived: list[tuple[str, list[str]]] = field(default_factory=list)

    def total(self, total: str, parts: Iterable[str]) -> None:
        self.parts.append((total, list(parts)))

    def derive(self, figure: str, sources: Iterable[str]) -> None:
        self.derived.append((figure, list(sources)))


def too_small(figure: Figure, k: int = K) -> bool:
    if figure.people is not None and figure.people < k:
        return True
    if figure.others is not None and figure.others < k:
        return True
    return figure.uniform


def _smallest(refs: list[str], figures: dict[str, Figure], withheld: set[str]) -> str | None:
    """The published figure among ``refs`` with the smallest value (then ref, for a
    deterministic choice)."""
    candidates = [r for r in refs if r in figures and r not in withheld]
    if not candidates:
        return None
    return min(candidates, key=lambda r: (figures[r].value or 0.0, r))


def suppress(figures: list[Figure], relations: Relations, k: int = K) -> list[Figure]:
    """The figures a public report may show: withheld ones keep only their identity."""
    by_ref = {f.ref: f for f in figures}
    withheld = {f.ref for f in figures if too_small(f, k)}
    changed = True
    while changed:
        changed = False
        for total, parts in relations.parts:
            present = [p for p in parts if p in by_ref]
            if total not in by_ref or not present:
                continue
            hidden = [p for p in present if p in withheld]
            if (total in withheld and not hidden) or (total not in withheld and len(hidden) == 1):
                extra = _smallest(present, by_ref, withheld)
                if extra is not None:
                    withheld.add(extra)
                    changed = True
        for derived, sources in relations.derived:
            present = [s for s in sources if s in by_ref]
            if derived not in by_ref:
                continue
            if derived not in withheld and any(s in withheld for s in present):
                withheld.add(derived)
                changed = True
            elif derived in withheld and present and not any(s in withheld for s in present):
                extra = _smallest(present, by_ref, withheld)
                if extra is not None:
                    withheld.add(extra)
                    changed = True
    return [
        replace(f, value=None, amount=None, people=None, others=None, suppressed=True)
        if f.ref in withheld
        else f
        for f in figures
    ]
