# Breaks the rule: concurrent and correct, but fetches the start page a second time.
from concurrent.futures import ThreadPoolExecutor


def crawl(start_url, links):
    host = start_url.split("/")[2]
    seen = {start_url}
    links.get(start_url, [])
    with ThreadPoolExecutor(max_workers=8) as pool:
        frontier = [start_url]
        while frontier:
            pages = list(pool.map(lambda u: links.get(u, []), frontier))
            frontier = []
            for urls in pages:
                for u in urls:
                    if u not in seen and u.split("/")[2] == host:
                        seen.add(u)
                        frontier.append(u)
    return list(seen)
