"""Streaming sanitisation: release streamed text as soon as no secret can still reach it.

A streamed answer arrives in small chunks. Sanitising each chunk alone misses a secret split
across chunks; holding the whole answer delays every token. :class:`StreamSanitizer` holds
back only what a rule can still need:

* **Anchors.** Every rule is parsed once (Python's regex parser; the rules are RE2, whose
  syntax the rules use is the common subset) to find the first literal that every match
  must contain (``ghp_``, ``postgres``/``mysql``/… for ``url-credentials``, the context words
  of a context rule), the most characters a match can have *before* it (``back``) and the
  most it can span from it (``span``). A rule whose pattern cannot be bounded this way falls
  back to its engine keywords and its ``max_len`` windows, exactly what the whole-text
  engine looks at.
* **Incremental prefilter.** Each chunk is searched for anchors (Hyperscan, or one RE2
  alternation), with only the longest anchor's length - 1 of overlap: linear in the stream.
* **Release.** Text before ``n - H`` (``H`` = the longest anchor plus its ``back``) can be
  reached by no future anchor; text before an anchor occurrence's ``start - back`` is out of
  its reach. Text with no anchor near it is released untouched, without running a rule; an
  anchor's region is confirmed by :meth:`Guard.inspect` once it is complete (the match
  cannot grow any more), only over that region (plus a few characters of left context).

The released text, concatenated, equals ``guard.sanitize(whole_text)`` for the built-in
secret detector. A guard with other detectors (whose reach is unknown) is handled safely
by holding everything until :meth:`StreamSanitizer.close`.
"""

from agentguard.streaming.sanitizer import StreamSanitizer, asanitize_stream, sanitize_stream

__all__ = ["StreamSanitizer", "asanitize_stream", "sanitize_stream"]
