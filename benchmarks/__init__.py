"""Benchmarks and evaluations, run as modules from the repository root (see README)."""
