"""Memorised training text: flag output that reproduces a registered canary record.

An organisation registers the records that must never come back out of its models
(``records.py`` reads them), ``index.py`` turns them into an index that keeps no plaintext
(keyed n-gram and fact fingerprints, sentence embeddings), and ``detector.py`` checks
output against it in two stages: exact and near-verbatim overlap of word n-grams
(``shingles.py``), then sentence-embedding similarity (``encoder.py``, ``search.py``)
gated by the overlap of the record's distinctive facts (``facts.py``), so that a record
written on the same template with other facts does not match. ``docs/canaries.md``
documents the scoring.
"""
