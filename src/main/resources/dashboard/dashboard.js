// The dashboard: plain DOM, no library. Everything from the server is put on the page as text (textContent, or a
// value), never as HTML: descriptions, metadata, domains and bodies are whatever a test sent.

const KEY = 'emulator.dashboard.key';
const ADMIN = 'emulator.dashboard.admin-token';
const JOURNAL_POLL_MS = 2000;
const PAGE_SIZE = 20;

const $ = (id) => document.getElementById(id);

/** An error the API answered, in its own words. */
class ApiError extends Error {
  constructor(status, body) {
    const words = body && typeof body.msg === 'string' ? body.msg : `HTTP ${status}`;
    super(body && body.error_code ? `${words} (${body.error_code})` : words);
    this.status = status;
  }
}

/**
 * One call to this server's API or controls, with the key (or the admin token) in the Authorization header: never in
 * the URL, never in a cookie.
 */
async function call(method, path, body, { admin = false } = {}) {
  const token = sessionStorage.getItem(admin ? ADMIN : KEY) || '';
  const headers = { Authorization: `Bearer ${token}` };
  if (!path.startsWith('/_emulator/')) {
    headers['Ngrok-Version'] = '2';
  }
  const init = { method, headers, credentials: 'omit', cache: 'no-store', redirect: 'error' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, parsed);
  }
  return parsed;
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function show(id, message) {
  $(id).textContent = message || '';
}

/** Runs an action, showing its error (or clearing the last one) in the given place. */
async function attempt(errorId, action) {
  show(errorId, '');
  try {
    return await action();
  } catch (e) {
    show(errorId, e.message);
    return undefined;
  }
}

/** A body as the journal holds it: JSON pretty-printed, anything else as it came. */
function pretty(text) {
  if (text === null || text === undefined || text === '') {
    return '(none)';
  }
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function pathOf(uri) {
  const url = new URL(uri, location.origin);
  return url.pathname + url.search;
}

// ---- views

const views = ['ingresses', 'journal', 'clock', 'data', 'operator'];
let currentView = 'ingresses';

function showView(name) {
  currentView = name;
  for (const view of views) {
    $(`view-${view}`).hidden = view !== name;
  }
  for (const tab of document.querySelectorAll('.tab')) {
    if (tab.dataset.view === name) {
      tab.setAttribute('aria-current', 'page');
    } else {
      tab.removeAttribute('aria-current');
    }
  }
  if (name === 'ingresses') {
    loadIngresses();
  } else if (name === 'journal') {
    loadJournal();
  } else if (name === 'clock') {
    loadClock();
    loadFaults();
  } else if (name === 'operator') {
    loadOverview();
  }
  scheduleJournal();
}

function signedIn() {
  const key = sessionStorage.getItem(KEY);
  $('view-sign-in').hidden = Boolean(key);
  $('tabs').hidden = !key;
  $('sign-out').hidden = !key;
  // a hint of which key, never the key: its last four characters
  $('signed-in-as').textContent = key ? `Signed in with key …${key.slice(-4)}` : '';
  if (key) {
    showView(currentView);
  } else {
    for (const view of views) {
      $(`view-${view}`).hidden = true;
    }
    scheduleJournal();
  }
}

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const key = $('api-key').value.trim();
  show('sign-in-error', '');
  sessionStorage.setItem(KEY, key);
  try {
    // a control every key may call and that changes nothing: a refused key is answered here in the API's words
    await call('GET', '/_emulator/clock');
  } catch (e) {
    sessionStorage.removeItem(KEY);
    show('sign-in-error', e.message);
    return;
  }
  $('api-key').value = '';
  signedIn();
});

$('sign-out').addEventListener('click', () => {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(ADMIN);
  signedIn();
  $('api-key').focus();
});

for (const tab of document.querySelectorAll('.tab')) {
  tab.addEventListener('click', () => showView(tab.dataset.view));
}

// ---- ingresses

let pageUri = null;
let nextPageUri = null;
let pageNumber = 1;
let selectedId = null;

