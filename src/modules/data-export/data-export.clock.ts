import { Injectable } from '@nestjs/common';

/** The time the module reads: one seam, so tests move it instead of waiting. */
@Injectable()
export class DataExportClock {
  now(): Date {
    return new Date();
  }
}
