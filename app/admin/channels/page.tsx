import { getDeps } from "@/lib/composition/deps";
import { requireAdminPage } from "@/lib/transports/http/require-admin-page";
import { readChannelSettings } from "@/lib/domains/channels/settings";
import { LadderForm, SlackSettingsForm, SmsSettingsForm } from "@/components/admin/channel-settings-form";

export const metadata = { title: "Channels · Admin · Switchboard" };

export default async function ChannelsPage() {
  const me = await requireAdminPage();
  const settings = await readChannelSettings(await getDeps(), me);
  return (
    <>
      <h1>Channels</h1>
      <p className="adm-muted">
        Besides the console, cases can reach people on Slack and by SMS, on the ladder below. Members link their Slack user and set their
        phone and on-call hours under Members; a member on call there counts as someone who can answer.
      </p>
      <SlackSettingsForm settings={settings} />
      <SmsSettingsForm settings={settings} />
      <LadderForm settings={settings} />
    </>
  );
}
