"""Ingest: input paths → Documents (``readers``), Documents → story segments (``clean``)."""

from heron.ingest.clean import segment, story_text_ranges
from heron.ingest.readers import iter_documents

__all__ = ["iter_documents", "segment", "story_text_ranges"]
