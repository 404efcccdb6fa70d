import type { Channel } from "@/lib/domains/channels/port";
import { consoleChannel } from "@/lib/domains/channels/console-channel";
import { slackChannel } from "@/lib/domains/channels/slack/channel";
import { smsChannel } from "@/lib/domains/channels/sms/channel";

/** Every channel, by name: adding one (Teams, WhatsApp) is its folder and one line here. */
const CHANNELS: Record<Channel["name"], Channel> = { console: consoleChannel, slack: slackChannel, sms: smsChannel };

export const channelByName = (name: Channel["name"]): Channel => CHANNELS[name];
