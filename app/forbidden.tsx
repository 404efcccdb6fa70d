import Link from "next/link";

export const metadata = { title: "Not allowed · Switchboard" };

// Rendered with HTTP 403 when a page calls forbidden() (e.g. an operator opening /admin).
export default function Forbidden() {
  return (
    <main>
      <h1>403 — not allowed</h1>
      <p>This area is for admins. Your account can use the operator console.</p>
      <p>
        <Link href="/console">Go to the console</Link> · <Link href="/login">Sign in as someone else</Link>
      </p>
    </main>
  );
}
