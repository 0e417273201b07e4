// Shared by the dashboard e2e files: boots the real app (SMS through the test's HTTP gateway,
// e-mail through the SMTP sink), people made through the real profile API, and platform clients
// with `events:write` whose tokens are signed like /oauth/token signs them.
import { randomInt } from 'node:crypto';
import { AuthHarness, startAuthApp } from '../auth/auth-e2e.helpers';
import { insertUser, randomPhone } from '../../support/db-fixtures';
import { RegistryServer } from '../../support/registry-server';
import { signTestToken } from '../../support/tokens';

export interface DashboardHarness extends AuthHarness {
  /** The scripted registry (REGISTRY_DRIVER=http) that proves links. */
  registry: RegistryServer;
}

/** Boots the app with its registry checks going to a scripted registry (the e2e fakes). */
export async function startDashboardApp(
  env: Record<string, string> = {},
): Promise<DashboardHarness> {
  const registry = await RegistryServer.start();
  // Copies go at once whatever the hour the suite runs at; quiet hours have their own file.
  const h = await startAuthApp({
    REGISTRY_DRIVER: 'http',
    REGISTRY_URL: registry.url,
    NOTIFICATIONS_QUIET_HOURS_DEFAULT: 'off',
    ...env,
  });
  return {
    ...h,
    registry,
    close: async () => {
      await h.close();
      await registry.close();
    },
  };
}

export interface Person {
  id: string;
  phone: string;
  token: string;
}

/** An account (inserted directly) with an access token. */
export async function person(h: DashboardHarness): Promise<Person> {
  const phone = randomPhone();
  const user = await insertUser(h.t.dataSource, { phone });
  return { id: user.id, phone, token: await signTestToken(h.t.app, { sub: user.id }) };
}

/** The sources the e2e files' events come from. */
export const TEST_EVENT_SOURCES = [
  'gibdd',
  'mosvodokanal',
  'mosenergosbyt',
  'epd',
  'rcoi',
  'mos.ru',
  'emias',
];

/**
 * A platform API client (as `npm run cli -- create-api-client --sources …` makes them) and its
 * token; with `events:write` it may write `sources`.
 */
export async function platformClientToken(
  h: DashboardHarness,
  scopes: string[] = ['events:write'],
  sources: string[] = TEST_EVENT_SOURCES,
): Promise<string> {
  // Required here, not imported: the app's modules must load after the harness reset GraphQL's
  // metadata storage.
  const integrations =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../../../src/modules/integrations') as typeof import('../../../src/modules/integrations');
  const { client } = await h.t.app.get(integrations.ApiClientRegistry).create({
    name: 'Городская шина событий',
    scopes,
    organizationId: null,
    createdByUserId: null,
  });
  if (scopes.includes('events:write')) {
    const events =
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../../../src/modules/service-events') as typeof import('../../../src/modules/service-events');
    await h.t.app.get(events.EventSources).set(client.id, sources);
  }
  return await signTestToken(h.t.app, { sub: client.id, typ: 'client', scope: scopes.join(' ') });
}

export const MY_VEHICLES =
  '{ me { vehicles { id plate verification linkedAt verifiedAt verificationNote } } }';

/** A valid СТС number. */
export function randomCertificate(): string {
  return `77УК${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

/**
 * Adds the plate with its right СТС (the registry fake holds that record) and waits until the
 * registry check made it VERIFIED; returns the vehicle with its verifiedAt.
 */
export async function provenVehicle(
  h: DashboardHarness,
  who: Person,
  plate: string,
): Promise<{ id: string; verifiedAt: string }> {
  const certificate = randomCertificate();
  h.registry.record('/vehicle', plate, { registrationCertificate: certificate });
  const { addVehicle } = await h.gql.ok(
    ADD_VEHICLE,
    { input: { plate, registrationCertificate: certificate } },
    { token: who.token },
  );
  return vehicleSettled(h, who, addVehicle.id as string, 'VERIFIED');
}

/** Waits until the vehicle's check reached `state`. */
export async function vehicleSettled(
  h: DashboardHarness,
  who: Person,
  id: string,
  state: string,
): Promise<{ id: string; verifiedAt: string; verification: string; verificationNote: string }> {
  return eventually(async () => {
    const { me } = await h.gql.ok(MY_VEHICLES, {}, { token: who.token });
    const vehicle = (
      me.vehicles as {
        id: string;
        verification: string;
        verifiedAt: string;
        verificationNote: string;
      }[]
    ).find((v) => v.id === id);
    return vehicle?.verification === state ? vehicle : undefined;
  });
}

/** A valid plate nobody else in the run has. */
export function randomPlate(): string {
  const letters = 'АВЕКМНОРСТУХ';
  const pick = () => letters[randomInt(0, letters.length)];
  return `${pick()}${String(randomInt(1, 1000)).padStart(3, '0')}${pick()}${pick()}${randomInt(10, 100)}`;
}

/** A unique external id. */
export function externalId(prefix = 'ext'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomInt(0, 1e9).toString(36)}`;
}