function listUri() {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  const filter = $('filter').value.trim();
  if (filter) {
    query.set('filter', filter);
  }
  return `/agent_ingresses?${query}`;
}

function certificateState(ingress) {
  const status = ingress.certificate_management_status;
  if (!ingress.certificate_management_policy || !status) {
    return '—';
  }
  const job = status.provisioning_job;
  if (job && job.error_code) {
    return `failed: ${job.error_code}`;
  }
  if (job) {
    return 'provisioning';
  }
  return status.renews_at ? `issued, renews ${status.renews_at}` : '—';
}

async function loadIngresses(uri) {
  if (uri === undefined) {
    pageUri = listUri();
    pageNumber = 1;
  } else {
    pageUri = uri;
  }
  const list = await attempt('ingresses-error', () => call('GET', pageUri));
  const body = $('ingresses-body');
  if (!list) {
    body.replaceChildren();
    $('ingresses-empty').hidden = true;
    $('page-next').disabled = true;
    return;
  }
  body.replaceChildren(...list.ingresses.map(ingressRow));
  $('ingresses-empty').hidden = list.ingresses.length > 0;
  nextPageUri = list.next_page_uri ? pathOf(list.next_page_uri) : null;
  $('page-next').disabled = !nextPageUri;
  $('page-first').disabled = pageNumber === 1;
  $('page-info').textContent = `Page ${pageNumber}, newest first`;
}

function ingressRow(ingress) {
  const row = el('tr');
  row.dataset.id = ingress.id;
  if (ingress.id === selectedId) {
    row.className = 'selected';
  }
  const idCell = el('td');
  const open = el('button', ingress.id, 'link');
  open.type = 'button';
  open.title = 'Show this ingress';
  open.addEventListener('click', () => selectIngress(ingress.id));
  idCell.append(open);
  row.append(idCell, el('td', ingress.domain), el('td', ingress.description || ''),
    el('td', ingress.created_at, 'time'), el('td', certificateState(ingress)));
  return row;
}

$('filter-form').addEventListener('submit', (event) => {
  event.preventDefault();
  loadIngresses();
});
$('filter-clear').addEventListener('click', () => {
  $('filter').value = '';
  loadIngresses();
});
$('ingresses-refresh').addEventListener('click', () => loadIngresses(pageUri));
$('page-first').addEventListener('click', () => loadIngresses());
$('page-next').addEventListener('click', () => {
  if (nextPageUri) {
    pageNumber += 1;
    loadIngresses(nextPageUri);
  }
});

function policyOf(choice) {
  return choice ? { authority: 'letsencrypt', private_key_type: choice } : null;
}

$('create-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = { domain: $('create-domain').value.trim() };
  for (const [field, id] of [['description', 'create-description'], ['metadata', 'create-metadata']]) {
    if ($(id).value) {
      body[field] = $(id).value;
    }
  }
  const policy = policyOf($('create-policy').value);
  if (policy) {
    body.certificate_management_policy = policy;
  }
  const created = await attempt('create-error', () => call('POST', '/agent_ingresses', body));
  if (created) {
    $('create-form').reset();
    selectedId = created.id;
    await loadIngresses();
    showIngress(created);
  }
});

async function selectIngress(id) {
  const ingress = await attempt('detail-error', () => call('GET', `/agent_ingresses/${encodeURIComponent(id)}`));
  if (ingress) {
    showIngress(ingress);
  }
}

function showIngress(ingress) {
  selectedId = ingress.id;
  for (const row of $('ingresses-body').children) {
    row.classList.toggle('selected', row.dataset.id === ingress.id);
  }
  $('detail').hidden = false;
  $('detail-id').textContent = ingress.id;
  $('edit-description').value = ingress.description || '';
  $('edit-metadata').value = ingress.metadata || '';
  const policy = ingress.certificate_management_policy;
  $('edit-policy').value = policy ? policy.private_key_type : '';
  $('certificate-controls').hidden = !policy;
  $('detail-json').textContent = JSON.stringify(ingress, null, 2);
}

