"""Rajut's process-level pieces: settings, database wiring, the ASGI app, auth and the CLI."""
