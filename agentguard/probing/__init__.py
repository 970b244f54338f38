"""Probing: one principal sending many near-duplicate, systematically varied queries.

``store.py`` keeps each principal's recent query signatures, in process or in Redis; the
detector that reads them is built on top.
"""
