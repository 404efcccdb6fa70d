import { describe, expect, it } from "vitest";
import { classify, parseRetryAfterMs, redirectUrl } from "@/lib/domains/sheets/google";
import { csvField } from "@/lib/domains/sheets/export-csv";
import { columnLetter, rowsRange } from "@/lib/domains/sheets/layout";

const c = { apiUrl: "https://proxy.example.com/google/sheets", tokenUrl: "https://proxy.example.com/oauth/token" };

describe("Sheets adapter pieces", () => {
  it("reroutes Google's URLs keeping the configured path prefix (the SDK's rootUrl would drop it)", () => {
    expect(redirectUrl(new URL("https://sheets.googleapis.com/v4/spreadsheets/abc/values:batchUpdate"), c).href).toBe(
      "https://proxy.example.com/google/sheets/v4/spreadsheets/abc/values:batchUpdate",
    );
    expect(redirectUrl(new URL("https://oauth2.googleapis.com/token"), c).href).toBe("https://proxy.example.com/oauth/token");
    expect(redirectUrl(new URL("https://example.org/other"), c).href).toBe("https://example.org/other");
  });

  it("classifies failures: 429/5xx/no reply retryable with Retry-After, 403 not", () => {
    const e429 = classify({
      response: {
        status: 429,
        headers: new Headers({ "retry-after": "7" }),
        data: { error: { status: "RESOURCE_EXHAUSTED", message: "Quota exceeded" } },
      },
    }) as never as { retryable: boolean; retryAfterMs: number; status: number; message: string };
    expect(e429).toMatchObject({ retryable: true, retryAfterMs: 7000, status: 429 });
    expect(e429.message).toContain("RESOURCE_EXHAUSTED");
    expect(classify({ response: { status: 503 } })).toMatchObject({ retryable: true });
    expect(classify({ message: "socket hang up" })).toMatchObject({ retryable: true });
    expect(
      classify({
        response: { status: 403, data: { error: { status: "PERMISSION_DENIED", message: "The caller does not have permission" } } },
      }),
    ).toMatchObject({ retryable: false, status: 403 });
    expect(parseRetryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT", Date.parse("Wed, 21 Oct 2015 07:27:00 GMT"))).toBe(60_000);
  });

  it("addresses rows in A1 notation and writes CSV that a spreadsheet will not execute", () => {
    expect(columnLetter(13)).toBe("M");
    expect(columnLetter(28)).toBe("AB");
    expect(rowsRange("call", 2, 9)).toBe("'Calls'!A2:M9");
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField("+14155550123")).toBe("+14155550123");
    expect(csvField("a,b")).toBe('"a,b"');
  });
});
