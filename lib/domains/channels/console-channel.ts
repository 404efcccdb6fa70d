import type { Channel } from "@/lib/domains/channels/port";

/** The console: every case reaches its queue through realtime already, so posting is showing; replies are its own routes. */
export const consoleChannel: Channel = {
  name: "console",
  async connected() {
    return true;
  },
  // Nothing to send: the queue shows the case to whoever has it open (counting them would cost every case a read).
  async postCase() {
    return { posted: 1 };
  },
};
