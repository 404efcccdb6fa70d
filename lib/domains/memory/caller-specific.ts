/**
 * Whether a question or answer is about this caller rather than everyone: their own booking, name,
 * number or email. Such an answer is never saved for reuse by default (the operator may still tick it).
 * Pure, so the console can ask before anything is sent.
 */
const OWN_THINGS =
  /\b(my|your|his|her|our)\s+(own\s+)?(booking|reservation|appointment|order|ticket|account|table|tee\s*time|prescription|results?|bill|invoice|refund|delivery|parcel|package)\b/i;
const REFERENCE = /\b(confirmation|booking|reservation|order|reference|ref|account|membership|policy)\s*(code|number|no\.?|#|id)\b/i;
const PHONE = /(\+\d[\d\s().-]{6,}\d)|\b\d{3}[\s.-]\d{3}[\s.-]\d{4}\b/;
const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
const INTRO = /\b(my name is|this is [A-Z][a-z]+|under the name|booked under|in the name of|mr\.?|mrs\.?|ms\.?|dr\.?)\s/i;
const CODE = /\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,10}\b/;

export function namesCallerSpecificData(texts: string[], callerName?: string | null): boolean {
  const names = (callerName ?? "")
    .split(/\s+/)
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n.length >= 3);
  return texts.some((t) => {
    if (!t) return false;
    if (OWN_THINGS.test(t) || REFERENCE.test(t) || PHONE.test(t) || EMAIL.test(t) || INTRO.test(t) || CODE.test(t)) return true;
    const words = new Set(t.toLowerCase().match(/\p{L}+/gu) ?? []);
    return names.some((n) => words.has(n));
  });
}
