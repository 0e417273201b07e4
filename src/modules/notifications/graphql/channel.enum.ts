import { registerEnumType } from '@nestjs/graphql';

/** Where a notification goes. */
export enum Channel {
  IN_APP = 'IN_APP',
  EMAIL = 'EMAIL',
  SMS = 'SMS',
}

registerEnumType(Channel, {
  name: 'Channel',
  description: 'Where notifications go: IN_APP (always), EMAIL (needs an e-mail), SMS.',
});

/** Channels in canonical order, IN_APP always included. */
export function normalizeChannels(channels: readonly Channel[] | null | undefined): Channel[] {
  const chosen = new Set<Channel>([Channel.IN_APP, ...(channels ?? [])]);
  return Object.values(Channel).filter((c) => chosen.has(c));
}

/** Channels as stored (`IN_APP,SMS`). */
export function parseChannels(stored: string): Channel[] {
  const known = new Set<string>(Object.values(Channel));
  return normalizeChannels(stored.split(',').filter((c): c is Channel => known.has(c)));
}
