"""The offline engine: extractive answers from the piece, no key and no network."""

from bot.engines.offline.engine import OfflineEngine

__all__ = ["OfflineEngine"]
