import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { DataExportStatus } from '../data-export.enums';

@ObjectType({
  description:
    'An export of everything Kabinet holds about me (152-FZ art. 14): a ZIP with a JSON file per kind of data and a readable workbook.',
})
export class DataExport {
  @Field(() => ID, { description: 'Export id.' })
  id!: string;

  @Field(() => DataExportStatus, { description: 'Where the export stands.' })
  status!: DataExportStatus;

  @Field(() => GraphQLISODateTime, { description: 'When it was requested.' })
  requestedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the archive was ready.' })
  readyAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'While READY: a signed link to the ZIP, valid for a few minutes and only with my access token (Authorization: Bearer). Read the export again for a fresh one.',
  })
  downloadUrl!: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      'While READY: when the export stops being downloadable (24 hours after it was ready).',
  })
  expiresAt!: Date | null;
}
