# Brute force: find the highest bar on each side of every position, O(n^2).
def trap(height):
    water = 0
    for i in range(len(height)):
        left = max(height[:i + 1])
        right = max(height[i:])
        water += min(left, right) - height[i]
    return water
