"""Live traffic: the broker, rooms, presence, signalling and notes sync (issues 4 and 5)."""