function ingressPath() {
  return `/agent_ingresses/${encodeURIComponent(selectedId)}`;
}

$('edit-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = {
    description: $('edit-description').value,
    metadata: $('edit-metadata').value,
    certificate_management_policy: policyOf($('edit-policy').value),
  };
  const updated = await attempt('detail-error', () => call('PATCH', ingressPath(), body));
  if (updated) {
    showIngress(updated);
    loadIngresses(pageUri);
  }
});

$('delete-ingress').addEventListener('click', async () => {
  if (!selectedId || !confirm(`Delete ${selectedId}?`)) {
    return;
  }
  const done = await attempt('detail-error', async () => {
    await call('DELETE', ingressPath());
    return true;
  });
  if (done) {
    selectedId = null;
    $('detail').hidden = true;
    loadIngresses(pageUri);
  }
});

for (const [id, action] of [['certificate-issue', 'issue'], ['certificate-fail', 'fail']]) {
  $(id).addEventListener('click', async () => {
    const ingress = await attempt('detail-error',
      () => call('POST', `/_emulator${ingressPath()}/certificate/${action}`));
    if (ingress) {
      showIngress(ingress);
      loadIngresses(pageUri);
    }
  });
}

// ---- journal

let journalTimer = null;
let journalSignature = '';
const expanded = new Set();

function journalUri() {
  const query = new URLSearchParams({ limit: '100' });
  for (const [name, id] of [['status', 'journal-status'], ['operation', 'journal-operation'], ['path', 'journal-path']]) {
    const value = $(id).value.trim();
    if (value) {
      query.set(name, value);
    }
  }
  return `/_emulator/journal?${query}`;
}

async function loadJournal() {
  const journal = await attempt('journal-error', () => call('GET', journalUri()));
  if (!journal) {
    return;
  }
  // re-drawn only when something changed, so that an open entry and a selection survive the polling
  const signature = journal.requests.map((entry) => entry.operation_id).join(',');
  if (signature === journalSignature) {
    return;
  }
  journalSignature = signature;
  $('journal-list').replaceChildren(...journal.requests.map(journalEntry));
  $('journal-empty').hidden = journal.requests.length > 0;
}

function statusClass(status) {
  return status >= 500 ? 'status-5xx' : status >= 400 ? 'status-4xx' : 'status-2xx';
}

function journalEntry(entry) {
  const item = el('li');
  const details = el('details');
  details.open = expanded.has(entry.operation_id);
  details.addEventListener('toggle', () => {
    if (details.open) {
      expanded.add(entry.operation_id);
    } else {
      expanded.delete(entry.operation_id);
    }
  });
  const summary = el('summary');
  summary.append(el('span', entry.timestamp, 'time'), el('span', entry.method, 'method'),
    el('span', entry.path + (entry.query ? `?${entry.query}` : ''), 'path'),
    el('span', entry.status, `status ${statusClass(entry.status)}`),
    el('span', entry.operation || '', 'operation'), el('span', `${entry.duration_ms} ms`, 'muted'));
  details.append(summary);

  const body = el('div', null, 'entry');
  const idRow = el('p', null, 'row');
  const copy = el('button', 'Copy', 'secondary small');
  copy.type = 'button';
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(entry.operation_id);
      copy.textContent = 'Copied';
    } catch {
      // no clipboard (a page over plain HTTP on another host): select the ID for Ctrl+C instead
      getSelection().selectAllChildren(id);
    }
  });
  const id = el('code', entry.operation_id, 'operation-id');
  idRow.append(el('span', 'Operation ID', 'label'), id, copy);
  body.append(idRow);
  body.append(el('h4', 'Request headers' + (entry.request_headers_truncated ? ' (truncated)' : '')));
  const headers = el('table', null, 'headers');
  for (const [name, values] of Object.entries(entry.request_headers || {})) {
    const row = el('tr');
    row.append(el('th', name), el('td', values.join(', ')));
    headers.append(row);
  }
  body.append(headers);
  body.append(el('h4', 'Request body' + (entry.request_body_truncated ? ' (truncated)' : '')));
  body.append(el('pre', pretty(entry.request_body), 'json'));
  body.append(el('h4', 'Response body' + (entry.response_body_truncated ? ' (truncated)' : '')));
  body.append(el('pre', pretty(entry.response_body), 'json'));
  details.append(body);
  item.append(details);
  return item;
}

