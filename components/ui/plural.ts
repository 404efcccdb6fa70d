/** "1 admin", "2 admins", "0 admins": a count with its noun, in English (irregular plurals passed in). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
