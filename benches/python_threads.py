"""The CPU-bound comparison of benches/threads_processes.rs, in CPython.

Computes the naive fib of MAX-7 to MAX serially, on 2 threads and in 2
processes, and prints the times (the best of 3 runs each) with the
speed-up over serial. Threads
share one interpreter lock (the GIL), so they do not run Python code side
by side: expect about x1.0 for threads, and nearly x2 for processes on 2
free cores. Then 20 sleeps of 100 ms on a pool of 10 threads: waiting
releases the GIL, so they overlap (about 200 ms).

    python3 benches/python_threads.py 29
"""

import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def timed(run):
    """The shortest of three runs (a busy moment only makes a run longer)."""
    best = None
    for _ in range(3):
        started = time.perf_counter()
        results = run()
        took = time.perf_counter() - started
        best = took if best is None else min(best, took)
    return best, results


def main():
    if len(sys.argv) != 2 or not sys.argv[1].isdigit() or not 10 <= int(sys.argv[1]) <= 32:
        sys.exit("usage: python3 benches/python_threads.py MAX   (MAX from 10 to 32)")
    top = int(sys.argv[1])
    inputs = list(range(top - 7, top + 1))
    # Largest first, so that two workers end at about the same time.
    work = sorted(inputs, reverse=True)
    serial, expected = timed(lambda: sorted(fib(n) for n in work))
    with ThreadPoolExecutor(max_workers=2) as pool:
        threads, on_threads = timed(lambda: sorted(pool.map(fib, work)))
    with ProcessPoolExecutor(max_workers=2) as pool:
        pool.submit(fib, 1).result()  # start the workers before timing
        processes, on_processes = timed(lambda: sorted(pool.map(fib, work)))
    assert expected == on_threads == on_processes
    print(f"Python {sys.version.split()[0]}, fib({inputs[0]}..={top}), "
          f"2 workers, {os.cpu_count()} cores")
    print(f"serial {serial * 1000:.0f} ms, threads x{serial / threads:.1f}, "
          f"processes x{serial / processes:.1f}")
    # Waiting releases the GIL: sleeping threads overlap.
    with ThreadPoolExecutor(max_workers=10) as pool:
        naps, _ = timed(lambda: list(pool.map(time.sleep, [0.1] * 20)))
    print(f"20 sleeps of 100 ms on 10 threads: {naps * 1000:.0f} ms")


if __name__ == "__main__":
    main()
