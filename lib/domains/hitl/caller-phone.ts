/** Pure (no database, no Node APIs): shared by the server and the console, which explains late answers. */
const E164 = /^\+[1-9]\d{6,14}$/;

/** The caller's number from callerInfo (`phone`, `phoneNumber` or `phone_number`), when it is E.164. */
export function callerPhone(info: Record<string, unknown> | null | undefined): string | null {
  for (const k of ["phone", "phoneNumber", "phone_number"]) {
    const v = info?.[k];
    if (typeof v === "string" && E164.test(v.replace(/[\s().-]/g, ""))) return v.replace(/[\s().-]/g, "");
  }
  return null;
}
