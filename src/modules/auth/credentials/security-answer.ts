import { cleanText } from '../../../shared/identifiers';

/**
 * The form a security answer is hashed and compared in: case, spaces (anywhere) and ё/е do not
 * matter, so «Мурка », «мурка» and «МУР КА» are the same answer.
 */
export function normalizeSecurityAnswer(answer: string): string {
  return cleanText(answer).toLocaleLowerCase('ru-RU').replace(/ё/g, 'е').replace(/\s+/g, '');
}
