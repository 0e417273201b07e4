import { DocumentKind, VerificationStatus } from '../../profile';
import { documentNotice } from './document-status.notifier';

describe('documentNotice', () => {
  const change = (status: VerificationStatus, reason: string | null = null) => ({
    userId: 'u',
    documentId: 'd',
    kind: DocumentKind.SNILS,
    status,
    rejectionReason: reason,
  });

  it('should say in Russian what happened to the document', () => {
    expect(documentNotice(change(VerificationStatus.PENDING)).title).toBe(
      'СНИЛС отправлен на проверку',
    );
    expect(documentNotice(change(VerificationStatus.VERIFIED)).title).toBe('СНИЛС подтверждён');
    expect(
      documentNotice({ ...change(VerificationStatus.EXPIRED), kind: DocumentKind.PASSPORT }).title,
    ).toBe('Проверка документа «Паспорт» не завершена');
  });

  it('should carry the rejection reason in the body', () => {
    expect(documentNotice(change(VerificationStatus.REJECTED, 'Данные не совпали'))).toEqual({
      title: 'СНИЛС не подтверждён',
      body: 'Данные не совпали',
    });
  });
});
