/** A destination as it may appear in production logs: `+7916***67`, `iv***@mail.ru`. */
export function maskDestination(to: string): string {
  const at = to.indexOf('@');
  if (at > 0) {
    return `${to.slice(0, Math.min(2, at))}***${to.slice(at)}`;
  }
  return to.length > 7 ? `${to.slice(0, 5)}***${to.slice(-2)}` : '***';
}
