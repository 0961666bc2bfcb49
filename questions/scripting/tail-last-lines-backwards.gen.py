def generate(rng, size):
    """A `size`-line log read in 64-byte blocks: the last 3 lines sit in the last blocks, so
    an answer that keeps reading back to the start of the file (prepending every block) runs
    out of time."""
    lines = [f"{n:07d} GET /api/{rng.randint(0, 999)} {rng.choice([200, 404, 500])}" for n in range(size)]
    return {
        "args": ["app.log", "3", "--block-size", "64"],
        "files": {"app.log": "\n".join(lines) + "\n"},
    }
