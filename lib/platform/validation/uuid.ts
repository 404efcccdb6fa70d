/**
 * The one UUID shape check. Ids arrive in paths and cursors as free text; checking the shape first
 * turns a malformed id into the same 404 as a missing row, instead of a database cast error.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (s: string): boolean => UUID.test(s);
