// The employer's page: no framework, no build. Kabinet's address comes from `?api=` (default:
// this page's own origin); Kabinet must list this page's origin in CORS_ORIGINS.
'use strict';

const API = (new URLSearchParams(location.search).get('api') || location.origin).replace(/\/+$/, '');
const FINAL = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED', 'FAILED'];
const STATUS_TEXT = {
  QUEUED: 'в очереди',
  PROCESSING: 'проверяется',
  ACCEPTED: 'принят',
  PARTIALLY_ACCEPTED: 'принят частично',
  REJECTED: 'отклонён',
  FAILED: 'не обработан',
};
const REPORT_FIELDS = `id reportingWeek status rowsTotal rowsAccepted rowsRejected resultFileUrl
  issues(first: 100) { severity sheet row column code message }`;

const state = { token: null, phone: null, socket: null };
const $ = (id) => document.getElementById(id);

/** A refusal from Kabinet, with the extensions clients branch on. */
class KabinetError extends Error {
  constructor(error) {
    const ext = (error && error.extensions) || {};
    super(ext.userMessage || (error && error.message) || 'Ошибка');
    this.code = ext.code;
    this.subCode = ext.subCode;
  }
}

function showError(error) {
  const el = $('error');
  el.textContent = error.code
    ? `${error.message} (${error.code}${error.subCode ? ' / ' + error.subCode : ''})`
    : error.message;
  el.hidden = false;
}

function clearError() {
  $('error').hidden = true;
}

