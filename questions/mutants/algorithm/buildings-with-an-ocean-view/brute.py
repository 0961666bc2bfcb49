# Brute force for buildings-with-an-ocean-view: correct but too slow for the stress case (must time out).
def find_buildings(heights):
    return [i for i in range(len(heights)) if all(h < heights[i] for h in heights[i + 1:])]
