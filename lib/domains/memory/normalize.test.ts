import { describe, expect, it } from "vitest";
import { termsOf } from "@/lib/domains/memory/normalize";
import { scoreTerms } from "@/lib/domains/memory/score";

const score = (a: string, b: string) => scoreTerms(termsOf(a), termsOf(b));

describe("termsOf", () => {
  it("drops filler, keeps days, numbers, names and negations as their own kinds", () => {
    const t = termsOf("Hi, is the Elm Street branch not open on Sundays after 7pm?");
    expect(t.map((x) => `${x.kind}:${x.key}`)).toEqual([
      "entity:elm",
      "entity:street",
      "content:branch",
      "negation:not",
      "generic:open",
      "day:sun",
      "content:after",
      "number:19",
    ]);
  });
  it("maps synonyms and spelled-out numbers to one term", () => {
    const keys = (q: string) =>
      termsOf(q)
        .map((t) => t.key)
        .sort();
    expect(keys("How much does a reservation cost for nine holes?")).toEqual(keys("price of booking 9 holes"));
  });
});

describe("scoreTerms", () => {
  it("scores a paraphrase high", () => {
    expect(score("Do you validate parking?", "Is parking validated?")).toBeGreaterThan(0.8);
    expect(score("Are dogs allowed on the patio?", "Can I bring my dog to the patio?")).toBeGreaterThan(0.8);
  });
  it("scores a different day, number, name or a negation low", () => {
    expect(score("Are you open on Sunday?", "Are you open on Monday?")).toBeLessThan(0.3);
    expect(score("Can I book a table for 4?", "Can I book a table for 6?")).toBeLessThan(0.3);
    expect(score("Is the Elm Street branch open late?", "Is the Oak Street branch open late?")).toBeLessThan(0.4);
    expect(score("Do you have parking?", "Do you not have parking?")).toBeLessThan(0.4);
  });
  it('who is asking (patients, customers) or "money" off does not narrow a question like a product would', () => {
    expect(termsOf("Do you accept walk-in patients?").find((t) => t.word === "patients")?.kind).toBe("generic");
    expect(score("do students get money off", "Do you have a student discount?")).toBeGreaterThan(0.65);
    expect(score("Do you accept walk-in patients?", "Do you take walk-ins?")).toBeGreaterThan(0.65);
    // …while another product still does.
    expect(score("Do you have a senior discount?", "Do you have a student discount?")).toBeLessThan(0.65);
  });
  it("forgives one typo in a long word", () => {
    expect(score("Do you validate parkng?", "Do you validate parking?")).toBeGreaterThan(0.7);
  });
});
