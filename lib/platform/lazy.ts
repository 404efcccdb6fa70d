/**
 * The one way adapters (database, kv, event bus, telephony, …) are cached: built on first use, rebuilt when
 * the settings they were built from change. The process's cache lives on globalThis: Next.js bundles each
 * route separately and dev reloads modules, yet every copy must share one adapter (the simulator's webhook
 * timers, the Sheets breaker, the database pool exist once per process).
 */
type Slot = { key: string; value: unknown; pinned?: boolean };

export type Lazy = {
  /** `name`, built by `make` on first use; when `key` changes, the old value goes to `dispose` and a new one is built. */
  <T>(name: string, key: string, make: () => T, dispose?: (old: T) => void): T;
  /** Forgets `name` (only while it still holds `value`, when given), so the next use builds it again. */
  forget(name: string, value?: unknown): void;
  /** Tests: `value` is `name`, whatever the settings, until reset(). */
  pin(name: string, value: unknown): void;
  /** Forgets every value (closing them is their owner's business). */
  reset(): void;
};

export function createLazy(slots = new Map<string, Slot>()): Lazy {
  const get = <T>(name: string, key: string, make: () => T, dispose?: (old: T) => void): T => {
    const slot = slots.get(name);
    if (slot && (slot.pinned || slot.key === key)) return slot.value as T;
    if (slot) dispose?.(slot.value as T);
    const value = make();
    slots.set(name, { key, value });
    return value;
  };
  return Object.assign(get, {
    forget: (name: string, value?: unknown) => {
      if (value === undefined || slots.get(name)?.value === value) slots.delete(name);
    },
    pin: (name: string, value: unknown) => void slots.set(name, { key: "", value, pinned: true }),
    reset: () => slots.clear(),
  });
}

const holder = globalThis as typeof globalThis & { __switchboardLazy?: Map<string, Slot> };
holder.__switchboardLazy ??= new Map();

/** The process's cache. */
export const lazy: Lazy = createLazy(holder.__switchboardLazy);

/** A cache key from the settings an adapter is built from. */
export const settingsKey = (values: readonly unknown[]): string => JSON.stringify(values);
