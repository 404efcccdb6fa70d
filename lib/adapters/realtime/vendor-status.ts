/** The last vendor publish's outcome in this process, for /api/health (Pusher and Supabase have no cheap probe). */
type VendorStatus = { ok: boolean; at: number; error?: string };

const holder = globalThis as typeof globalThis & { __switchboardVendorStatus?: VendorStatus };

export function recordVendorPublish(ok: boolean, error?: string): void {
  holder.__switchboardVendorStatus = { ok, at: Date.now(), ...(error ? { error: error.slice(0, 200) } : {}) };
}

export function lastVendorPublish(): VendorStatus | undefined {
  return holder.__switchboardVendorStatus;
}
