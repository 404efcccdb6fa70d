/**
 * How late this process's timers fire right now: a burst that saturates the event loop makes every
 * "no answer within N ms" meaningless — the answer may be sitting unread in a socket. A timer ticks every
 * TICK_MS (unref'd: it never keeps the process alive) and remembers the worst lateness of the last second.
 */
const TICK_MS = 100;
let worst = 0;
let worstAt = 0;
let started = false;

function start() {
  started = true;
  let expected = Date.now() + TICK_MS;
  setInterval(() => {
    const now = Date.now();
    const late = now - expected;
    if (late > worst || now - worstAt > 1000) {
      worst = Math.max(0, late);
      worstAt = now;
    }
    expected = now + TICK_MS;
  }, TICK_MS).unref?.();
}

/** The worst timer lateness seen in about the last second (ms). */
export function loopLagMs(): number {
  if (!started) start();
  return Date.now() - worstAt > 1000 ? 0 : worst;
}
