// Benchmarks live here, outside `swift test` (SPEC §9).
print("tokentax-bench: not built yet")
