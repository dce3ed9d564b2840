"""Language analysis: building spaCy pipelines and turning Sources into analysed documents."""
