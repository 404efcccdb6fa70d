import { useState } from "react";
import { errorText } from "@/components/admin/format";

/**
 * The busy flag and error sentence of a form or button that calls our API. `send` runs one request and
 * returns its response when it succeeded; otherwise it says why (network or the API's own message) and
 * returns null, so a caller only writes what happens on success. `{ busy: false }` leaves the busy flag
 * alone, for a row action that should not disable the form's submit button.
 */
export function useRequest() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function send(request: () => Promise<Response>, opts: { busy?: boolean } = {}): Promise<Response | null> {
    const showBusy = opts.busy ?? true;
    if (showBusy) setBusy(true);
    setError(null);
    const res = await request().catch(() => null);
    if (showBusy) setBusy(false);
    if (!res) {
      setError("Could not reach the server.");
      return null;
    }
    if (!res.ok) {
      setError(await errorText(res));
      return null;
    }
    return res;
  }
  return { busy, error, setError, send };
}
