"""The core: the piece, and what reads it (retrieval, grounding). No client library here."""
