import { describe, expect, it } from "vitest";
import { SCOPES, scopesOf, type Principal } from "@/lib/domains/auth/principal";
import { forbiddenFor } from "@/lib/domains/auth/permissions";
import { grantableScopes, parseScopeParam } from "@/lib/domains/oauth/scopes";

const member = (role: "operator" | "admin", granted?: string[]): Principal => ({
  kind: "member",
  accountId: "a",
  memberId: "m",
  role,
  email: "x@y.z",
  name: "X",
  ...(granted ? { oauth: { grantId: "g", clientId: "c", clientName: null, scopes: granted as never } } : {}),
});

describe("OAuth scopes never exceed the member's role", () => {
  it("grants the requested scopes the role holds, lists the rest as withheld", () => {
    expect(grantableScopes("operator", parseScopeParam("hitl:ask hitl:answer calls:write admin"))).toEqual({
      granted: ["hitl:answer"],
      withheld: ["hitl:ask", "calls:write", "admin"],
    });
    expect(grantableScopes("operator", [])).toEqual({ granted: ["hitl:answer", "replies:write"], withheld: [] });
    expect(grantableScopes("admin", parseScopeParam("calls:read")).granted).toEqual(["calls:read"]);
  });

  it("a token's scopes are the grant's ∩ the role's now (an admin demoted to operator loses the rest)", () => {
    expect(scopesOf(member("admin", ["calls:read", "hitl:answer"]))).toEqual(["hitl:answer", "calls:read"]);
    expect(scopesOf(member("operator", ["calls:read", "hitl:answer"]))).toEqual(["hitl:answer"]);
    expect(scopesOf(member("admin", ["admin"])).length).toBe(SCOPES.length);
    expect(forbiddenFor(member("operator", ["hitl:answer"]), ["calls:write"]).message).toBe(
      "This sign-in (OAuth, operator) lacks the calls:write scope needed here.",
    );
  });

  it("an unknown scope is invalid_scope naming it; openid/offline_access are ignored", () => {
    expect(() => parseScopeParam("hitl:ask calls:everything")).toThrow(/Unknown scope calls:everything/);
    expect(parseScopeParam("openid offline_access hitl:ask")).toEqual(["hitl:ask"]); // OpenID habits are ignored
  });
});
