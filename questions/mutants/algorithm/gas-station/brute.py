# Brute force for gas-station: correct but too slow for the stress case (must time out).
def can_complete_circuit(gas, cost):
    n = len(gas)
    for start in range(n):
        tank, ok = 0, True
        for step in range(n):
            i = (start + step) % n
            tank += gas[i] - cost[i]
            if tank < 0:
                ok = False
                break
        if ok:
            return start
    return -1
