"""Stage 4: mentions -> races.

Takes the people and cues of one doc (``mentions.collect``) and decides which contests the article
reports, who ran in each, with what share, count and outcome, who held the seat before, and when the
vote was. Every value keeps the character span it came from and the rule that read it.

The guiding rule is the newsroom's: a wrong fact is worse than a missing one. A value is emitted
only when a rule ties it to its words; otherwise it stays ``None``.

Modules: ``base`` (drafts, vocabularies), ``text``, ``offices``, ``stages``, ``people``, ``figures``,
``contests``, ``outcomes``, ``seats`` (one concern each, as mixins of ``Assembler``), ``assembler`` (the pass
that builds the drafts and the race dicts).
"""
from .assembler import Assembler, assemble
from .base import Assembly, CandFacts, Ev, OfficeCtx, RaceDraft

__all__ = ["Assembler", "Assembly", "CandFacts", "Ev", "OfficeCtx", "RaceDraft", "assemble"]
