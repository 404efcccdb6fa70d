import fc from "fast-check";

/** `levels` nested objects: `{"a":{"a":…"leaf"}}`. */
export const nest = (levels: number): unknown => {
  let v: unknown = "leaf";
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

/** Values no field of ours should accept as is — or, if it does, must store without a 500. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 12 }).map((s) => `${s}\u0000${s}`),
  fc.constantFrom("\ud800", "x\udfffy", "\udbff\u0000", "\u202e\ufeff\u200b", "👩‍👩‍👧‍👦".repeat(50), "\u0085\u2028"),
  fc.integer({ min: 9, max: 1000 }).map(nest),
  fc.integer({ min: 5000, max: 40_000 }).map((n) => "x".repeat(n)),
  fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  ),
  fc.constantFrom(-1, 0, 1.5, 1e308, -1e308, 2 ** 53, -(2 ** 53), 1e21),
  fc.constantFrom(
    "+200000-01-01T00:00:00Z",
    "-000001-01-01T00:00:00Z",
    "0000-01-01T00:00:00Z",
    "2026-13-45",
    "9999-12-31T23:59:59Z",
    "yesterday",
    "1e9",
    "",
  ),
);

/** A query-string value as it arrives on the wire, including percent-encodings that do not decode. */
export const badQueryValue: fc.Arbitrary<string> = fc.oneof(
  badValue.map((v) => encodeURIComponent(typeof v === "string" ? v.replace(/[\ud800-\udfff]/g, "") : (JSON.stringify(v) ?? ""))),
  fc.constantFrom(
    "%00",
    "a%00b",
    "%E0%A4%A",
    "%FF%FE",
    "%",
    "1.5",
    "-1",
    "1e400",
    "NaN",
    "Infinity",
    "+200000-01-01T00:00:00Z",
    "-000001-01-01T00:00:00Z",
  ),
);

/**
 * A path segment standing in for an id. Not "%E0%A4%A" and the like: a path that does not decode is refused
 * with a 400 before any route runs (lib/transports/http/undecodable-path.ts; e2e/bad-input.e2e.test.ts).
 */
export const badId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("%00", "-".repeat(36), "sb_%00", "sb_zzzzzzzzzzzz", "0".repeat(500), "%F0%9F%91%A9", "%C3%A9%20x"),
  fc.string({ maxLength: 40 }).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, "")) || "x"),
);

/** A Cookie header carrying a session value that is not a session (and often not valid percent-encoding). */
export const badCookie: fc.Arbitrary<string> = fc.constantFrom(
  "sb_session=%E0%A4%A",
  "sb_session=%",
  "sb_session=%FF",
  "sb_session=",
  "sb_session=a%00b",
  `sb_session=${"x".repeat(3000)}`,
);

/** A stack trace, a source path or a dependency path in a response body means internals leaked. */
export const LEAK = /\n\s+at |node_modules|\.tsx?:\d+|webpack|turbopack/i;
