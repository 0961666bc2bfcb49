def generate(rng, size):
    """A range of exactly `size` addresses with no captured pings (4096 is the largest allowed)."""
    return {"args": [f"10.1.0.0-10.1.{(size - 1) // 256}.{(size - 1) % 256}", "ping"], "files": {"ping/.keep": ""}}
