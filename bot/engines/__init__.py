"""Engines answer questions about the piece behind one `Engine` protocol."""
