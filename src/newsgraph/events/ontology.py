"""The CAMEO codes, their PLOVER type and mode, QuadClass and intensity (data/events/)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsgraph.data import read_rows

__all__ = ["CameoCode", "Ontology", "load_ontology"]


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    plover_context: str | None


class Ontology:
    def __init__(self, codes: dict[str, CameoCode], plover_scores: dict[tuple[str, str], float]) -> None:
        self.codes = codes
        self.plover_scores = plover_scores

    def __getitem__(self, code: str) -> CameoCode:
        return self.codes[code]

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def plover_score(self, type_: str | None, mode: str | None) -> float | None:
        if type_ is None:
            return None
        return self.plover_scores.get((type_, mode or ""), self.plover_scores.get((type_, "")))


def _rows(name: str) -> list[dict[str, str]]:
    return read_rows(f"events/{name}")


# PLOVER drops CAMEO's "appeal" (02): an appeal asks for something, which PLOVER codes REQUEST.
_ROOT_TYPES = {"02": "REQUEST"}


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    codes = {
        r["code"]: CameoCode(
            code=r["code"], name=r["name"], root=r["root"], quad_class=int(r["quad_class"]),
            goldstein=float(r["goldstein"]), plover_type=r["plover_type"] or _ROOT_TYPES.get(r["root"]),
            plover_mode=r["plover_mode"] or None, plover_context=r["plover_context"] or None,
        )
        for r in _rows("cameo.csv")
    }
    for r in _rows("plover_overrides.csv"):  # deliberate departures from the conversion table, with reasons
        old = codes[r["code"]]
        codes[r["code"]] = CameoCode(old.code, old.name, old.root, old.quad_class, old.goldstein,
                                     r["plover_type"] or None, r["plover_mode"] or None, old.plover_context)
    scores = {(r["type"], r["mode"]): float(r["score"]) for r in _rows("plover_scores.csv") if r["score"]}
    return Ontology(codes, scores)
