"""Input for sudoku-solver: a shuffled solved grid with many cells blanked out."""

BASE = "534678912672195348198342567859761423426853791713924856961537284287419635345286179"


def generate(rng, size):
    digits = list("123456789")
    rng.shuffle(digits)
    relabel = dict(zip("123456789", digits))
    bands = rng.sample(range(3), 3)
    rows = [b * 3 + r for b in bands for r in rng.sample(range(3), 3)]
    stacks = rng.sample(range(3), 3)
    cols = [s * 3 + c for s in stacks for c in rng.sample(range(3), 3)]
    grid = [[relabel[BASE[r * 9 + c]] for c in cols] for r in rows]
    blanks = rng.sample(range(81), min(81 - 17, 10 + size))
    for i in blanks:
        grid[i // 9][i % 9] = "."
    return [grid]


def slow(board):
    # Plain backtracking: first empty cell, every digit that fits.
    def fits(r, c, d):
        if any(board[r][j] == d for j in range(9)) or any(board[i][c] == d for i in range(9)):
            return False
        br, bc = r // 3 * 3, c // 3 * 3
        return all(board[br + i][bc + j] != d for i in range(3) for j in range(3))

    def solve():
        for r in range(9):
            for c in range(9):
                if board[r][c] == ".":
                    for d in "123456789":
                        if fits(r, c, d):
                            board[r][c] = d
                            if solve():
                                return True
                            board[r][c] = "."
                    return False
        return True

    solve()
