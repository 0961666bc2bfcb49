# Brute force for asteroid-collision: correct but too slow for the stress case (must time out).
def asteroid_collision(asteroids):
    """Resolve the first colliding neighbour pair, then start over from the left."""
    row = list(asteroids)
    changed = True
    while changed:
        changed = False
        for i in range(len(row) - 1):
            a, b = row[i], row[i + 1]
            if a > 0 > b:
                if a > -b:
                    del row[i + 1]
                elif a < -b:
                    del row[i]
                else:
                    del row[i:i + 2]
                changed = True
                break
    return row
