"""Rajut's test suite (see README, "Tests").

Imported before any test module or conftest, so the cheap argon2 profile is chosen before
models.accounts makes its hasher, here and in every `rajut` process a test starts.
"""

import os

os.environ.setdefault("RAJUT_TEST_PASSWORD_HASHING", "cheapest")
