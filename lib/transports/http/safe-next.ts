/**
 * Where to go after sign-in: only a path on this site. Browsers strip tab/CR/LF anywhere in a URL, treat
 * `\` as `/` and read `//host` as another site, so the value is resolved exactly as a browser would (the
 * WHATWG URL parser) against a placeholder origin, and kept only if it stays on that origin and its
 * normalised form cannot be read as protocol-relative. Used on the server (login page, sign-in
 * redirects) and in the browser (login form), so it imports nothing.
 */
const PLACEHOLDER = "http://switchboard.invalid";

export function safeNextPath(raw: string | null | undefined, fallback = "/console"): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2048) return fallback;
  // Only a path: a scheme, a backslash or a control character (tab, CR, LF…) is refused outright.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are refused
  if (!raw.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(raw)) return fallback;
  let url: URL;
  try {
    url = new URL(raw, PLACEHOLDER);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER) return fallback;
  const path = url.pathname + url.search + url.hash;
  // `/.//evil` normalises to `//evil`: once given to location.assign that is another site.
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return new URL(path, PLACEHOLDER).origin === PLACEHOLDER ? path : fallback;
}
