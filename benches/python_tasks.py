"""The asyncio twin of benches/tasks_scale.rs: N tasks that each sleep once.

Spawns N tasks with asyncio.create_task, each awaiting asyncio.sleep, waits
for all of them with gather, and prints the wall time in microseconds and
the peak resident memory the tasks added, in bytes (VmHWM minus VmRSS
before the tasks, from /proc/self/status, as the Rust runs measure it).

    python3 benches/python_tasks.py 100000 2000
"""

import asyncio
import sys
import time


def status_kib(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1])
    return 0


async def main(n, nap):
    tasks = [asyncio.create_task(asyncio.sleep(nap)) for _ in range(n)]
    await asyncio.gather(*tasks)


def run():
    if len(sys.argv) != 3:
        sys.exit("usage: python3 benches/python_tasks.py TASKS SLEEP_MS")
    try:
        n, sleep_ms = int(sys.argv[1]), int(sys.argv[2])
    except ValueError:
        sys.exit("TASKS and SLEEP_MS must be whole numbers")
    before = status_kib("VmRSS:")
    started = time.perf_counter()
    asyncio.run(main(n, sleep_ms / 1000))
    took_us = int((time.perf_counter() - started) * 1e6)
    peak = max(status_kib("VmHWM:") - before, 0) * 1024
    print(took_us, peak)


if __name__ == "__main__":
    run()
