/**
 * A port whose implementation module is imported on its first call, so a route that never calls it never
 * loads its code. `known` holds what must answer without waiting (a driver name); `methods` lists the async
 * methods, each forwarded to the implementation once `load` has built it (once: concurrent first calls share it).
 * `close` closes only what was built.
 */
export function deferredPort<T extends object>(o: {
  known: Partial<T>;
  methods: readonly (keyof T & string)[];
  load: () => Promise<T>;
}): T & { close?(): Promise<void> } {
  let built: T | undefined;
  let loading: Promise<T> | undefined;
  const impl = () =>
    (loading ??= o.load().then(
      (t) => (built = t),
      (e) => {
        loading = undefined; // a failed import or build is tried again by the next call
        throw e;
      },
    ));
  const port: Record<string, unknown> = { ...o.known };
  for (const m of o.methods) port[m] = async (...args: unknown[]) => ((await impl())[m] as (...a: unknown[]) => Promise<unknown>)(...args);
  port.close = async () => {
    const close = (built as { close?: () => Promise<void> } | undefined)?.close;
    if (close) await close.call(built);
  };
  return port as T & { close?(): Promise<void> };
}
