// Text typed by one organization that the platform's own sender delivers to another: bounded,
// on one line, control characters gone, links disarmed, always in «» so it reads as a quote.
// The e-mails are plain text: there is no markup to escape, but a link would be clickable.
export const FREE_TEXT_MAX = 200;

/** Free text made safe to quote in a notice e-mail. */
export function quoteFreeText(text: string, max = FREE_TEXT_MAX): string {
  const flat = [...text]
    .map((c) => (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(c) ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    // Clients turn scheme://… and www.… into links: break both without losing the text.
    .replace(/([a-z][a-z0-9+.-]*):\/\//gi, '$1[:]//')
    .replace(/\bwww\./gi, 'www[.]')
    .replace(/[«»]/g, '"');
  const chars = [...flat];
  const bounded = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
  return `«${bounded}»`;
}
