// A scenario's statechart for slides: Mermaid (stateDiagram-v2) or Graphviz DOT, from
// the machine definition; SVG comes from the studio's automatic layout. All three name states
// and transitions in the same words ('Tracking and IME', 'User presses Reset device if the ESP
// allows reset'); DOT keeps the machine's names as each edge's tooltip.
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { allTransitions, type TransitionInfo } from '../engine/structure.ts';
import { humanEdgeLabel, humanize, waitOf, whoActs } from '../studio/layout.ts';

const idOf = (node: AnyStateNode) => `s_${node.id.replace(/[^A-Za-z0-9]/g, '_')}`;
const label = (s: string) => s.replace(/"/g, "'");
/** Text after a Mermaid transition's colon: its grammar ends the label at ';' and reads '#' as an entity. */
const mermaidText = (s: string) => s.replace(/;/g, ',').replace(/#/g, 'no. ');

/** A transition in words, as the SVG labels it (an eventless one by its condition, or nothing). */
const edgeWords = (t: TransitionInfo, machine: AnyStateMachine) => {
  const source = machine.getStateNodeById(t.source);
  return humanEdgeLabel(t.event === 'always' ? '' : t.event, t.guard, waitOf(source), whoActs(t.event, source));
};
/** The machine's own names: 'user.resetDevice [espAllowsReset]'. */
const edgeNames = (t: TransitionInfo) => {
  const event = t.event.startsWith('xstate.after') ? 'after timeout' : t.event.startsWith('xstate.done') ? 'done' : t.event;
  return `${event}${t.guard ? ` [${t.guard}]` : ''}`;
};

function children(node: AnyStateNode): AnyStateNode[] {
  return Object.values(node.states) as AnyStateNode[];
}

export function toMermaid(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2'];
  const byId = new Map<string, AnyStateNode>();
  const walk = (node: AnyStateNode, indent: string) => {
    const kids = children(node);
    const initial = (node.config as { initial?: string }).initial;
    if (initial && node.states[initial]) lines.push(`${indent}[*] --> ${idOf(node.states[initial] as AnyStateNode)}`);
    for (const child of kids) {
      byId.set(child.id, child);
      if (children(child).length) {
        lines.push(`${indent}state "${label(humanize(child.key))}" as ${idOf(child)} {`);
        walk(child, `${indent}  `);
        lines.push(`${indent}}`);
      } else {
        lines.push(`${indent}state "${label(humanize(child.key))}" as ${idOf(child)}`);
        if (child.type === 'final' && node === machine.root) lines.push(`${indent}${idOf(child)} --> [*]`);
      }
    }
  };
  walk(machine.root, '  ');
  for (const t of allTransitions(machine)) {
    const source = byId.get(t.source);
    if (!source) continue;
    for (const target of t.targets) {
      const to = byId.get(target);
      if (!to) continue;
      const words = edgeWords(t, machine);
      lines.push(`  ${idOf(source)} --> ${idOf(to)}${words ? ` : ${mermaidText(words)}` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function toDot(machine: AnyStateMachine): string {
  // newrank: Graphviz's default ranking fails on nested clusters with edges across them
  // ('trouble in init_rank': pre-provisioned drew nothing). Clusters take the nodes' font.
  const lines = [
    `digraph "${label(machine.id)}" {`,
    '  rankdir=LR;',
    '  compound=true;',
    '  newrank=true;',
    '  fontname="Helvetica";',
    '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=8];',
  ];
  const anchor = new Map<string, string>();
  const clusterOf = new Map<string, AnyStateNode>();
  const byId = new Map<string, AnyStateNode>();
  const walk = (node: AnyStateNode, indent: string) => {
    for (const child of children(node)) {
      byId.set(child.id, child);
      if (children(child).length) {
        lines.push(`${indent}subgraph cluster_${idOf(child)} {`, `${indent}  label="${label(humanize(child.key))}";`);
        // An invisible anchor inside the cluster for the edges that start or end at the compound
        // state itself; lhead/ltail clip them at the cluster's border (a dot was left in the box).
        lines.push(`${indent}  ${idOf(child)} [shape=point, style=invis, width=0.01, label=""];`);
        anchor.set(child.id, idOf(child));
        clusterOf.set(child.id, child);
        walk(child, `${indent}  `);
        lines.push(`${indent}}`);
      } else {
        anchor.set(child.id, idOf(child));
        lines.push(`${indent}${idOf(child)} [label="${label(humanize(child.key))}"${child.type === 'final' ? ', peripheries=2' : ''}];`);
      }
    }
  };
  walk(machine.root, '  ');
  // Graphviz refuses to clip an edge at a cluster that holds its other end.
  const inside = (id: string, ancestor: AnyStateNode) => {
    for (let n = byId.get(id); n; n = n.parent) if (n === ancestor) return true;
    return false;
  };
  for (const t of allTransitions(machine)) {
    const from = anchor.get(t.source);
    if (!from) continue;
    for (const target of t.targets) {
      const to = anchor.get(target);
      if (!to) continue;
      const head = clusterOf.get(target);
      const tail = clusterOf.get(t.source);
      const clip = [
        head && !inside(t.source, head) ? `lhead=cluster_${idOf(head)}` : '',
        tail && !inside(target, tail) ? `ltail=cluster_${idOf(tail)}` : '',
      ].filter(Boolean);
      lines.push(`  ${from} -> ${to} [label="${label(edgeWords(t, machine))}", tooltip="${label(edgeNames(t))}"${clip.map((a) => `, ${a}`).join('')}];`);
    }
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
