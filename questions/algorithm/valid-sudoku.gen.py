"""Input for valid-sudoku: a shuffled solved grid with blanks, sometimes with one repeated digit."""

BASE = "534678912672195348198342567859761423426853791713924856961537284287419635345286179"


def generate(rng, size):
    digits = list("123456789")
    rng.shuffle(digits)
    relabel = dict(zip("123456789", digits))
    rows = [b * 3 + r for b in rng.sample(range(3), 3) for r in rng.sample(range(3), 3)]
    cols = [s * 3 + c for s in rng.sample(range(3), 3) for c in rng.sample(range(3), 3)]
    grid = [[relabel[BASE[r * 9 + c]] for c in cols] for r in rows]
    for i in rng.sample(range(81), 81 - min(60, 10 + size)):
        grid[i // 9][i % 9] = "."
    if rng.random() < 0.5:
        r, c = rng.randrange(9), rng.randrange(9)
        grid[r][c] = rng.choice("123456789")
    return [grid]


def slow(board):
    units = [[(r, c) for c in range(9)] for r in range(9)]
    units += [[(r, c) for r in range(9)] for c in range(9)]
    units += [[(br + i, bc + j) for i in range(3) for j in range(3)] for br in (0, 3, 6) for bc in (0, 3, 6)]
    for unit in units:
        digits = [board[r][c] for r, c in unit if board[r][c] != "."]
        if len(digits) != len(set(digits)):
            return False
    return True
