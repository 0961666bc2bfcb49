"""Input for subdomain-visit-count at its limit: 100 entries."""


def generate(rng, size):
    labels = ["api", "www", "shop", "cdn", "mail"]
    tlds = ["com", "org", "io"]
    out = []
    for _ in range(min(size, 100)):
        parts = [rng.choice(tlds)]
        for _ in range(rng.randint(0, 2)):
            parts.insert(0, rng.choice(labels))
        out.append(f"{rng.randint(1, 10**4)} {'.'.join(parts)}")
    return [out]


def slow(cpdomains):
    totals = {}
    for entry in cpdomains:
        count, domain = entry.split(" ")
        labels = domain.split(".")
        for i in range(len(labels)):
            d = ".".join(labels[i:])
            totals[d] = totals.get(d, 0) + int(count)
    return [f"{n} {d}" for d, n in totals.items()]
