"""``python -m briefings.serve.server BIND PORT OUTPUT READY_FD``: Pelican's development server
(``pelican.server``, what ``pelican --listen`` serves with) in a process of its own, started by
the rebuild loop (:mod:`.loop`). Once it listens it writes a line to ``READY_FD`` and closes it;
if it cannot (the port is taken), it says why and exits 1, which closes it empty. It dies with
the loop, however the loop ends.

Its own process, not a thread of the loop's: Pelican's plugins fork worker processes during a
build, and a fork copies only the thread that forks, with every lock another thread held at
that moment (the server's, while it logs a request) held for ever in the copy.
"""

from __future__ import annotations

import logging
import os
import sys

from pelican.log import console
from pelican.log import init as init_logging
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

from briefings.procs import die_with_parent


class PreviewHandler(ComplexHTTPRequestHandler):
    """Pelican's handler, with ``Cache-Control: no-cache`` on every response: a browser asks
    again each time (and gets a 304 if the file is unchanged) instead of showing a copy it
    guessed was still fresh, which it may do for a while with a page last changed long ago."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


class PreviewServer(RootedHTTPServer):
    allow_reuse_address = True  # as `pelican --listen`


def main(argv: list[str] | None = None) -> int:
    bind, port, output, ready = argv if argv is not None else sys.argv[1:]
    die_with_parent()
    init_logging(level=logging.INFO, name="pelican")  # each request, as `pelican --listen`
    try:
        httpd = PreviewServer(output, (bind, int(port)), PreviewHandler)
    except OSError as exc:
        print(f"serve: cannot listen on {bind} port {port}: {exc.strerror or exc}",
              file=sys.stderr, flush=True)
        return 1
    os.write(int(ready), b"listening\n")
    os.close(int(ready))
    console.print(f"Serving site at: http://{bind}:{port} - Tap CTRL-C to stop")
    httpd.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
