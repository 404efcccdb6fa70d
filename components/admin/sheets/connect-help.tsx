/** What the page says with no Google credentials configured (the embedded default). */
export function ConnectHelp() {
  return (
    <section aria-labelledby="connect" data-testid="connect-help">
      <h2 id="connect">Not connected to Google Sheets</h2>
      <ol>
        <li>In Google Cloud, enable the Google Sheets API and create a service account; add a JSON key.</li>
        <li>
          Create a spreadsheet and share it with the service account&apos;s e-mail as <strong>Editor</strong>.
        </li>
        <li>
          Set <code>SHEETS_SPREADSHEET_ID</code> (from the sheet&apos;s URL), <code>SHEETS_SERVICE_ACCOUNT_EMAIL</code> and{" "}
          <code>SHEETS_PRIVATE_KEY</code> (or <code>SHEETS_CREDENTIALS_JSON</code> / <code>SHEETS_CREDENTIALS_FILE</code>), then restart.
          Existing calls and escalations are written on the first run.
        </li>
      </ol>
      <p className="adm-muted">Until then, download the same rows below as CSV.</p>
    </section>
  );
}
