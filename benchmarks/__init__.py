"""Benchmarks: speed, memory, cost and quality measurements, each writing its results file."""
