import type { Catalog } from './model.js';

export interface DelegationGraph {
  edges: number;
  /** Strongly connected components with more than one agent: the routing cycles. */
  cycles: string[][];
}

/** The delegation graph computed from the agents' `delegates` data (Tarjan's algorithm for the cycles). */
export function delegationGraph(catalog: Catalog): DelegationGraph {
  const names = [...catalog.agents.keys()];
  const next = (n: string) => catalog.agents.get(n)?.delegates ?? [];
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next(v)) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) cycles.push(group.sort());
    }
  };
  for (const n of names) if (!order.has(n)) visit(n);
  return {
    edges: names.reduce((sum, n) => sum + next(n).length, 0),
    cycles: cycles.sort((a, b) => b.length - a.length),
  };
}