/** A traffic fine for a plate. */
export function fineEvent(plate: string, overrides: Record<string, unknown> = {}) {
  return {
    source: 'gibdd',
    externalId: externalId('fine'),
    category: 'TRAFFIC_FINES',
    subject: { kind: 'VEHICLE_PLATE', value: plate },
    title: 'Штраф за превышение скорости',
    body: 'Скидка 50% при оплате в течение 20 дней',
    amount: 500,
    status: 'UNPAID',
    // Now: after the plate was proven (personal events before verifiedAt are not shown).
    occurredAt: new Date().toISOString(),
    dueAt: new Date(Date.now() + 20 * 86400_000).toISOString(),
    data: { article: '12.9.2' },
    ...overrides,
  };
}

export const INGEST = `mutation($events: [ServiceEventInput!]!) {
  ingestServiceEvents(events: $events) { accepted duplicates } }`;
export const ADD_VEHICLE = `mutation($input: VehicleInput!) { addVehicle(input: $input) { id plate } }`;
export const ADD_CHILD = `mutation($input: ChildInput!) { addChild(input: $input) { id snils } }`;
export const UPDATE_PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`;
export const SUBSCRIBE = `mutation($category: NotificationCategory!, $channels: [Channel!]) {
  subscribe(category: $category, channels: $channels) {
    category area title requiredFields missingFields subscribed channels } }`;
export const UNSUBSCRIBE = `mutation($category: NotificationCategory!) {
  unsubscribe(category: $category) { category subscribed channels missingFields } }`;
export const SUBSCRIPTIONS = `{ notificationSubscriptions {
  category area title requiredFields missingFields subscribed channels } }`;
export const NOTIFICATION_FIELDS = 'id category title body createdAt readAt';
export const NOTIFICATIONS = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${NOTIFICATION_FIELDS} } } } }`;
export const UNREAD_COUNT = '{ unreadNotificationCount }';
export const MARK_READ = 'mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }';
export const NOTIFICATION_RECEIVED = `subscription { notificationReceived { ${NOTIFICATION_FIELDS} } }`;
export const WIDGET_FIELDS = `id type position hidden settings missingFields
  content { summary badge items { title subtitle amount status date } }`;
export const DASHBOARD = `query($includeHidden: Boolean) { dashboard(includeHidden: $includeHidden) { ${WIDGET_FIELDS} } }`;
export const ADD_WIDGET = `mutation($type: WidgetType!, $settings: JSON) {
  addWidget(type: $type, settings: $settings) { ${WIDGET_FIELDS} } }`;
export const MOVE_WIDGET = `mutation($id: ID!, $position: Int!) {
  moveWidget(id: $id, position: $position) { id type position } }`;
export const UPDATE_WIDGET_SETTINGS = `mutation($id: ID!, $settings: JSON!) {
  updateWidgetSettings(id: $id, settings: $settings) { id settings } }`;
export const HIDE_WIDGET = 'mutation($id: ID!) { hideWidget(id: $id) { id hidden position } }';
export const SHOW_WIDGET = 'mutation($id: ID!) { showWidget(id: $id) { id hidden position } }';
export const REMOVE_WIDGET = 'mutation($id: ID!) { removeWidget(id: $id) }';
export const WIDGET_CATALOG = '{ widgetCatalog { type title description requiredFields } }';

/** Polls until the check passes or the time is up. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
