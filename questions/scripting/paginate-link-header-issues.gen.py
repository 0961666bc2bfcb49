def generate(rng, size):
    """A chain of `size` pages, one issue each, to test the default --max-pages of 100."""
    base = "https://api.github.example/repos/acme/big/issues?state=open"
    files = {}
    for n in range(1, size + 1):
        link = f'Link: <{base}&page={n + 1}>; rel="next"\n' if n < size else ""
        label = rng.choice(["bug", "ops"])
        files[f"pages/{n}.http"] = (
            f"HTTP/1.1 200 OK\n{link}\n"
            f'[{{"number": {n}, "title": "t{n}", "labels": [{{"name": "{label}"}}]}}]\n'
        )
    return {"args": ["pages", f"{base}&page=1"], "files": files}
