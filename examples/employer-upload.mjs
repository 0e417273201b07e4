#!/usr/bin/env node
// An employer's accounting system hands Kabinet the week's remote-work workbook:
//   1. a token for the OAuth client (client credentials, POST /oauth/token);
//   2. submitRemoteWorkReport as a GraphQL multipart request (with the CSRF header);
//   3. remoteWorkReportStatusChanged over graphql-ws until the report is final;
//   4. the result workbook, downloaded with the same token.
// Each step is printed; any refusal ends the script with exit code 1 and the error's code,
// subCode and message. Run it from the repository (it uses its graphql-ws and ws packages):
//
//   KABINET_URL=http://localhost:3000 KABINET_CLIENT_ID=... KABINET_CLIENT_SECRET=... \
//     node examples/employer-upload.mjs report.xlsx [--week 2026-12-14] [--out result.xlsx]
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const FINAL = ['ACCEPTED', 'PARTIALLY_ACCEPTED', 'REJECTED', 'FAILED'];
const REPORT_FIELDS = `id reportingWeek status submittedAt fileName sha256 rowsTotal rowsAccepted
  rowsRejected resultFileUrl issues(first: 20) { severity sheet row column code message }`;
const SUBMIT = `mutation Submit($file: Upload!, $week: Date) {
  submitRemoteWorkReport(file: $file, week: $week) { ${REPORT_FIELDS} }
}`;
const STATUS = `subscription Status($reportId: ID) {
  remoteWorkReportStatusChanged(reportId: $reportId) { ${REPORT_FIELDS} }
}`;

/** A refusal by Kabinet: printed as `code subCode: message`. */
class Refusal extends Error {
  constructor(code, subCode, message) {
    super(message);
    this.code = code;
    this.subCode = subCode;
  }
}

function step(text) {
  console.log(`» ${text}`);
}

function refusalOf(error) {
  const ext = error?.extensions ?? {};
  return new Refusal(
    ext.code ?? 'ERROR',
    ext.subCode ?? null,
    ext.userMessage ?? error?.message ?? 'unknown error',
  );
}

async function token(base, clientId, clientSecret) {
  const res = await fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }),
  });
  const body = await res.json().catch(() => ({}));
  if (res.status !== 200) {
    // RFC 6749 §5.2: { error, error_description }.
    throw new Refusal(body.error ?? `HTTP_${res.status}`, null, body.error_description ?? '');
  }
  return body;
}

async function submit(base, accessToken, path, week) {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: SUBMIT, variables: { file: null, week } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new Blob([await readFile(path)]), basename(path));
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    // Apollo's CSRF prevention refuses multipart requests without this header.
    headers: { authorization: `Bearer ${accessToken}`, 'apollo-require-preflight': 'true' },
    body: form,
  });
  const body = await res.json().catch(() => ({}));
  if (body.errors?.length) {
    throw refusalOf(body.errors[0]);
  }
  if (!body.data?.submitRemoteWorkReport) {
    throw new Refusal(`HTTP_${res.status}`, null, 'no report in the answer');
  }
  return body.data.submitRemoteWorkReport;
}

function untilFinal(base, accessToken, reportId) {
  const client = createClient({
    url: base.replace(/^http/, 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${accessToken}` },
    retryAttempts: 3,
  });
  return new Promise((resolve, reject) => {
    let last = null;
    const stop = client.subscribe(
      { query: STATUS, variables: { reportId } },
      {
        next: ({ data, errors }) => {
          if (errors?.length) {
            reject(refusalOf(errors[0]));
            return;
          }
          // The first event is the report's current state, then every change.
          last = data.remoteWorkReportStatusChanged;
          step(`status ${last.status}`);
          if (FINAL.includes(last.status)) {
            stop();
            void client.dispose();
            resolve(last);
          }
        },
        error: (error) => {
          void client.dispose();
          reject(Array.isArray(error) ? refusalOf(error[0]) : refusalOf(error));
        },
        complete: () => {
          if (!last || !FINAL.includes(last.status)) {
            reject(new Refusal('SUBSCRIPTION_ENDED', null, 'the subscription ended early'));
          }
        },
      },
    );
  });
}

async function download(url, accessToken, out) {
  const res = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } });
  if (res.status !== 200) {
    // REST refusals: { error: { code, subCode, message } }.
    const { error } = await res.json().catch(() => ({}));
    throw new Refusal(error?.code ?? `HTTP_${res.status}`, error?.subCode ?? null, error?.message ?? '');
  }
  const bytes = Buffer.from(await res.arrayBuffer());
  await writeFile(out, bytes);
  return bytes.length;
}

async function main() {
  const { values, positionals } = parseArgs({
    options: { week: { type: 'string' }, out: { type: 'string' } },
    allowPositionals: true,
  });
  const file = positionals[0];
  const base = (process.env.KABINET_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  const { KABINET_CLIENT_ID: clientId, KABINET_CLIENT_SECRET: clientSecret } = process.env;
  if (!file || !clientId || !clientSecret) {
    console.error(
      'usage: KABINET_URL=… KABINET_CLIENT_ID=… KABINET_CLIENT_SECRET=… ' +
        'node examples/employer-upload.mjs <workbook.xlsx> [--week YYYY-MM-DD] [--out result.xlsx]',
    );
    return 2;
  }
  step(`token for client ${clientId} at ${base}/oauth/token`);
  const granted = await token(base, clientId, clientSecret);
  step(`token granted: scopes "${granted.scope}", expires in ${granted.expires_in} s`);

  step(`uploading ${basename(file)}${values.week ? ` for the week of ${values.week}` : ''}`);
  const report = await submit(base, granted.access_token, file, values.week);
  step(`report ${report.id} for the week of ${report.reportingWeek}: ${report.status}`);

  const final = await untilFinal(base, granted.access_token, report.id);
  step(
    `final status ${final.status}: ${final.rowsAccepted ?? 0} of ${final.rowsTotal ?? 0} rows accepted`,
  );
  for (const issue of final.issues) {
    console.log(
      `  ${issue.severity} ${issue.sheet}${issue.row ? ` row ${issue.row}` : ''}` +
        `${issue.column ? ` column ${issue.column}` : ''}: ${issue.code} ${issue.message}`,
    );
  }
  if (!final.resultFileUrl) {
    step('no result workbook for this status');
    return 0;
  }
  const out = values.out ?? `result-${report.id}.xlsx`;
  const size = await download(final.resultFileUrl, granted.access_token, out);
  step(`result workbook saved to ${out} (${size} bytes)`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof Refusal) {
      console.error(`refused: ${error.code}${error.subCode ? ` ${error.subCode}` : ''}: ${error.message}`);
    } else {
      console.error(`failed: ${error?.message ?? error}`);
    }
    process.exit(1);
  },
);
