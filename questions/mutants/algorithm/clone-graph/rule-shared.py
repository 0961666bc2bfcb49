# Rule mutant for clone-graph: returns the graph it was given instead of a copy (same values and links, shared nodes).
def clone_graph(node):
    return node
