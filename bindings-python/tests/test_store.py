"""The durable store from Python: create, append, reads as recorded, conflicts, errors."""

from __future__ import annotations

import datetime
import pathlib

import pytest

import dangjian

T0 = datetime.datetime(2026, 11, 2, 17, 0)


def at(days: int) -> datetime.datetime:
    return T0 + datetime.timedelta(days=days)


def test_round_trip_and_audit_trail(tmp_path: pathlib.Path) -> None:
    ds = dangjian.Dataset.sample_small()
    path = tmp_path / "c.djstore"
    store = dangjian.Store.create(path, ds, recorded_at=T0, recorded_by="op-01", note="建库")
    assert store.export_json() == ds.to_json()
    head = store.head()
    assert head["id"] == 1 and head["kind"] == "create" and head["base"] is None
    assert head["recorded_at"] == T0 and head["recorded_by"] == "op-01" and head["note"] == "建库"
    b = store.append(
        {"activities": [{"id": "A1", "subject": "M1", "item": "attend", "date": "2025-12-01"}]},
        recorded_at=at(1),
        recorded_by="op-02",
        expected_head=head["id"],
        note="补录",
    )
    assert b["id"] == 2 and b["kind"] == "add" and b["base"] == 1 and b["records"] == 1
    assert len(b["digest"]) == 64
    assert [h["id"] for h in store.history()] == [1, 2]
    assert store.dataset().n_activities == 1
    assert store.dataset_as_recorded(T0).n_activities == 0
    assert store.dataset_at(1).to_json() == ds.to_json()
    again = dangjian.Store.open(str(path))
    assert again.dataset().n_activities == 1
    assert again.verify() == {"batches": 2, "records": again.verify()["records"], "head": 2}
    assert "c.djstore" in again.path


def test_conflict_and_nothing_written(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "c.djstore"
    dangjian.Store.create(path, dangjian.Dataset.sample_small(), recorded_at=T0, recorded_by="op")
    a = dangjian.Store.open(path)
    b = dangjian.Store.open(path)
    rec = '{"activities": [{"id": "A1", "subject": "M1", "item": "attend", "date": "2025-12-01"}]}'
    a.append(rec, recorded_at=at(1), recorded_by="a", expected_head=1)
    with pytest.raises(dangjian.StoreError) as e:
        b.append(rec.replace("A1", "B1"), recorded_at=at(1), recorded_by="b", expected_head=1)
    assert e.value.code == "conflict"
    assert e.value.details == {"expected": 1, "actual": 2}
    assert str(e.value).startswith("写入冲突")
    assert isinstance(e.value, dangjian.Error)
    assert len(b.history()) == 2


def test_validation_errors_are_the_cores(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "c.djstore"
    store = dangjian.Store.create(
        path, dangjian.Dataset.sample_small(), recorded_at=T0, recorded_by="op"
    )
    with pytest.raises(dangjian.ValidationError) as e:
        store.append(
            {"events": [{"member": "NOBODY", "date": "2024-01-01", "type": "died"}]},
            recorded_at=at(1),
            recorded_by="op",
            expected_head=1,
        )
    assert e.value.code == "unknown_member" or e.value.code == "event_rejected"
    with pytest.raises(dangjian.ValidationError) as e2:
        store.append({"nonsense": []}, recorded_at=at(1), recorded_by="op", expected_head=1)
    assert e2.value.code == "json"
    with pytest.raises(dangjian.StoreError) as e3:
        store.append({}, recorded_at=at(1), recorded_by="op", expected_head=1)
    assert e3.value.code == "empty_batch"
    assert len(store.history()) == 1


def test_files_that_are_not_stores(tmp_path: pathlib.Path) -> None:
    with pytest.raises(dangjian.StoreError) as e:
        dangjian.Store.open(tmp_path / "missing.djstore")
    assert e.value.code == "not_found"
    path = tmp_path / "c.djstore"
    dangjian.Store.import_json(
        path, dangjian.Dataset.sample_small().to_json(), recorded_at=T0, recorded_by="op"
    )
    with pytest.raises(dangjian.StoreError) as e2:
        dangjian.Store.create(path, dangjian.Dataset.sample_small(), recorded_at=T0, recorded_by="op")
    assert e2.value.code == "already_exists"
    with pytest.raises(dangjian.StoreError) as e3:
        dangjian.Store.open(path).dataset_as_recorded(at(-1))
    assert e3.value.code == "not_recorded"


def test_replace_is_a_correction(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "c.djstore"
    small = dangjian.Dataset.sample_small()
    store = dangjian.Store.create(path, small, recorded_at=T0, recorded_by="op")
    sample = dangjian.Dataset.sample()
    b = store.replace(sample, recorded_at=at(1), recorded_by="op", expected_head=1, note="导入")
    assert b["kind"] == "replace"
    assert store.dataset().n_members == sample.n_members
    assert store.dataset_as_recorded(T0).n_members == small.n_members


def test_the_python_example_of_docs_store_md(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = pathlib.Path(__file__).resolve().parents[2] / "docs" / "store.md"
    block = doc.read_text(encoding="utf-8").split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    exec(compile(block, str(doc), "exec"), {})
    assert (tmp_path / "翔凤社区.djstore").exists()
