import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsUUID } from 'class-validator';
import { SnilsArgs } from './snils.args';

@ArgsType()
export class AppointDeveloperRepresentativeArgs extends SnilsArgs {
  @Field(() => ID, {
    description: 'The developer organization: one of developerRepresentativeCandidates(snils).',
  })
  @IsUUID('all', { message: 'Неверный идентификатор организации' })
  developerOrganizationId!: string;
}
