"""ofsted-kg: a knowledge graph of Ofsted's inspections of English councils' children's services."""

__version__ = "0.1.0"
