"""Issue 17, item 1: no deadlock between a failing change and readers on other threads.

A failing `Registry.apply` / `add_members` / `import_roster` used to build its Python exception
while holding the registry's write lock; a reader on another thread then waited for the lock
while holding the GIL, and the process froze. The race runs in a child process with a timeout,
so a regression fails the test instead of hanging the suite.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    import sys, threading
    import dangjian

    sys.setswitchinterval(1e-6)
    reg = dangjian.Dataset.sample().registry()
    bad_event = [{"member": "NOBODY", "date": "2024-03-01", "type": "converted"}]
    bad_member = [{"id": "M\\u200b1", "name": "x", "gender": "male", "birth_date": "1980-01-01"}]
    bad_roster = "姓名,性别\\n张三,?\\n".encode()
    stop = threading.Event()
    errors = []

    def writer(kind):
        n = 0
        while not stop.is_set() and n < 200:
            n += 1
            try:
                if kind == 0:
                    reg.apply(bad_event)
                elif kind == 1:
                    reg.add_members(bad_member)
                else:
                    reg.import_roster(bad_roster, as_of="2026-10-31", format="csv")
            except dangjian.Error:
                pass
            except Exception as e:  # noqa: BLE001
                errors.append(repr(e))

    def reader():
        while not stop.is_set():
            len(reg)
            reg.headcount_on("2026-10-31")

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(3)]
    threads += [threading.Thread(target=reader, daemon=True) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads[:3]:
        t.join()
    stop.set()
    assert not errors, errors
    print("ok", len(reg))
    """
)


def test_failing_changes_and_concurrent_reads_do_not_deadlock() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.startswith("ok"), out.stdout

