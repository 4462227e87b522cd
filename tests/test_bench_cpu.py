"""The bench's CPU accounting (tests/bench/run.py): a process that exits during a
measurement, a gunicorn worker recycled, say, is counted through what its parent reaped."""

import os
import subprocess
import sys
import time

from tests.bench.run import CpuMeter, _cpu_of

BURN = "import time\nwhile time.process_time() < {seconds}: pass\n"


def test_a_process_that_exits_during_the_measurement_is_counted():
    # One child burns 0.3 s of CPU before the start and 0.3 s after, then exits; another
    # starts during the measurement and burns 0.2 s. Only what ran in between counts: 0.5 s.
    first = subprocess.Popen(
        [sys.executable, "-c", BURN.format(seconds=0.3) + "input()\n" + BURN.format(seconds=0.6)],
        stdin=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while _cpu_of(first.pid)[0] < 0.25 and time.monotonic() < deadline:  # /proc counts in ticks
        time.sleep(0.01)
    children = [first]
    meter = CpuMeter(lambda: [c.pid for c in children if c.poll() is None], os.getpid())
    meter.start()
    first.communicate(b"\n")  # exits, reaped by this process
    second = subprocess.Popen([sys.executable, "-c", BURN.format(seconds=0.2)])
    children.append(second)
    second.wait()
    measured = meter.stop()
    # The interpreters' start-up adds a little; the accounting before counted the exited
    # process as negative.
    assert 0.45 <= measured < 0.8
