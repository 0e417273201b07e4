/** The documents reminded of, as stored in `document_expiry_reminders.document_kind`. */
export enum ReminderDocumentKind {
  /** An internal passport (ends at 20 and 45); `document_id` is identity's document id. */
  PASSPORT = 'PASSPORT',
  /** A driver licence (printed expiry, 10 years); `document_id` is the holder's account id. */
  DRIVER_LICENSE = 'DRIVER_LICENSE',
}
