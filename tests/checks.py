"""What the Python end-to-end tests share: a check that records a failure and lets the test go
on to the next one, and the exit code at the end."""

failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def finish():
    """The test's exit code: 1 when a check failed."""
    if failures:
        print("%d failed" % len(failures))
        return 1
    return 0
