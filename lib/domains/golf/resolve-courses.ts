import { AppError } from "@/lib/platform/errors";

type Named = { id: string; name: string };

const norm = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/['’]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * The courses a caller meant: all of them without a name; an exact id; else every course whose name
 * contains what was said (ignoring case and punctuation). No match → 404 naming the courses there are.
 */
export function resolveCourses<T extends Named>(courses: T[], wanted: string | undefined): T[] {
  // No courses at all is an answer ("none set up yet"), not an error about the name asked for.
  if (!wanted || !courses.length) return courses;
  const byId = courses.filter((c) => c.id === wanted);
  if (byId.length) return byId;
  const w = norm(wanted);
  const matches = courses.filter((c) => norm(c.name).includes(w) || (w.length > 3 && w.includes(norm(c.name))));
  if (matches.length) return matches;
  const names = courses.slice(0, 5).map((c) => c.name);
  throw new AppError("not_found", `I couldn't find a course called "${wanted}". The courses are: ${names.join(", ")}.`);
}
