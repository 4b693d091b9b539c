#!/usr/bin/env python3
"""Parse throughput of Python's json and of orjson over the lines of a JSONL file, in memory.

Reads every line as bytes first, then times json.loads and orjson.loads over all of them (the best of
--repeat runs each). Prints one line per parser: `NAME SECONDS BYTES`, or `NAME unavailable` when the
module cannot be imported.

Usage: python3 bench/python_parse.py FILE.jsonl [--repeat N]
"""
import json
import sys
import time


def best_time(loads, lines, repeat):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for line in lines:
            loads(line)
        best = min(best, time.perf_counter() - start)
    return best


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
    with open(sys.argv[1], "rb") as file:
        lines = [line for line in file if line.strip()]
    size = sum(len(line) for line in lines)
    print(f"json {best_time(json.loads, lines, repeat):.6f} {size}", flush=True)
    try:
        import orjson
    except ImportError:
        print("orjson unavailable")
        return
    print(f"orjson {best_time(orjson.loads, lines, repeat):.6f} {size}")


if __name__ == "__main__":
    main()
