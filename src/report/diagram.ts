// A scenario's statechart for slides: Mermaid (stateDiagram-v2) or Graphviz DOT, from
// the machine definition; SVG comes from the studio's automatic layout.
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { allTransitions } from '../engine/structure.ts';

const idOf = (node: AnyStateNode) => `s_${node.id.replace(/[^A-Za-z0-9]/g, '_')}`;
const label = (s: string) => s.replace(/"/g, "'");

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
        lines.push(`${indent}state "${label(child.key)}" as ${idOf(child)} {`);
        walk(child, `${indent}  `);
        lines.push(`${indent}}`);
      } else {
        lines.push(`${indent}state "${label(child.key)}" as ${idOf(child)}`);
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
      const event = t.event.startsWith('xstate.after') ? 'after timeout' : t.event.startsWith('xstate.done') ? 'done' : t.event;
      lines.push(`  ${idOf(source)} --> ${idOf(to)} : ${label(event)}${t.guard ? ` [${label(t.guard)}]` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function toDot(machine: AnyStateMachine): string {
  const lines = [`digraph "${label(machine.id)}" {`, '  rankdir=LR;', '  compound=true;', '  node [shape=box, style="rounded", fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=8];'];
  const anchor = new Map<string, string>();
  const walk = (node: AnyStateNode, indent: string) => {
    for (const child of children(node)) {
      if (children(child).length) {
        lines.push(`${indent}subgraph cluster_${idOf(child)} {`, `${indent}  label="${label(child.key)}";`);
        // An anchor inside the cluster for edges that target the compound state itself.
        lines.push(`${indent}  ${idOf(child)} [shape=point, width=0.05];`);
        anchor.set(child.id, idOf(child));
        walk(child, `${indent}  `);
        lines.push(`${indent}}`);
      } else {
        anchor.set(child.id, idOf(child));
        lines.push(`${indent}${idOf(child)} [label="${label(child.key)}"${child.type === 'final' ? ', peripheries=2' : ''}];`);
      }
    }
  };
  walk(machine.root, '  ');
  for (const t of allTransitions(machine)) {
    const from = anchor.get(t.source);
    if (!from) continue;
    for (const target of t.targets) {
      const to = anchor.get(target);
      if (!to) continue;
      const event = t.event.startsWith('xstate.after') ? 'after timeout' : t.event.startsWith('xstate.done') ? 'done' : t.event;
      lines.push(`  ${from} -> ${to} [label="${label(event)}${t.guard ? ` [${label(t.guard)}]` : ''}"];`);
    }
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
