import Link from "next/link";

export default function Home() {
  return (
    <main>
      <h1>Switchboard</h1>
      <p>Put a human on the line for AI voice agents.</p>
      <ul>
        <li>
          MCP endpoint: <code>/api/mcp</code> (Bearer API key)
        </li>
        <li>
          REST API: <a href="/api/openapi.json">/api/openapi.json</a>
        </li>
        <li>
          Health: <a href="/api/health">/api/health</a>
        </li>
        <li>
          <Link href="/login">Operator sign-in</Link>
        </li>
      </ul>
    </main>
  );
}
