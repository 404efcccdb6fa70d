import { lazy } from "@/lib/platform/lazy";

/** The last vendor publish's outcome in this process, for /api/health (Pusher and Supabase have no cheap probe). */
type VendorStatus = { ok: boolean; at: number; error?: string };

// Held in the process cache (lib/platform/lazy.ts), so resetProcessDeps() forgets it with the adapters.
const slot = () => lazy("realtime-vendor-status", "", () => ({ last: undefined as VendorStatus | undefined }));

export function recordVendorPublish(ok: boolean, error?: string): void {
  slot().last = { ok, at: Date.now(), ...(error ? { error: error.slice(0, 200) } : {}) };
}

export function lastVendorPublish(): VendorStatus | undefined {
  return slot().last;
}
