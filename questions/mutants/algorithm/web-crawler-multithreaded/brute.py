# Sequential crawl: correct answers, but one 50 ms fetch at a time, so the large site takes too long.
def crawl(start_url, links):
    host = start_url.split("/")[2]
    seen = {start_url}
    todo = [start_url]
    while todo:
        url = todo.pop()
        for nxt in links.get(url, []):
            if nxt not in seen and nxt.split("/")[2] == host:
                seen.add(nxt)
                todo.append(nxt)
    return list(seen)
