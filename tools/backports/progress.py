"""Progress lines on stderr (tree i/N, step, seconds): shown when stderr is a terminal, or when asked for."""
import sys
import time
from contextlib import contextmanager


class Progress:
    def __init__(self, enabled, total, stream=None):
        self.enabled, self.total, self.stream = enabled, total, stream or sys.stderr

    def line(self, index, label, text):
        if self.enabled:
            print("mmio-audit-backports: [%d/%d] %s: %s" % (index, self.total, label, text), file=self.stream,
                  flush=True)

    @contextmanager
    def step(self, index, label, what, announce=False):
        """One line when the step ends, with its time; and one when it starts if it may take long."""
        start = time.monotonic()
        if announce:
            self.line(index, label, what + " ...")
        try:
            yield
        except BaseException:
            self.line(index, label, "%s failed after %.1fs" % (what, time.monotonic() - start))
            raise
        self.line(index, label, "%s: %.1fs" % (what, time.monotonic() - start))
