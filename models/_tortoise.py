"""Tortoise set up for a fast start; imported by `models` before any model class exists.

Tortoise looks for `#:` comments above each model's fields to use as their descriptions,
reading the class's source with `inspect.getsource`, which on Python 3.11 parses the whole
module once per class: 0.3-1 s of CPU at every process start for Rajut's 77 models, the
largest single cost of importing them. Rajut's models have no such comments (descriptions,
where wanted, are the fields' `description=`), so the scan is skipped. Tortoise's own
migration states skip it the same way (their `_no_comments`).
"""

from __future__ import annotations

import tortoise.models


def _no_comments(cls: type) -> dict[str, str]:
    return {}


tortoise.models._get_comments = _no_comments
