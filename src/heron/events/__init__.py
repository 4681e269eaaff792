"""Events: clause frames from the parse, codebook matching, modality, and the coder."""
