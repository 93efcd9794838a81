import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SAMPLE = Path(__file__).parents[1] / "data" / "rdf" / "sample.py"


def load_sample() -> ModuleType:
    spec = importlib.util.spec_from_file_location("rdf_sample", SAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def sample() -> ModuleType:
    return load_sample()
