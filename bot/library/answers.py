"""The LLM engine's cached answers about a piece's text, forgotten when no piece holds it."""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)


async def forget_answers(path: Path, sha256: str) -> None:
    """Delete the answers cached at `path` about the text with this hash (nothing to do if
    no cache is on disk)."""
    if not path.exists():
        return
    # Imported here: only a removal with an answer cache on disk needs the LLM package.
    from bot.engines.llm.cache import AnswerCache

    cache = AnswerCache(path)
    try:
        removed = await cache.forget_piece(sha256)
    finally:
        await cache.aclose()
    log.info("deleted %d cached answers about a text no piece holds now", removed)
