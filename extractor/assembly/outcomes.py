"""Outcomes after assignment: advanced from a round with a later round, losers beside one winner,
concessions, undecided contests."""
from __future__ import annotations

from .base import *  # noqa: F401,F403  (the stage's shared drafts, vocabularies and helpers)


class OutcomeMixin:
    def _set_outcome(self, cf: CandFacts, outcome: str, c: Cue) -> None:
        rank = {"advanced": 1, "lost": 2, "won": 3}
        if cf.outcome is None or (cf.outcome != outcome and rank[outcome] > rank.get(cf.outcome, 0) and outcome != "lost"):
            cf.outcome = outcome
            cf.evidence = [e for e in cf.evidence if e.field != "outcome"]
            cf.evidence.append(self.ev_cue("outcome", c))

    def finish_outcomes(self, drafts: list[RaceDraft], kind: str) -> None:
        if kind in ("poll", "preview"):
            for r in drafts:
                for cf in r.cands.values():
                    cf.outcome = None
            return
        by_office: dict[tuple, list[RaceDraft]] = defaultdict(list)
        for r in drafts:
            by_office[(r.office.kind, r.office.district, r.office.country)].append(r)
        for rs in by_office.values():
            rs.sort(key=lambda r: STAGE_ORDER.get(r.stage, 1))
            for i, r in enumerate(rs):
                later = [o for o in rs[i + 1:] if STAGE_ORDER.get(o.stage, 1) > STAGE_ORDER.get(r.stage, 1)
                         # a party's runoff comes before November, not after it
                         and not (r.stage == "general" and o.stage == "runoff" and o.party_primary)]
                later_people = {pi for o in later for pi in o.cands}
                to_runoff = any(o.stage == "runoff" for o in later)
                # a top-two or nonpartisan primary: two of its people are in the general ("Protasiewicz and
                # Kelly advanced"), where a party's primary sends one
                general_people = {pi for o in later if o.stage == "general" for pi in o.cands}
                top_two = r.stage == "primary" and r.party_primary is None and any(o.stage == "general" for o in later) \
                    and (self.top_two_article or len(set(r.cands) & general_people) >= 2)
                for pi, cf in r.cands.items():
                    runoff_people = {pi for o in later if o.stage == "runoff" and o.party_primary == r.party_primary
                                     for pi in o.cands}
                    # someone who "lost" a round yet runs in its runoff was beaten into second place: advanced
                    if cf.outcome == "lost" and pi in runoff_people:
                        cf.outcome = "advanced"
                    if pi in later_people and (to_runoff or top_two) and cf.outcome in (None, "won", "advanced"):
                        if to_runoff and r.party_primary is not None and any(o.party_primary != r.party_primary for o in later if o.stage == "runoff"):
                            continue
                        cf.outcome = "advanced"
        runoff_offices = {r.office.key for r in drafts if r.stage == "runoff" and not r.party_primary}
        for r in drafts:
            if r.stage == "general" and r.office.key not in runoff_offices:
                # nobody advances from a general election with no runoff after it
                for cf in r.cands.values():
                    if cf.outcome == "advanced":
                        cf.outcome = None
                        cf.evidence = [e for e in cf.evidence if e.field != "outcome"]
            if r.undecided:
                for cf in r.cands.values():
                    if cf.outcome in ("won", "lost"):
                        cf.outcome = None
                        cf.evidence = [e for e in cf.evidence if e.field != "outcome"]
                continue
            claims = [cf for cf in r.cands.values() if cf.outcome == "won" and _claimed_victory(cf)]
            if len(claims) >= 2:
                # "Siegelman and Riley both claimed victory": claims that contradict each other decide nothing
                for cf in claims:
                    cf.outcome = None
                    cf.evidence = [e for e in cf.evidence if e.field != "outcome"]
            self._winner_by_concession(r)
            outcomes = [cf.outcome for cf in r.cands.values()]
            if outcomes.count("won") >= 2:
                # several seats (or several contests told as one): who trails every winner on the same
                # figure lost; who has no figure stays unknown
                for attr in ("pct", "votes"):
                    won = [getattr(cf, attr) for cf in r.cands.values() if cf.outcome == "won"]
                    if None in won:
                        continue
                    for cf in r.cands.values():
                        if cf.outcome is None and getattr(cf, attr) is not None and getattr(cf, attr) < min(won):
                            cf.outcome = "lost"
            if outcomes.count("won") == 1 or (outcomes.count("advanced") >= 1 and "won" not in outcomes):
                decided_by = "won" if "won" in outcomes else "advanced"
                for cf in r.cands.values():
                    if cf.outcome is None and (decided_by == "won" or cf.pct is not None):
                        if decided_by == "advanced" and len([o for o in outcomes if o == "advanced"]) < 2:
                            continue
                        cf.outcome = "lost"

    def _winner_by_concession(self, r: RaceDraft) -> None:
        """"Gov. Matt Bevin conceded the Kentucky governor's race": in a race nobody is yet said to have won,
        the one who conceded lost to the one with the most votes (or to the only other candidate)."""
        if r.stage not in ("general", "runoff") or any(cf.outcome in ("won", "advanced") for cf in r.cands.values()):
            return
        conceded = [cf for cf in r.cands.values() if cf.outcome == "lost" and any(
            e.field == "outcome" and e.rule.startswith("lose/conced") for e in cf.evidence)]
        if len(conceded) != 1:
            return
        rest = [cf for cf in r.cands.values() if cf is not conceded[0]]
        if all(cf.pct is not None for cf in r.cands.values()) and rest:
            best = max(rest, key=lambda cf: cf.pct)
            if best.pct <= conceded[0].pct or sum(1 for cf in rest if cf.pct == best.pct) > 1:
                return
        elif len(rest) == 1:
            best = rest[0]
        else:
            return
        best.outcome = "won"
        best.evidence.extend(Ev("outcome", e.start, e.end, e.text, "win/by-concession")
                             for e in conceded[0].evidence if e.field == "outcome")
