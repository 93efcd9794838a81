"""SHACL validation against ``ontology/shapes.ttl``, returning data rather than exiting.

Only ``sh:Violation`` results make a graph non-conforming; ``sh:Warning``
results (implausible values) are counted and reported. A dataset is
validated as the union of its graphs, since a document's facts point at
nodes described in the build graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph

from graph.errors import ValidationError
from graph.export import union
from graph.rdf.build import ONTOLOGY_DIR
from graph.rdf.vocab import SH

SHAPES = ONTOLOGY_DIR / "shapes.ttl"


@dataclass(frozen=True)
class ValidationResult:
    conforms: bool
    violations: int
    warnings: int
    report_graph: Graph
    report_text: str


def load_shapes(shapes: Graph | str | Path | None = None) -> Graph:
    """The shapes graph: the project's shapes by default, or a graph or Turtle file given."""
    if isinstance(shapes, Graph):
        return shapes
    path = Path(shapes) if shapes is not None else SHAPES
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as e:
        raise ValidationError(f"{path}: cannot read the SHACL shapes: {e}") from e


def validate(data: Graph | Dataset, shapes: Graph | str | Path | None = None) -> ValidationResult:
    """Check ``data`` against the shapes: violations make it non-conforming, warnings are counted."""
    graph = union(data)
    try:
        _, report, text = shacl_validate(
            graph,
            shacl_graph=load_shapes(shapes),
            inference="none",
            allow_warnings=True,
            advanced=False,
        )
    except Exception as e:  # pyshacl signals bad shapes with several exception types
        raise ValidationError(f"SHACL validation could not run: {type(e).__name__}: {e}") from e
    assert isinstance(report, Graph)
    severities = list(report.objects(None, SH.resultSeverity))
    violations = sum(1 for s in severities if s == SH.Violation)
    warnings = sum(1 for s in severities if s == SH.Warning)
    return ValidationResult(violations == 0, violations, warnings, report, str(text))
