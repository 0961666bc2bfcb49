"""Stress input for web-crawler-multithreaded: a wide site (fan-out 8) plus links to other hosts."""


def generate(rng, size):
    host = "http://docs.example"
    fan = 8 if size > 20 else 3
    pages = [host]
    links = {}
    queue = [host]
    while queue and len(pages) < max(1, size):
        url = queue.pop(0)
        out = []
        for i in range(fan):
            if len(pages) >= max(1, size):
                break
            child = f"{url}/{i}" if url != host else f"{host}/p{i}"
            pages.append(child)
            out.append(child)
            queue.append(child)
        # a link back up, a repeated link and a link to another host
        out += [host, out[0] if out else host, f"http://other.example/{rng.randint(0, 9)}"]
        rng.shuffle(out)
        links[url] = out
    links["http://other.example/1"] = [host + "/hidden"]
    return [host, links]


def slow(start_url, links):
    host = start_url.split("/")[2]
    seen = {start_url}
    todo = [start_url]
    while todo:
        url = todo.pop()
        for nxt in links.get(url, []):
            if nxt not in seen and nxt.split("/")[2] == host:
                seen.add(nxt)
                todo.append(nxt)
    return sorted(seen)
