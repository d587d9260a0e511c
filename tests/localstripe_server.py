"""Run localstripe for the tests: `python -m tests.localstripe_server PORT`.

The same server as `localstripe --port PORT --from-scratch`, with two differences that matter on a shared
machine: it listens on 127.0.0.1 only (localstripe binds every interface), and it keeps its state in memory
instead of rewriting /tmp/localstripe.pickle, which other localstripe processes share.
"""

from __future__ import annotations

import sys

from aiohttp import web
from localstripe import resources, server


def main() -> None:
    resources.Store.dump_to_disk = lambda self: None
    web.run_app(server.app, host="127.0.0.1", port=int(sys.argv[1]), print=None)


if __name__ == "__main__":
    main()
