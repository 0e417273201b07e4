// RFC 3986 absolute URI: a scheme, ':', and a non-empty rest without spaces (urn:…, http://…).
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;

/** Whether a namespace URI is an absolute URI. */
export function isAbsoluteUri(value: string): boolean {
  if (!ABSOLUTE_URI.test(value)) {
    return false;
  }
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
