"""The explorer page of a big graph: theme findings folded into their visits, evidence lists capped."""

from __future__ import annotations

from types import ModuleType

import pytest

from graph import render
from graph.rdf import to_rdf
from graph.render import build_view


def _nodes(view: dict) -> dict[str, dict]:
    return {n["id"]: n for n in view["nodes"]}


def test_few_findings_stay_nodes(sample: ModuleType) -> None:
    view = build_view(to_rdf(sample.resolution()))
    assert any(n["cls"] == "finding" for n in view["nodes"])
    assert "Theme finding" not in view["folded"]


def test_many_findings_fold_into_the_visit_with_their_evidence(
    monkeypatch: pytest.MonkeyPatch, sample: ModuleType
) -> None:
    ds = to_rdf(sample.resolution())
    shown = _nodes(build_view(ds))
    findings = [n for n in shown.values() if n["cls"] == "finding"]
    monkeypatch.setattr(render, "MAX_FINDINGS", 0)
    view = build_view(ds)
    nodes = _nodes(view)
    assert "Theme finding" in view["folded"]
    assert not any(n["cls"] == "finding" for n in nodes.values())
    assert not any(e["from"] not in nodes or e["to"] not in nodes for e in view["edges"])
    (visit,) = [n for n in nodes.values() if n["cls"] == "inspection"]
    sentences = {e["sentence"] for e in visit["evidence"]}
    for finding in findings:
        assert {e["sentence"] for e in finding["evidence"]} <= sentences, finding["full"]
    summary = [value for key, value in visit["props"] if key == "theme findings"]
    assert summary and all(":" in line for line in summary)
    assert all(e.get("date") or e.get("title") for e in visit["evidence"]), "evidence keeps its source"


def test_long_evidence_lists_are_capped_and_say_so(monkeypatch: pytest.MonkeyPatch, sample: ModuleType) -> None:
    ds = to_rdf(sample.resolution())
    full = _nodes(build_view(ds))
    monkeypatch.setattr(render, "MAX_EVIDENCE", 1)
    capped = _nodes(build_view(ds))
    for iri, node in full.items():
        kept = capped[iri]["evidence"]
        assert len(kept) == min(1, len(node["evidence"]))
        notes = [value for key, value in capped[iri]["props"] if key == "evidence"]
        if len(node["evidence"]) > 1:
            assert kept == node["evidence"][-1:]
            assert notes == [f"1 of {len(node['evidence'])} sentences shown; the exports and the store hold them all"]
        else:
            assert notes == []
