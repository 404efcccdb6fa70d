import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import "@/components/ui/ui.css";

// Every page is rendered per request: its scripts carry that response's CSP nonce (proxy.ts), which a page
// prerendered at build time could not.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Switchboard", description: "Put a human on the line for AI voice agents." };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
