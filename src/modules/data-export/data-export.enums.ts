import { registerEnumType } from '@nestjs/graphql';

export enum DataExportStatus {
  QUEUED = 'QUEUED',
  PROCESSING = 'PROCESSING',
  READY = 'READY',
  FAILED = 'FAILED',
  EXPIRED = 'EXPIRED',
}

registerEnumType(DataExportStatus, {
  name: 'DataExportStatus',
  description: 'Where an export of the person’s data stands.',
  valuesMap: {
    QUEUED: { description: 'Requested; waiting for a worker.' },
    PROCESSING: { description: 'Being assembled.' },
    READY: { description: 'Ready: downloadUrl works until expiresAt.' },
    FAILED: { description: 'Could not be assembled; another may be requested after 24 hours.' },
    EXPIRED: { description: 'Its download time is over and the file is deleted.' },
  },
});
