// A real OpenID Connect provider for the tests (the certified `oidc-provider` package),
// started by tests/accounts/oidc/provider.py on a local port with one static client.
//
// Environment: PORT, REDIRECT_URIS (comma separated), ACCOUNTS (JSON: login → {password,
// active, claims}). Test-only control: POST /__control with JSON {codeTtl, tamper,
// accounts} changes the code lifetime, makes the token endpoint's ID token tampered
// (payload changed after signing, as a man in the middle would) or replaces the accounts.
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const control = {
  codeTtl: 60,
  tamper: false,
  accounts: JSON.parse(process.env.ACCOUNTS || '{}'),
};
const CLAIMS = ['email', 'email_verified', 'given_name', 'family_name', 'name', 'org_unit',
  'supervisor_email', 'roles'];

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'platform',
    client_secret: 'test-client-secret',
    redirect_uris: process.env.REDIRECT_URIS.split(','),
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['given_name', 'family_name', 'name', 'org_unit', 'supervisor_email', 'roles'],
  },
  async findAccount(ctx, id) {
    const account = control.accounts[id];
    if (!account || account.active === false) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...account.claims }) };
  },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // First-party client: no consent screen, the grant is made on the fly.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    grant.addOIDCClaims(CLAIMS);
    await grant.save();
    return grant;
  },
  ttl: { AuthorizationCode: () => control.codeTtl },
  cookies: { keys: ['test-only-cookie-key'] },
  pkce: { required: () => false },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = `<!doctype html><title>Error</title><h1>${out.error}</h1>`;
  },
});

provider.use(async (ctx, next) => {
  await next();
  if (control.tamper && ctx.path === '/token' && ctx.body && ctx.body.id_token) {
    const [header, payload, signature] = ctx.body.id_token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    claims.email = 'intruder@example.org';
    ctx.body.id_token = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'),
      signature].join('.');
  }
});

const escape = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const loginPage = (uid, message = '') => `<!doctype html><html lang="en"><head>
<meta charset="utf-8"><title>Test identity provider</title></head><body><main>
<h1>Test identity provider</h1>${message ? `<p role="alert">${escape(message)}</p>` : ''}
<form method="post" action="/interaction/${uid}">
<label for="login">Login</label> <input id="login" name="login" autocomplete="username">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit">Sign in</button></form></main></body></html>`;

const readBody = (req) => new Promise((resolve) => {
  let data = '';
  req.on('data', (chunk) => { data += chunk; });
  req.on('end', () => resolve(data));
});

const callback = provider.callback();
http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    if (url.pathname === '/__control' && req.method === 'POST') {
      Object.assign(control, JSON.parse(await readBody(req)));
      res.writeHead(204).end();
      return;
    }
    const match = url.pathname.match(/^\/interaction\/([\w-]+)$/);
    if (match && req.method === 'GET') {
      await provider.interactionDetails(req, res);
      res.writeHead(200, { 'content-type': 'text/html' }).end(loginPage(match[1]));
      return;
    }
    if (match && req.method === 'POST') {
      await provider.interactionDetails(req, res);
      const form = new URLSearchParams(await readBody(req));
      const login = form.get('login');
      const account = control.accounts[login];
      if (!account || account.password !== form.get('password')) {
        res.writeHead(200, { 'content-type': 'text/html' })
          .end(loginPage(match[1], 'Wrong login or password.'));
        return;
      }
      const result = account.active === false
        ? { error: 'access_denied', error_description: 'The account is disabled.' }
        : { login: { accountId: login } };
      await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
      return;
    }
    callback(req, res);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
}).listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${issuer}\n`);
});
