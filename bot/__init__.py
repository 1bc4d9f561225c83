"""piece-bot: read and discuss one article with an assistant that cites every claim."""

__version__ = "0.1.0"
