/**
 * The consent page every OAuth sandbox renders at its authorize URL. The form posts back to the
 * same URL (query kept) with `decision=allow|deny`, so a browser or a plain HTTP client can drive it.
 */
export interface ConsentPageInput {
  providerName: string;
  appName: string;
  scopes: string[];
  /** The sandbox account the grant will belong to (editable, so tests can pick one). */
  accountId: string;
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

export function renderConsentPage(input: ConsentPageInput): string {
  const scopes = input.scopes.length
    ? `<ul>${input.scopes.map((s) => `<li><code>${esc(s)}</code></li>`).join('')}</ul>`
    : '<p>The scopes configured for this app.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(input.providerName)} sandbox: authorize ${esc(input.appName)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}
button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem}label{display:block;margin:1rem 0}</style></head>
<body><main>
<h1>${esc(input.providerName)} (sandbox)</h1>
<p><strong>${esc(input.appName)}</strong> wants access to your ${esc(input.providerName)} account:</p>
${scopes}
<form method="post">
<label>Sandbox account <input name="account" value="${esc(input.accountId)}" pattern="[A-Za-z0-9_-]{1,64}"></label>
<button type="submit" name="decision" value="allow" id="allow">Allow</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</form>
</main></body></html>`;
}
