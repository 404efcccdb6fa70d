import { lazy } from "@/lib/platform/lazy";

/**
 * Runs `pass` every `ms` in this process, started once per name however often it is asked (lib/platform/lazy.ts), a
 * pass never overlapping the previous one. The timer does not keep the process alive.
 */
export function every(name: string, ms: number, pass: () => Promise<void>): void {
  lazy(`job:${name}`, "", () => {
    let running = false;
    const timer = setInterval(async () => {
      if (running) return;
      running = true;
      try {
        await pass();
      } finally {
        running = false;
      }
    }, ms);
    timer.unref?.();
    return timer;
  });
}
