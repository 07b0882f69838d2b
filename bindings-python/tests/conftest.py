"""Shared fixtures: the sample community, its scorer and helpers to build small datasets."""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest

import dangjian

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def sample() -> dangjian.Dataset:
    return dangjian.Dataset.sample()


@pytest.fixture(scope="session")
def scorer(sample: dangjian.Dataset) -> dangjian.Scorer:
    return dangjian.Scorer(sample)


@pytest.fixture(scope="session")
def reg(sample: dangjian.Dataset) -> dangjian.Registry:
    """The sample community's registry."""
    return sample.registry()


@pytest.fixture(scope="session")
def scores(scorer: dangjian.Scorer) -> dangjian.ScoreTable:
    """The sample community's scores of 2026-10 under the default member rule set."""
    return scorer.score(dangjian.RuleSet.member_default(), "2026-10")


def small_with(activities: list[dict[str, Any]]) -> dangjian.Dataset:
    """The four-member fixture (M1–M4, branches B1/B2) with the given activities."""
    doc = json.loads(dangjian.Dataset.sample_small().to_json())
    doc["activities"] = activities
    return dangjian.Dataset.from_json(json.dumps(doc))


def act(id: str, subject: str, item: str, date: str, quantity: str = "1", **extra: Any) -> dict[str, Any]:
    """One activity record in dataset JSON form."""
    return {"id": id, "subject": subject, "item": item, "date": date, "quantity": quantity, **extra}
