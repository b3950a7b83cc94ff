"""Benchmark tooling: synthetic clinic-chain data (`seed_bench`) and the page benchmark (`bench`).

Nothing here is imported by the running portal; `patients.bench.settings` mounts it only
for the benchmark's own gunicorn.
"""

SYNTHETIC_DOMAIN = "bench.invalid"
