import { isIPv4, isIPv6 } from 'node:net';

/** What kind of network an IP address belongs to; only `public` may receive webhooks. */
export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link-local'
  | 'multicast'
  | 'reserved';

// IPv4 special-purpose blocks (RFC 6890 and the IANA registry) no webhook may target.
const IPV4_BLOCKS: [string, number, AddressClass][] = [
  ['0.0.0.0', 8, 'unspecified'], // "this network"; 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'], // cloud metadata services live here
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // includes 255.255.255.255
];

function ipv4ToInt(address: string): number {
  return address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

const IPV4_RANGES = IPV4_BLOCKS.map(([base, prefix, kind]) => ({
  start: ipv4ToInt(base),
  size: 2 ** (32 - prefix),
  kind,
}));

function classifyIPv4Int(value: number): AddressClass {
  const range = IPV4_RANGES.find((r) => value >= r.start && value < r.start + r.size);
  return range ? range.kind : 'public';
}

/** The eight 16-bit words of a valid IPv6 address (zone and embedded IPv4 tail allowed). */
function ipv6Words(address: string): number[] {
  let text = address.split('%')[0].toLowerCase();
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4 = ipv4ToInt(tail);
    text = `${text.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((word) => parseInt(word, 16)) : [];
  const headWords = parse(head);
  if (rest === undefined) {
    return headWords;
  }
  const tailWords = parse(rest);
  return [
    ...headWords,
    ...Array<number>(8 - headWords.length - tailWords.length).fill(0),
    ...tailWords,
  ];
}

function classifyIPv6(address: string): AddressClass {
  const w = ipv6Words(address);
  const embeddedV4 = (hi: number, lo: number) => hi * 65536 + lo;
  const zeroUpTo = (n: number) => w.slice(0, n).every((word) => word === 0);
  if (zeroUpTo(8)) {
    return 'unspecified';
  }
  if (zeroUpTo(7) && w[7] === 1) {
    return 'loopback';
  }
  if (zeroUpTo(5) && w[5] === 0xffff) {
    // IPv4-mapped (::ffff:a.b.c.d): the socket reaches the IPv4 address.
    return classifyIPv4Int(embeddedV4(w[6], w[7]));
  }
  if (zeroUpTo(6)) {
    // IPv4-compatible (::a.b.c.d), deprecated and never a legitimate receiver.
    return 'reserved';
  }
  if (w[0] === 0x64 && w[1] === 0xff9b && w.slice(2, 6).every((word) => word === 0)) {
    // NAT64 well-known prefix: the gateway forwards to the embedded IPv4 address.
    return classifyIPv4Int(embeddedV4(w[6], w[7]));
  }
  if (w[0] === 0x64 && w[1] === 0xff9b && w[2] === 1) {
    return 'private'; // local-use NAT64 (64:ff9b:1::/48)
  }
  if (w[0] >= 0xff00) {
    return 'multicast';
  }
  if ((w[0] & 0xffc0) === 0xfe80) {
    return 'link-local';
  }
  if ((w[0] & 0xffc0) === 0xfec0 || (w[0] & 0xfe00) === 0xfc00) {
    return 'private'; // site-local (deprecated) and unique local fc00::/7
  }
  if (w[0] === 0x2002) {
    // 6to4: the relay reaches the embedded IPv4 address.
    return classifyIPv4Int(embeddedV4(w[1], w[2]));
  }
  if (w[0] === 0x2001 && (w[1] < 0x0200 || w[1] === 0x0db8)) {
    return 'reserved'; // IETF protocol assignments (Teredo, ORCHID…) and documentation
  }
  if (w[0] === 0x3fff && w[1] < 0x1000) {
    return 'reserved'; // documentation (3fff::/20)
  }
  if ((w[0] & 0xe000) !== 0x2000) {
    return 'reserved'; // outside global unicast 2000::/3
  }
  return 'public';
}

/** The class of an IPv4 or IPv6 address; null when the text is not an IP address. */
export function classifyAddress(address: string): AddressClass | null {
  if (isIPv4(address)) {
    return classifyIPv4Int(ipv4ToInt(address));
  }
  if (isIPv6(address)) {
    return classifyIPv6(address);
  }
  return null;
}

/** Whether a webhook may be delivered to the address. */
export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === 'public';
}
