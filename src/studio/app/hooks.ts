// A listener that always runs the handler of the latest render. Registering it again after every
// render would leave the previous render's handler, with its stale state, in place until the
// effect runs after paint: a key pressed right after closing the help would still see it open.
import { useEffect, useRef } from 'preact/hooks';

export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}

export function useWindowEvent<K extends keyof WindowEventMap>(type: K, handler: (e: WindowEventMap[K]) => void): void {
  const latest = useLatest(handler);
  useEffect(() => {
    const listener = (e: WindowEventMap[K]) => latest.current(e);
    window.addEventListener(type, listener);
    return () => window.removeEventListener(type, listener);
  }, [type]);
}
