import { describe, expect, it } from "vitest";
import { resolveCourses } from "@/lib/domains/golf/resolve-courses";
import { reservationsQuery } from "@/lib/domains/golf/reservations-query";

const courses = [
  { id: "a", name: "Pine Hollow" },
  { id: "b", name: "St. Andrew's Old Course" },
];

describe("which course the caller meant", () => {
  it("matches by id, or by part of the name ignoring case and punctuation", () => {
    expect(resolveCourses(courses, undefined)).toHaveLength(2);
    expect(resolveCourses(courses, "b").map((c) => c.name)).toEqual(["St. Andrew's Old Course"]);
    expect(resolveCourses(courses, "st andrews old").map((c) => c.id)).toEqual(["b"]);
    expect(resolveCourses(courses, "PINE").map((c) => c.id)).toEqual(["a"]);
  });

  it("no match is a sentence naming the courses there are; no courses at all is not an error", () => {
    expect(() => resolveCourses(courses, "Augusta")).toThrow(
      "I couldn't find a course called \"Augusta\". The courses are: Pine Hollow, St. Andrew's Old Course.",
    );
    expect(resolveCourses([], "Augusta")).toEqual([]);
  });
});

describe("GET /api/golf/reservations query", () => {
  it("turns query strings into the tool's types and leaves anything else for the schema to name", () => {
    expect(reservationsQuery(new URLSearchParams("includePast=true&limit=5&status=all"))).toEqual({
      includePast: true,
      limit: 5,
      status: "all",
    });
    expect(reservationsQuery(new URLSearchParams("includePast=yes&limit=5.5"))).toEqual({ includePast: "yes", limit: "5.5" });
  });
});
