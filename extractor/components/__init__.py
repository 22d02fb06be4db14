"""spaCy factories of the extractor (registered on import and through the spacy_factories entry point)."""
