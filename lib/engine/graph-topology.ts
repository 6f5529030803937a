/**
 * The shape of a task graph as a directed graph: dependencies, cycles, a topological order and the
 * tasks upstream of a task. Linear in tasks + edges except where a graph is full of cycles.
 */

/** What the topology needs of a graph, so callers can pass a `TaskGraph` or a designer draft. */
export type GraphShape = { tasks: readonly { id: string }[]; edges: readonly { from: string; to: string }[] };

/** Adjacency of the known tasks; unknown ends and duplicate edges are left out, self-loops kept. */
export type Topology = {
  /** Task ids, each once, in the order of `graph.tasks`. */
  ids: string[];
  position: Map<string, number>;
  deps: Map<string, string[]>;
  dependents: Map<string, string[]>;
};

/** Builds the adjacency lists once, for the other functions here. */
export function topologyOf(graph: GraphShape): Topology {
  const ids: string[] = [];
  const position = new Map<string, number>();
  const deps = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  for (const t of graph.tasks) {
    if (position.has(t.id)) continue;
    position.set(t.id, ids.length);
    ids.push(t.id);
    deps.set(t.id, []);
    dependents.set(t.id, []);
  }
  const seen = new Set<string>();
  for (const e of graph.edges) {
    const key = `${e.from}->${e.to}`;
    if (!position.has(e.from) || !position.has(e.to) || seen.has(key)) continue;
    seen.add(key);
    deps.get(e.to)!.push(e.from);
    dependents.get(e.from)!.push(e.to);
  }
  return { ids, position, deps, dependents };
}

/** Strongly connected components with a cycle (more than one task, or a task connected to itself). Tarjan, iterative. */
function cyclicComponents(topo: Topology): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let next = 0;
  for (const root of topo.ids) {
    if (index.has(root)) continue;
    const work: { id: string; child: number }[] = [{ id: root, child: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const succ = topo.dependents.get(frame.id)!;
      if (frame.child < succ.length) {
        const w = succ[frame.child++]!;
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push({ id: w, child: 0 });
        } else if (onStack.has(w)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== frame.id);
      if (component.length > 1 || topo.dependents.get(frame.id)!.includes(frame.id)) out.push(component);
    }
  }
  return out;
}

/**
 * The shortest cycle through `start` (breadth-first back to it). Every such cycle lies inside the
 * component, so `members` only keeps the search from wandering downstream.
 */
function cycleThrough(topo: Topology, start: string, members: ReadonlySet<string>): string[] {
  const parent = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (const w of topo.dependents.get(v)!) {
      if (!members.has(w)) continue;
      if (w === start) {
        const path = [v];
        for (let p = v; p !== start; p = parent.get(p)!) path.push(parent.get(p)!);
        return path.reverse();
      }
      if (parent.has(w)) continue;
      parent.set(w, v);
      queue.push(w);
    }
  }
  return [start];
}

/** Cycles of a topology, each once, each starting at its earliest task; together they cover every task on a cycle. */
export function cyclesOf(topo: Topology): string[][] {
  const cycles: string[][] = [];
  const first = (c: string[]) => Math.min(...c.map((id) => topo.position.get(id)!));
  for (const component of cyclicComponents(topo)) {
    const members = new Set(component);
    const covered = new Set<string>();
    for (const id of [...component].sort((a, b) => topo.position.get(a)! - topo.position.get(b)!)) {
      if (covered.has(id)) continue;
      const cycle = cycleThrough(topo, id, members);
      const at = cycle.indexOf(cycle.reduce((a, b) => (topo.position.get(a)! <= topo.position.get(b)! ? a : b)));
      cycles.push([...cycle.slice(at), ...cycle.slice(0, at)]);
      for (const c of cycle) covered.add(c);
    }
  }
  return cycles.sort((a, b) => first(a) - first(b));
}

/** Every cycle of the graph as task ids in order (a task connected to itself is a cycle of one). */
export function findCycles(graph: GraphShape): string[][] {
  return cyclesOf(topologyOf(graph));
}

function kahn(topo: Topology): string[] {
  const waiting = new Map(topo.ids.map((id) => [id, topo.deps.get(id)!.length]));
  const order = topo.ids.filter((id) => waiting.get(id) === 0);
  for (let i = 0; i < order.length; i++) {
    for (const w of topo.dependents.get(order[i]!)!) {
      const left = waiting.get(w)! - 1;
      waiting.set(w, left);
      if (left === 0) order.push(w);
    }
  }
  return order;
}

/** Task ids so that each comes after all its dependencies, ties in graph order; null if the graph has a cycle. */
export function topologicalOrder(graph: GraphShape): string[] | null {
  const topo = topologyOf(graph);
  const order = kahn(topo);
  return order.length === topo.ids.length ? order : null;
}

/**
 * "Does `a` run before `b`?" for many pairs of one graph. Ancestor sets are bitsets filled once in
 * topological order (tasks × tasks / 32 words); tasks on or after a cycle fall back to a search each.
 */
export function upstreamIndex(topo: Topology): (a: string, b: string) => boolean {
  const order = kahn(topo);
  const words = Math.ceil(topo.ids.length / 32);
  const bits = new Uint32Array(topo.ids.length * words);
  const ordered = new Set(order);
  for (const id of order) {
    const row = topo.position.get(id)! * words;
    for (const d of topo.deps.get(id)!) {
      const p = topo.position.get(d)!;
      const dRow = p * words;
      for (let w = 0; w < words; w++) bits[row + w]! |= bits[dRow + w]!;
      bits[row + (p >>> 5)]! |= 1 << (p & 31);
    }
  }
  const searched = new Map<string, Set<string>>();
  return (a, b) => {
    const pa = topo.position.get(a);
    const pb = topo.position.get(b);
    if (pa === undefined || pb === undefined) return false;
    if (ordered.has(b)) return (bits[pb * words + (pa >>> 5)]! & (1 << (pa & 31))) !== 0;
    let set = searched.get(b);
    if (!set) searched.set(b, (set = ancestorsIn(topo, b)));
    return set.has(a);
  };
}

/** Ids of all tasks `id` depends on, directly or not (including itself only if it sits on a cycle). */
export function ancestorsIn(topo: Topology, id: string): Set<string> {
  const seen = new Set<string>();
  const queue = [id];
  for (let i = 0; i < queue.length; i++) {
    for (const d of topo.deps.get(queue[i]!) ?? []) {
      if (seen.has(d)) continue;
      seen.add(d);
      queue.push(d);
    }
  }
  return seen;
}

/** The transitive dependencies of a task: every task that must finish before it can start. */
export function upstreamOf(graph: GraphShape, taskId: string): Set<string> {
  return ancestorsIn(topologyOf(graph), taskId);
}
