"""Coding at scale: worker processes on one machine, a Dask cluster across many, and the one
writer that keeps the store the same whichever codes.

* :mod:`heron.scale.workers` — a process pool that codes chunks and gives results back in
  input order (`heron code/ingest --workers N`);
* :mod:`heron.scale.writer` — the ingest's planning (what needs coding) and its single,
  batched, interrupt-safe writer;
* :mod:`heron.scale.dask` — `heron ingest --dask`: partitions coded on a Dask cluster into
  Parquet, loaded into the store once (imported on demand: Dask is a heavy import).

Coding one document is a pure function of (text, metadata, knowledge, model); everything here
maps it over plain records and hands plain rows to one writer. See docs/SCALE.md.
"""
