"""Benchmarks of breakwell against jrnl; run with `python3 dev.py bench`."""
