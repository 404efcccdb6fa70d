/** The spreadsheet kept by the Sheets stand-in: tabs with a grid size and cells, addressed in A1 notation. */

export type Tab = { sheetId: number; title: string; rowCount: number; columnCount: number; rows: (string | number)[][] };

export type A1 = { title: string; r1: number; c1: number; r2?: number; c2?: number };

const colNumber = (letters: string) => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** Parses 'My tab'!A2:M9, Tab!A2:M, Tab!A1, Tab (whole tab). Throws with Google's wording on anything else. */
export function parseA1(range: string): A1 {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))(?:!([A-Z]+)(\d+)?(?::([A-Z]+)(\d+)?)?)?$/i.exec(range);
  if (!m) throw new Error(`Unable to parse range: ${range}`);
  const title = (m[1] ?? m[2]!).replace(/''/g, "'");
  if (!m[3]) return { title, r1: 1, c1: 1 };
  return {
    title,
    c1: colNumber(m[3]),
    r1: m[4] ? Number(m[4]) : 1,
    c2: m[5] ? colNumber(m[5]) : m[4] && !m[5] ? colNumber(m[3]) : undefined,
    r2: m[6] ? Number(m[6]) : m[4] && !m[5] ? Number(m[4]) : undefined,
  };
}

export class Grid {
  tabs: Tab[] = [{ sheetId: 0, title: "Sheet1", rowCount: 1000, columnCount: 26, rows: [] }];
  private nextId = 1;

  tab(title: string): Tab {
    const t = this.tabs.find((x) => x.title === title);
    if (!t) throw new Error(`Unable to parse range: ${title}`);
    return t;
  }

  addTab(title: string, rowCount = 1000, columnCount = 26): Tab {
    if (this.tabs.some((t) => t.title === title))
      throw new Error(`A sheet with the name "${title}" already exists. Please enter another name.`);
    const t = { sheetId: this.nextId++ * 1000, title, rowCount, columnCount, rows: [] };
    this.tabs.push(t);
    return t;
  }

  /** Writes values at a range (Google: a write outside the grid is refused, never silently grown). */
  write(range: string, values: (string | number)[][]): { updatedRows: number; updatedCells: number } {
    const a = parseA1(range);
    const t = this.tab(a.title);
    const lastRow = a.r1 + values.length - 1;
    const width = Math.max(0, ...values.map((r) => r.length));
    if ((a.r2 !== undefined && values.length > a.r2 - a.r1 + 1) || (a.c2 !== undefined && width > a.c2 - a.c1 + 1)) {
      throw new Error(`Requested writing within range [${range}], but tried writing ${values.length} rows / ${width} columns beyond it.`);
    }
    if (lastRow > t.rowCount || a.c1 + width - 1 > t.columnCount) {
      throw new Error(`Range (${range}) exceeds grid limits. Max rows: ${t.rowCount}, max columns: ${t.columnCount}`);
    }
    values.forEach((row, i) => {
      const target = (t.rows[a.r1 - 1 + i] ??= []);
      row.forEach((v, j) => {
        target[a.c1 - 1 + j] = v;
      });
    });
    return { updatedRows: values.length, updatedCells: values.reduce((n, r) => n + r.length, 0) };
  }

  clear(range: string): void {
    const a = parseA1(range);
    const t = this.tab(a.title);
    for (let r = a.r1 - 1; r < Math.min(t.rows.length, a.r2 ?? Infinity); r++) {
      const row = t.rows[r];
      if (!row) continue;
      for (let c = a.c1 - 1; c < Math.min(row.length, a.c2 ?? Infinity); c++) row[c] = "";
    }
  }

  read(range: string): (string | number)[][] {
    const a = parseA1(range);
    const t = this.tab(a.title);
    const last = Math.min(a.r2 ?? t.rows.length, t.rows.length);
    // Array.from, not map: rows never written are holes, and map skips holes.
    const out = Array.from({ length: Math.max(0, last - a.r1 + 1) }, (_, i) =>
      Array.from(t.rows[a.r1 - 1 + i] ?? []).slice(a.c1 - 1, a.c2 ?? undefined),
    );
    // Google trims trailing empty cells and rows.
    const trimmed = out.map((r) => {
      const row = [...r].map((v) => v ?? "");
      while (row.length && row[row.length - 1] === "") row.pop();
      return row;
    });
    while (trimmed.length && !trimmed[trimmed.length - 1]!.length) trimmed.pop();
    return trimmed;
  }

  /** The first row after the last non-empty one (where values:append writes). */
  lastDataRow(title: string): number {
    const rows = this.tab(title).rows;
    for (let i = rows.length - 1; i >= 0; i--) if (rows[i]?.some((v) => v !== "" && v !== undefined)) return i + 1;
    return 0;
  }
}
