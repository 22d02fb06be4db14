import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
SEED = CORPUS / "ca34-special-2017.txt"
#: a short results story written for the tests (gate, validity)
ELECTION = ("Baxter wins special election for state Senate\n"
            "Democrat Jim Baxter won Tuesday's special election for the 12th state Senate district, beating "
            "Republican Tom Hale 56% to 44%, according to unofficial results.")


@pytest.fixture(scope="session")
def extractor():
    from extractor import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text("utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(SEED.with_suffix(".json").read_text("utf-8"))