function scheduleJournal() {
  clearInterval(journalTimer);
  journalTimer = null;
  if (currentView === 'journal' && $('journal-live').checked && sessionStorage.getItem(KEY)) {
    journalTimer = setInterval(loadJournal, JOURNAL_POLL_MS);
  }
}

for (const id of ['journal-status', 'journal-operation', 'journal-path']) {
  $(id).addEventListener('change', () => {
    journalSignature = '';
    loadJournal();
  });
}
$('journal-form').addEventListener('submit', (event) => {
  event.preventDefault();
  journalSignature = '';
  loadJournal();
});
$('journal-live').addEventListener('change', scheduleJournal);
$('journal-clear').addEventListener('click', async () => {
  await attempt('journal-error', () => call('DELETE', '/_emulator/journal'));
  journalSignature = '';
  loadJournal();
});

// ---- clock and faults

function showClock(clock) {
  $('clock-state').textContent = clock.frozen ? 'Frozen at' : 'Running, now';
  $('clock-now').textContent = clock.now;
}

async function loadClock() {
  const clock = await attempt('clock-error', () => call('GET', '/_emulator/clock'));
  if (clock) {
    showClock(clock);
  }
}

$('freeze-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const at = $('freeze-at').value.trim();
  const clock = await attempt('clock-error', () => call('POST', '/_emulator/clock/freeze', at ? { at } : undefined));
  if (clock) {
    showClock(clock);
  }
});
$('advance-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const clock = await attempt('clock-error',
    () => call('POST', '/_emulator/clock/advance', { by: $('advance-by').value.trim() }));
  if (clock) {
    showClock(clock);
  }
});
$('clock-real').addEventListener('click', async () => {
  await attempt('clock-error', () => call('DELETE', '/_emulator/clock'));
  loadClock();
});
$('clock-refresh').addEventListener('click', loadClock);

async function loadFaults() {
  const list = await attempt('fault-error', () => call('GET', '/_emulator/faults'));
  if (!list) {
    return;
  }
  $('faults-body').replaceChildren(...list.faults.map((rule) => {
    const row = el('tr');
    const remove = el('button', 'Remove', 'secondary small');
    remove.type = 'button';
    remove.addEventListener('click', async () => {
      await attempt('fault-error', () => call('DELETE', `/_emulator/faults/${encodeURIComponent(rule.id)}`));
      loadFaults();
    });
    const action = el('td');
    action.append(remove);
    row.append(el('td', rule.id, 'id'), el('td', rule.operation), el('td', rule.status ?? '—'),
      el('td', rule.error_code ?? '—'), el('td', `${rule.latency_ms} ms`), el('td', rule.probability ?? '—'),
      el('td', rule.times_remaining ?? 'every call'), action);
    return row;
  }));
  $('faults-empty').hidden = list.faults.length > 0;
}

$('fault-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const rule = { operation: $('fault-operation').value };
  const numbers = [['status', 'fault-status'], ['latency_ms', 'fault-latency'], ['times', 'fault-times'],
    ['probability', 'fault-probability']];
  for (const [field, id] of numbers) {
    if ($(id).value !== '') {
      rule[field] = Number($(id).value);
    }
  }
  if ($('fault-error-code').value.trim()) {
    rule.error_code = $('fault-error-code').value.trim();
  }
  const added = await attempt('fault-error', () => call('POST', '/_emulator/faults', rule));
  if (added) {
    $('fault-form').reset();
    loadFaults();
  }
});
$('faults-clear').addEventListener('click', async () => {
  await attempt('fault-error', () => call('DELETE', '/_emulator/faults'));
  loadFaults();
});

// ---- reset, export, import

function counts(result) {
  return `${result.agent_ingresses} ingresses, ${result.journal_entries} journal entries and `
    + `${result.fault_rules} fault rules`;
}

