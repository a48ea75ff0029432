import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { EmployerAnswerLinks, signAnswerToken } from '#lib/employer-answers';
import { ApiHarness, errorCode } from '../support/api-harness.js';
import { createParticipant, createPlacement } from '../support/fixtures.js';
import { testConfig } from '../support/test-config.js';
import { createWorld, type World } from '../support/world.js';

// Debian's chromium (scripts/ensure-services.sh installs it when running as root). No browser download.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const FUTURE = { startDate: '2026-12-07', endDate: '2027-03-31' };
// What the employer must never see, whatever the consent: advisor-only data of the fixture participant.
const NEVER_SHOWN = ['Kovalenko', 'Astma', '912 34 567', 'Tre barn', 'COLLECTIVE_PROTECTION', '1988'];
const PROFILE = {
  programmeEnd: '2027-06-30',
  experience: [{ occupationCode: '5311', years: 3 }],
  certificates: ['Førstehjelpskurs'],
  otherLanguages: [{ language: 'ukrainsk', level: 'C1' }],
};

describe('employer answers a proposal through an emailed link (headless Chromium)', () => {
  let api: ApiHarness;
  let world: World;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let links: EmployerAnswerLinks;
  let contactNb: string;
  let contactEn: string;

  const gqlContact = async (name: string, language: string) =>
    (
      await api.ok<{ addEmployerContact: { id: string } }>(world.users.marketA, `mutation($e: ID!, $input: EmployerContactInput!) { addEmployerContact(employerId: $e, input: $input) { id } }`, {
        e: world.employer1,
        input: { name, language, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.no` },
      })
    ).addEmployerContact.id;

  /** A PROPOSED proposal for a fresh participant and placement, made through the GraphQL API as staff do. */
  const propose = async ({ shareCard }: { shareCard: boolean }) => {
    const participantId = await createParticipant(api, world, PROFILE);
    const scopes = shareCard ? ['PROPOSE_TO_EMPLOYERS', 'SHARE_CARD_WITH_EMPLOYERS'] : ['PROPOSE_TO_EMPLOYERS'];
    for (const scope of scopes) {
      await api.ok(world.users.advisorA, `mutation($id: ID!, $input: ConsentInput!) { recordConsent(participantId: $id, input: $input) { id } }`, {
        id: participantId,
        input: { scope, explainedInLanguage: 'ukrainsk', givenOn: '2026-11-01' },
      });
    }
    await api.ok(world.users.advisorA, `mutation($id: ID!, $input: LanguageAssessmentInput!) { recordLanguageAssessment(participantId: $id, input: $input) { id } }`, {
      id: participantId,
      input: { skill: 'ORAL', level: 'B1', source: 'OFFICIAL_TEST', assessedOn: '2026-10-01' },
    });
    const placementId = await createPlacement(api, world, world.users.marketA, { ...FUTURE, title: `Språkpraksis i barnehage ${Math.random().toString(36).slice(2, 7)}` });
    const { suggestProposal } = await api.ok<{ suggestProposal: { id: string } }>(
      world.users.advisorA,
      `mutation($input: SuggestProposalInput!) { suggestProposal(input: $input) { id } }`,
      { input: { participantId, placementId, note: 'Passer godt' } },
    );
    await api.ok(world.users.advisorA, `mutation($id: ID!) { changeProposalStatus(id: $id, status: PROPOSED) { id status } }`, { id: suggestProposal.id });
    return { proposalId: suggestProposal.id, placementId, participantId };
  };

  /** The emailed URL names PUBLIC_URL; the browser goes to the same path on the test api. */
  const local = (url: string) => `${api.url}${new URL(url).pathname}`;
  const issue = async (proposalId: string, contactId = contactNb) => {
    const res = await api.ok<{ issueEmployerAnswerLink: { url: string; expiresAt: string } }>(
      world.users.advisorA,
      `mutation($p: ID!, $c: ID!) { issueEmployerAnswerLink(proposalId: $p, contactId: $c) { url expiresAt } }`,
      { p: proposalId, c: contactId },
    );
    return res.issueEmployerAnswerLink;
  };
  const proposalRow = async (id: string) =>
    ((await api.dataSource.query(`SELECT status, reason, reason_note, answered_at FROM proposals WHERE id = $1`, [id])) as Array<{ status: string; reason: string | null; reason_note: string | null; answered_at: Date | null }>)[0]!;
  const transitions = async (id: string) =>
    (await api.dataSource.query(`SELECT from_status, to_status, reason, reason_note, actor_id, actor_kind FROM proposal_transitions WHERE proposal_id = $1 ORDER BY id`, [id])) as Array<Record<string, string | null>>;
  const linkRow = async (url: string) => {
    const token = new URL(url).pathname.split('/').pop()!;
    const jti = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).jti as string;
    return ((await api.dataSource.query(`SELECT jti, used_at, expires_at FROM employer_answer_links WHERE jti = $1`, [jti])) as Array<{ jti: string; used_at: Date | null; expires_at: Date }>)[0]!;
  };
  const post = (url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(local(url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() });
  const mainText = async () => page.locator('main').innerText();

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      // Fail, never skip: these tests are the only proof the page works in a browser.
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (scripts/ensure-services.sh does so when run as root)`);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    api = await ApiHarness.start({ EMPLOYER_MONTHLY_PROPOSAL_CAP: '1000', EMPLOYER_COOLDOWN_DECLINES: '1000' });
    world = await createWorld(api.dataSource);
    links = new EmployerAnswerLinks(api.dataSource, testConfig());
    contactNb = await gqlContact('Kari Nordmann', 'nb');
    contactEn = await gqlContact('Anna Smith', 'en');
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });
  beforeEach(async () => {
    // No JavaScript: the page must work as plain HTML forms.
    context = await browser.newContext({ javaScriptEnabled: false, locale: 'nb-NO', viewport: { width: 900, height: 1000 } });
    page = await context.newPage();
  });
  afterEach(async () => {
    await context.close();
  });

  it('shows the consented candidate card, and Accept records ACCEPTED by EMPLOYER_LINK and uses up the link', async () => {
    const { proposalId } = await propose({ shareCard: true });
    const link = await issue(proposalId);
    expect(link.url).toMatch(/^http:\/\/[^/]+\/answer\/[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(13.9 * 86_400_000);

    const res = await page.goto(local(link.url));
    expect(res!.status()).toBe(200);
    const headers = res!.headers();
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; form-action 'self'/);
    expect(await page.title()).toBe('Svar på forslag om kandidat – Praksisbro');
    const text = await mainText();
    expect(text).toContain('Hei Kari Nordmann!');
    expect(text).toContain('Solsikken barnehage');
    expect(text).toMatch(/Språkpraksis i barnehage \w+/);
    expect(text).toContain('7. desember 2026 – 31. mars 2027');
    expect(text).toContain('Olena K.');
    expect(text).toMatch(/Muntlig\s+B1 \(norskprøve\)/);
    expect(text).toContain('ukrainsk – C1');
    expect(text).toContain('3 år');
    expect(text).toContain('Førstehjelpskurs');
    for (const secret of NEVER_SHOWN) expect(await page.content()).not.toContain(secret);
    await page.screenshot({ path: '/tmp/employer-answer-form.png', fullPage: true });

    // The strict CSP admits the page's own stylesheet (by hash) and nothing else; looking does not use the link up.
    const styled = await browser.newContext();
    const violations: string[] = [];
    const look = await styled.newPage();
    look.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await look.goto(local(link.url));
    expect(await look.locator('button.primary').evaluate((b) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(b).backgroundColor)).toBe('rgb(11, 110, 79)');
    expect(violations).toEqual([]);
    await styled.close();

    await page.getByRole('button', { name: 'Ja, vi tar imot kandidaten' }).click();
    await page.getByRole('heading', { name: 'Takk for svaret!' }).waitFor();
    expect(await mainText()).toMatch(/Dere har takket ja til Olena K\. for «Språkpraksis i barnehage \w+»/);
    await page.screenshot({ path: '/tmp/employer-answer-accepted.png', fullPage: true });

    const row = await proposalRow(proposalId);
    expect(row.status).toBe('ACCEPTED');
    expect(row.answered_at).not.toBeNull();
    expect((await transitions(proposalId)).at(-1)).toEqual({ from_status: 'PROPOSED', to_status: 'ACCEPTED', reason: null, reason_note: null, actor_id: null, actor_kind: 'EMPLOYER_LINK' });
    expect((await linkRow(link.url)).used_at).not.toBeNull();
    // Used in the answer's own transaction: now() is the transaction's start, so both stamps are equal.
    const [{ same }] = (await api.dataSource.query(
      `SELECT l.used_at = t.occurred_at AS same FROM employer_answer_links l JOIN proposal_transitions t ON t.proposal_id = l.proposal_id AND t.to_status = 'ACCEPTED' WHERE l.jti = $1`,
      [(await linkRow(link.url)).jti],
    )) as [{ same: boolean }];
    expect(same).toBe(true);

    // The same link again: the used page, in a browser and as a form post, and nothing changes.
    const again = await page.goto(local(link.url));
    expect(again!.status()).toBe(410);
    expect(await mainText()).toContain('Lenken er allerede brukt');
    expect(await mainText()).toContain('This link has already been used');
    await page.screenshot({ path: '/tmp/employer-answer-used.png', fullPage: true });
    const repost = await post(link.url, { decision: 'DECLINE', reason: 'OTHER' });
    expect(repost.status).toBe(410);
    expect((await proposalRow(proposalId)).status).toBe('ACCEPTED');
    expect(await transitions(proposalId)).toHaveLength(3);
  });

  it('shows only the name when the participant has not consented to share the card', async () => {
    const { proposalId } = await propose({ shareCard: false });
    const link = await issue(proposalId);
    expect((await page.goto(local(link.url)))!.status()).toBe(200);
    const text = await mainText();
    expect(text).toContain('Olena K.');
    expect(text).toContain('Kandidaten har ikke samtykket til å dele mer enn navnet');
    const html = await page.content();
    for (const hidden of [...NEVER_SHOWN, 'B1', 'norskprøve', 'ukrainsk', 'Førstehjelpskurs', '3 år', 'Arbeidserfaring']) expect(html).not.toContain(hidden);
    const card = await page.locator('section', { has: page.locator('#candidate-heading') }).innerText();
    expect(card).not.toMatch(/Muntlig|Norsk|Sertifikater/);
    await page.screenshot({ path: '/tmp/employer-answer-no-consent.png', fullPage: true });
  });

  it('speaks English to an English-speaking contact; Decline needs a reason and records it with the note', async () => {
    const { proposalId } = await propose({ shareCard: true });
    const link = await issue(proposalId, contactEn);
    expect((await page.goto(local(link.url)))!.status()).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await mainText()).toContain('Hello Anna Smith');
    expect(await mainText()).toMatch(/Speaking\s+B1 \(official test\)/);

    // Without a reason the server refuses (the select is also `required` in the browser) and nothing changes.
    const missing = await post(link.url, { decision: 'DECLINE', note: 'x' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Choose a reason to decline.');
    const bogus = await post(link.url, { decision: 'DECLINE', reason: 'FOUND_OTHER_PLACEMENT' });
    expect(bogus.status).toBe(400);
    expect((await proposalRow(proposalId)).status).toBe('PROPOSED');
    expect((await linkRow(link.url)).used_at).toBeNull();

    await page.getByLabel('Reason').selectOption('HOURS_DO_NOT_FIT');
    await page.getByLabel('Comment (optional)').fill('We only have morning shifts <b>this</b> autumn');
    await page.screenshot({ path: '/tmp/employer-answer-decline-en.png', fullPage: true });
    await page.getByRole('button', { name: 'Decline', exact: true }).click();
    await page.getByRole('heading', { name: 'Thank you for your answer' }).waitFor();
    expect(await mainText()).toContain('Reason: The hours do not fit');

    const row = await proposalRow(proposalId);
    expect(row).toMatchObject({ status: 'DECLINED', reason: 'HOURS_DO_NOT_FIT', reason_note: 'We only have morning shifts <b>this</b> autumn' });
    expect((await transitions(proposalId)).at(-1)).toMatchObject({ to_status: 'DECLINED', reason: 'HOURS_DO_NOT_FIT', actor_kind: 'EMPLOYER_LINK', actor_id: null });
  });

  it('offers the other language on request', async () => {
    const { proposalId } = await propose({ shareCard: true });
    const link = await issue(proposalId);
    await page.goto(local(link.url));
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'A proposed candidate' }).waitFor();
    expect(page.url()).toMatch(/\?lang=en$/);
  });

  it('shows the expired page (410) for a link past its time, whether the row or the token says so, and answers nothing', async () => {
    const { proposalId } = await propose({ shareCard: true });
    const shortened = await issue(proposalId);
    await api.dataSource.query(`UPDATE employer_answer_links SET expires_at = now() - interval '1 minute' WHERE jti = $1`, [(await linkRow(shortened.url)).jti]);
    const res = await page.goto(local(shortened.url));
    expect(res!.status()).toBe(410);
    expect(await mainText()).toContain('Lenken har utløpt');
    expect(await mainText()).toContain('This link has expired');
    await page.screenshot({ path: '/tmp/employer-answer-expired.png', fullPage: true });
    expect((await post(shortened.url, { decision: 'ACCEPT' })).status).toBe(410);

    const brief = await links.issue(proposalId, contactNb, 1);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await page.goto(local(brief.url)))!.status()).toBe(410);
    expect(await mainText()).toContain('Lenken har utløpt');
    expect((await post(brief.url, { decision: 'ACCEPT' })).status).toBe(410);
    expect((await proposalRow(proposalId)).status).toBe('PROPOSED');
  });

  it('shows a plain 404 page for tampered, unknown or foreign tokens, never a stack trace', async () => {
    const { proposalId } = await propose({ shareCard: true });
    const good = await issue(proposalId);
    const token = new URL(good.url).pathname.split('/').pop()!;
    const [h, p, s] = token.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const otherProposal = Buffer.from(JSON.stringify({ ...payload, pid: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
    const config = testConfig();
    const unknown = await signAnswerToken(
      { secret: config.jwt.secret!, issuer: config.jwt.issuer },
      { jti: '00000000-0000-4000-8000-000000000001', proposalId, contactId: contactNb, employerId: world.employer1, expiresAt: new Date(Date.now() + 3_600_000) },
    );
    const bearer = await api.token(world.users.employer1);
    for (const bad of [`${h}.${otherProposal}.${s}`, `${h}.${p}.${s.slice(0, -2)}xx`, 'not-a-token', unknown, bearer]) {
      const res = await fetch(`${api.url}/answer/${bad}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const body = await res.text();
      expect(body).toContain('Lenken er ikke gyldig');
      expect(body).not.toMatch(/at .*\.(ts|js):\d+|Error:/);
      expect((await post(`${api.url}/answer/${bad}`, { decision: 'ACCEPT' })).status).toBe(404);
    }
    expect((await proposalRow(proposalId)).status).toBe('PROPOSED');
    // The page is public, GraphQL is not.
    expect((await api.gql(null, '{ me { id } }')).status).toBe(401);
  });

  it('politely says a withdrawn proposal needs no answer (409)', async () => {
    const { proposalId } = await propose({ shareCard: true });
    const link = await issue(proposalId);
    await api.ok(world.users.advisorA, `mutation($id: ID!) { changeProposalStatus(id: $id, status: WITHDRAWN, input: { reason: "FOUND_OTHER_PLACEMENT" }) { id } }`, { id: proposalId });
    const res = await page.goto(local(link.url));
    expect(res!.status()).toBe(409);
    expect(await mainText()).toContain('Forslaget er trukket tilbake');
    await page.screenshot({ path: '/tmp/employer-answer-withdrawn.png', fullPage: true });
    expect((await post(link.url, { decision: 'ACCEPT' })).status).toBe(409);
    expect((await proposalRow(proposalId)).status).toBe('WITHDRAWN');
  });

  it('answers once when the same link is posted twice at the same moment', async () => {
    const { proposalId } = await propose({ shareCard: true });
    const link = await issue(proposalId);
    const statuses = (await Promise.all([post(link.url, { decision: 'ACCEPT' }), post(link.url, { decision: 'DECLINE', reason: 'NO_CAPACITY_NOW' }), post(link.url, { decision: 'ACCEPT' })])).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 410 || s === 409)).toBe(true);
    expect((await transitions(proposalId)).filter((t) => t.actor_kind === 'EMPLOYER_LINK')).toHaveLength(1);
  });

  it('refuses a cross-site form post', async () => {
    const { proposalId } = await propose({ shareCard: true });
    const link = await issue(proposalId);
    expect((await post(link.url, { decision: 'ACCEPT' }, { 'sec-fetch-site': 'cross-site' })).status).toBe(404);
    expect((await proposalRow(proposalId)).status).toBe('PROPOSED');
  });

  it('issues links only to staff who can see a PROPOSED proposal, for a contact of its employer', async () => {
    const { proposalId } = await propose({ shareCard: true });
    const q = `mutation($p: ID!, $c: ID!) { issueEmployerAnswerLink(proposalId: $p, contactId: $c) { url } }`;
    expect(errorCode(await api.gql(world.users.teacherA, q, { p: proposalId, c: contactNb }))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(world.users.employer1, q, { p: proposalId, c: contactNb }))).toBe('FORBIDDEN');
    expect(errorCode(await api.gql(world.users.advisorB, q, { p: proposalId, c: contactNb }))).toBe('NOT_FOUND');
    const [{ id: otherContact }] = (await api.dataSource.query(`INSERT INTO employer_contacts (employer_id, name) VALUES ($1, 'Annen Arbeidsgiver') RETURNING id`, [world.employer2])) as [{ id: string }];
    expect(errorCode(await api.gql(world.users.advisorA, q, { p: proposalId, c: otherContact }))).toBe('NOT_FOUND');
    expect((await api.gql(world.users.marketA, q, { p: proposalId, c: contactNb })).data?.issueEmployerAnswerLink.url).toContain('/answer/');

    const participantId = await createParticipant(api, world, PROFILE);
    const placementId = await createPlacement(api, world, world.users.marketA, { ...FUTURE, title: 'Bare foreslått' });
    const { suggestProposal } = await api.ok<{ suggestProposal: { id: string } }>(world.users.advisorA, `mutation($input: SuggestProposalInput!) { suggestProposal(input: $input) { id } }`, {
      input: { participantId, placementId },
    });
    expect(errorCode(await api.gql(world.users.advisorA, q, { p: suggestProposal.id, c: contactNb }))).toBe('CONFLICT');
  });
});
