# Brute force for car-fleet: correct but too slow for the stress case (must time out).
def car_fleet(target, position, speed):
    """For each runner, look at everyone ahead: it joins a group if some runner ahead of it
    arrives no earlier; count the runners that join nobody."""
    times = [(target - p) / s for p, s in zip(position, speed)]
    groups = 0
    for i in range(len(position)):
        blocked = any(position[j] > position[i] and times[j] >= times[i] for j in range(len(position)))
        if not blocked:
            groups += 1
    return groups
