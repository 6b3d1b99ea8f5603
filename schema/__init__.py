"""What the API looks like: Strawberry types and inputs per domain, and the root schema."""
