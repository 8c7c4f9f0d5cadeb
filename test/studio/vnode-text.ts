// The text a tree of Preact VNodes renders, for the studio's tests of components without hooks, read in node.
import type { VNode } from 'preact';

/** The text a tree of VNodes renders, function components called (these use no hooks). */
export function text(n: unknown): string {
  if (n === null || n === undefined || typeof n === 'boolean') return '';
  if (typeof n === 'string' || typeof n === 'number') return String(n);
  if (Array.isArray(n)) return n.map(text).join('');
  const v = n as VNode<{ children?: unknown }>;
  if (typeof v.type === 'function') return text((v.type as (p: unknown) => unknown)(v.props));
  return text(v.props?.children);
}
