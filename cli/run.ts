import { main } from "@/cli/main";

// Entry point for bin/switchboard.mjs and `npm run switchboard -- …`.
main(process.argv.slice(2), process.env.SWITCHBOARD_ROOT ?? process.cwd()).then((code) => process.exit(code));