async function gql(query, variables) {
  const res = await fetch(`${API}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(state.token ? { authorization: `Bearer ${state.token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors && body.errors.length) {
    throw new KabinetError(body.errors[0]);
  }
  return body.data;
}

async function upload(file, week) {
  const form = new FormData();
  const query = `mutation($file: Upload!, $week: Date) { submitRemoteWorkReport(file: $file, week: $week) { ${REPORT_FIELDS} } }`;
  form.append('operations', JSON.stringify({ query, variables: { file: null, week: week || null } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', file, file.name);
  const res = await fetch(`${API}/graphql`, {
    method: 'POST',
    // Apollo's CSRF prevention refuses multipart requests without this header.
    headers: { authorization: `Bearer ${state.token}`, 'apollo-require-preflight': 'true' },
    body: form,
  });
  const body = await res.json();
  if (body.errors && body.errors.length) {
    throw new KabinetError(body.errors[0]);
  }
  return body.data.submitRemoteWorkReport;
}

/** remoteWorkReportStatusChanged over the graphql-ws protocol (graphql-transport-ws). */
function watch(reportId, onReport) {
  if (state.socket) {
    state.socket.close(1000);
  }
  const socket = new WebSocket(API.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
  state.socket = socket;
  socket.onopen = () => {
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${state.token}` } }));
  };
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'connection_ack') {
      socket.send(
        JSON.stringify({
          id: '1',
          type: 'subscribe',
          payload: {
            query: `subscription($id: ID) { remoteWorkReportStatusChanged(reportId: $id) { ${REPORT_FIELDS} } }`,
            variables: { id: reportId },
          },
        }),
      );
    } else if (message.type === 'ping') {
      socket.send(JSON.stringify({ type: 'pong' }));
    } else if (message.type === 'next') {
      if (message.payload.errors && message.payload.errors.length) {
        showError(new KabinetError(message.payload.errors[0]));
        return;
      }
      const report = message.payload.data.remoteWorkReportStatusChanged;
      onReport(report);
      if (FINAL.includes(report.status)) {
        socket.send(JSON.stringify({ id: '1', type: 'complete' }));
        socket.close(1000);
      }
    } else if (message.type === 'error') {
      showError(new KabinetError(message.payload[0]));
    }
  };
  socket.onclose = (event) => {
    if (event.code !== 1000) {
      showError(new Error(`Соединение для статуса закрыто (${event.code} ${event.reason})`));
    }
  };
}

function showReport(report) {
  $('report').hidden = false;
  $('report-id').textContent = report.id;
  $('report-week').textContent = report.reportingWeek;
  const status = $('status');
  status.textContent = `${STATUS_TEXT[report.status] || report.status} (${report.status})`;
  status.dataset.status = report.status;
  status.className = FINAL.includes(report.status) ? 'final' : '';
  $('rows').textContent =
    report.rowsTotal === null ? '—' : `принято ${report.rowsAccepted} из ${report.rowsTotal}`;
  const tbody = $('issues').querySelector('tbody');
  tbody.replaceChildren();
  for (const issue of report.issues) {
    const tr = document.createElement('tr');
    for (const value of [issue.severity, issue.sheet, issue.row, issue.column, issue.code, issue.message]) {
      const td = document.createElement('td');
      td.textContent = value === null || value === undefined ? '' : String(value);
      tr.append(td);
    }
    tbody.append(tr);
  }
  const final = FINAL.includes(report.status);
  $('issues').hidden = report.issues.length === 0;
  $('no-issues').hidden = !final || report.issues.length > 0;
  if (final && report.resultFileUrl) {
    void downloadResult(report).catch(showError);
  }
}

async function downloadResult(report) {
  const res = await fetch(report.resultFileUrl, { headers: { authorization: `Bearer ${state.token}` } });
  if (res.status !== 200) {
    const body = await res.json().catch(() => ({}));
    throw new KabinetError({ message: (body.error && body.error.message) || `HTTP ${res.status}`, extensions: body.error });
  }
  const blob = await res.blob();
  const link = document.createElement('a');
  link.id = 'result-link';
  link.href = URL.createObjectURL(blob);
  link.download = `Результат проверки ${report.reportingWeek}.xlsx`;
  link.textContent = `Скачать результат проверки (${blob.size} байт)`;
  link.dataset.bytes = String(blob.size);
  $('result').replaceChildren(link);
}

async function chooseOrganization(id) {
  const data = await gql(`mutation($id: ID!) { selectOrganization(organizationId: $id) { accessToken } }`, { id });
  state.token = data.selectOrganization.accessToken;
  const { currentOrganization } = await gql('{ currentOrganization { id fullName inn } }');
  $('organization-name').textContent = `${currentOrganization.fullName}, ИНН ${currentOrganization.inn}`;
  $('organization-form').hidden = true;
  $('upload').hidden = false;
}

function on(id, handler) {
  $(id).addEventListener('submit', (event) => {
    event.preventDefault();
    clearError();
    handler().catch(showError);
  });
}

on('phone-form', async () => {
  state.phone = $('phone').value;
  await gql('mutation($login: String!) { requestLoginCode(login: $login) }', { login: state.phone });
  $('code-form').hidden = false;
  $('code').focus();
});

on('code-form', async () => {
  const data = await gql(
    'mutation($login: String!, $code: String!) { loginWithCode(login: $login, code: $code) { accessToken } }',
    { login: state.phone, code: $('code').value },
  );
  state.token = data.loginWithCode.accessToken;
  $('sign-in').hidden = true;
  const { myOrganizations } = await gql('{ myOrganizations { id fullName } }');
  if (myOrganizations.length === 0) {
    throw new Error('Вы не состоите ни в одной организации');
  }
  $('organization').hidden = false;
  const select = $('organization-select');
  for (const organization of myOrganizations) {
    select.append(new Option(organization.fullName, organization.id));
  }
  if (myOrganizations.length === 1) {
    await chooseOrganization(myOrganizations[0].id);
  }
});

on('organization-form', () => chooseOrganization($('organization-select').value));

on('upload-form', async () => {
  const file = $('file').files[0];
  const report = await upload(file, $('week').value);
  showReport(report);
  watch(report.id, showReport);
});

$('template').href = `${API}/files/templates/remote-work-report.xlsx`;
