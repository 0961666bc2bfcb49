def generate(rng, size):
    """`size` separate dependency chains (2-5 packages, each depending on the next, down to a
    leaf), installed one at a time. With a chain installed, a lone explicit package is installed
    and removed (the autoremove pass must keep the whole chain), every package but the top is
    asked to be removed while its single dependent is installed (refused), then the top is
    removed and takes the chain with it.

    The set of installed packages iterates in hash order, which changes from run to run; with a
    fresh chain each time, a pass that skips one installed package (say, the last one it
    iterates) drops a needed package or lets a refused removal through on any run, not only on
    lucky ones."""
    registry, ops = {}, []
    for c in range(max(1, size)):
        chain = [f"c{c}p{k}" for k in range(rng.randint(2, 5))]
        for k, name in enumerate(chain):
            registry[name] = chain[k + 1 : k + 2]
        solo = f"c{c}solo"
        registry[solo] = []
        ops.append(["install", chain[0]])
        ops.append(["install", solo])
        ops.append(["remove", solo])
        for name in rng.sample(chain[1:], len(chain) - 1):
            ops.append(["remove", name])
        ops.append(["remove", chain[0]])
        ops.append(["list_installed"])
    return {"init": [registry], "ops": ops}


class Slow:
    """Recomputes everything from scratch: needed = explicit packages and their dependencies."""

    def __init__(self, registry):
        self.reg = registry
        self.installed = []
        self.explicit = []

    def _closure(self, name, path):
        if name not in self.reg or name in path:
            return None
        order = []
        for dep in self.reg[name]:
            sub = self._closure(dep, path + [name])
            if sub is None:
                return None
            order += [p for p in sub if p not in order]
        return order + [name]

    def install(self, name):
        order = self._closure(name, [])
        if order is None:
            return None
        new = [p for p in order if p not in self.installed]
        self.installed += new
        if name not in self.explicit:
            self.explicit.append(name)
        return new

    def remove(self, name):
        if name not in self.installed:
            return []
        if any(name in self.reg[p] for p in self.installed if p != name):
            return None
        self.explicit = [p for p in self.explicit if p != name]
        keep = set()
        for p in self.explicit:
            keep.update(self._closure(p, []))
        removed = sorted(p for p in self.installed if p not in keep)
        self.installed = [p for p in self.installed if p in keep]
        return removed

    def list_installed(self):
        return sorted(self.installed)
