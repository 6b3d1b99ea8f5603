"""Thin glue from GraphQL fields to the domain functions in ``models``."""