$('reset').addEventListener('click', async () => {
  show('data-result', '');
  if (!confirm('Reset this account? Its ingresses, journal and fault rules go, and its clock is real again.')) {
    return;
  }
  const result = await attempt('data-error', () => call('POST', '/_emulator/reset'));
  if (result) {
    show('data-result', `Reset: deleted ${counts(result)}.`);
  }
});

$('export').addEventListener('click', async () => {
  show('data-result', '');
  const list = await attempt('data-error', () => call('GET', '/_emulator/agent_ingresses'));
  if (!list) {
    return;
  }
  const file = new Blob([JSON.stringify(list, null, 2)], { type: 'application/json' });
  const link = el('a');
  link.href = URL.createObjectURL(file);
  link.download = 'agent-ingresses.json';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  show('data-result', `Exported ${list.ingresses.length} ingresses to agent-ingresses.json.`);
});

$('import-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  show('data-result', '');
  const file = $('import-file').files[0];
  if (!file) {
    return;
  }
  const text = await file.text();
  const result = await attempt('data-error', () => call('POST', '/_emulator/agent_ingresses', text));
  if (result) {
    show('data-result', `Imported ${result.imported}, skipped ${result.skipped} already there.`);
  }
});

// ---- operator

function adminState() {
  $('admin-state').textContent = sessionStorage.getItem(ADMIN) ? 'Admin token set for this tab.' : 'No admin token.';
}

$('admin-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = $('admin-token').value.trim();
  if (token) {
    sessionStorage.setItem(ADMIN, token);
  } else {
    sessionStorage.removeItem(ADMIN);
  }
  $('admin-token').value = '';
  adminState();
  loadOverview();
});
$('admin-overview-refresh').addEventListener('click', loadOverview);

const OVERVIEW_KINDS = [['agent_ingresses', 'Ingresses'], ['journal_entries', 'Journal entries'],
  ['fault_rules', 'Fault rules']];

/** What the server holds, every account together; nothing without an admin token. */
async function loadOverview() {
  const rows = $('admin-overview');
  if (!sessionStorage.getItem(ADMIN)) {
    rows.replaceChildren();
    show('admin-clock-state', '');
    return;
  }
  const overview = await attempt('admin-error', () => call('GET', '/_emulator/admin/overview', undefined,
    { admin: true }));
  if (!overview) {
    return;
  }
  rows.replaceChildren(...OVERVIEW_KINDS.map(([field, name]) => {
    const row = el('tr');
    row.append(el('th', name), el('td', overview[field].count), el('td', overview[field].accounts));
    row.cells[0].scope = 'row';
    return row;
  }));
  show('admin-clock-state', `Every account's clock: ${overview.clock.now}, `
    + (overview.clock.frozen ? 'frozen.' : 'running.'));
}

async function operator(action, done) {
  show('admin-result', '');
  const result = await attempt('admin-error', async () => (await action()) ?? true);
  if (result) {
    show('admin-result', done(result));
    loadOverview();
  }
}

$('admin-freeze-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const at = $('admin-freeze-at').value.trim();
  operator(() => call('POST', '/_emulator/admin/clock/freeze', at ? { at } : {}, { admin: true }),
    () => 'Every account without a clock of its own is frozen.');
});
$('admin-advance-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const by = $('admin-advance-by').value.trim();
  operator(() => call('POST', '/_emulator/admin/clock/advance', { by }, { admin: true }),
    () => `Every account without a clock of its own is ${by} ahead.`);
});
$('admin-clock-real').addEventListener('click', () => operator(
  () => call('DELETE', '/_emulator/admin/clock', undefined, { admin: true }),
  () => 'Every account without a clock of its own is on real time.'));
$('admin-reset').addEventListener('click', () => {
  if (confirm('Reset EVERY account of this server?')) {
    operator(() => call('POST', '/_emulator/admin/reset', undefined, { admin: true }),
      (result) => `Reset every account: deleted ${counts(result)}.`);
  }
});

adminState();
signedIn();
