"""Actors: knowledge base loading, mention finding, resolution, in-document memory."""
