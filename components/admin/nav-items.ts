/** The admin sections, in menu order. One list so each page's author adds nothing here. */
export const ADMIN_NAV = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/metrics", label: "HITL metrics" },
  { href: "/admin/calls", label: "Calls" },
  { href: "/admin/credits", label: "Credits" },
  { href: "/admin/dead-letters", label: "Dead letters" },
  { href: "/admin/sheets", label: "Google Sheets" },
  { href: "/admin/members", label: "Members" },
  { href: "/admin/keys", label: "API keys" },
  { href: "/admin/connected-apps", label: "Connected apps" },
  { href: "/admin/canned-replies", label: "Canned replies" },
  { href: "/admin/answers", label: "Answers" },
  { href: "/admin/notifications", label: "Notifications" },
  { href: "/admin/channels", label: "Channels" },
  { href: "/admin/golf", label: "Golf" },
  { href: "/admin/retell", label: "Connect Retell" },
  { href: "/admin/vapi", label: "Connect Vapi" },
] as const;
