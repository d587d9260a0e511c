"""Where Saleor's reference pack (SDL, storefront operations, ops checker) lives on this machine.

It is not part of the repository: MALL_SALEOR_REFERENCE names it, otherwise it is looked for as
`shared/` beside the checkout or above it, then at /work/shared. Tests that need it skip without it.
"""

from __future__ import annotations

import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    configured = os.environ.get("MALL_SALEOR_REFERENCE")
    candidates = [Path(configured)] if configured else []
    candidates += [parent / "shared" for parent in REPOSITORY.parents] + [Path("/work/shared")]
    for candidate in candidates:
        if (candidate / "reference" / "saleor" / "schema.graphql").exists():
            return candidate
    return None


SHARED = shared_dir()
SALEOR_SCHEMA = SHARED / "reference" / "saleor" / "schema.graphql" if SHARED else Path("/nonexistent")
SALEOR_OPERATIONS = SHARED / "reference" / "saleor" / "operations" if SHARED else Path("/nonexistent")
OPS_CHECK = SHARED / "tools" / "saleor-ops-check" if SHARED else Path("/nonexistent")
