"""Local doubles of Discord and of an OpenAI-compatible server, for tests and benchmarks."""
