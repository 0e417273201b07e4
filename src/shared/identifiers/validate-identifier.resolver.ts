import { Args, Query, Resolver } from '@nestjs/graphql';
import { Public } from '../auth';
import { IdentifierCheck } from './identifier-check.type';
import { checkIdentifier, IdentifierKind } from './index';

@Resolver()
export class ValidateIdentifierResolver {
  @Public()
  @Query(() => IdentifierCheck, {
    description:
      'Runs the server’s own normalisers and checks on an identifier, so clients pre-check with exactly the rules the server applies. No sign-in needed.',
  })
  validateIdentifier(
    @Args('kind', { type: () => IdentifierKind }) kind: IdentifierKind,
    @Args('value', { description: 'The value as typed (at most 100 characters).' }) value: string,
  ): IdentifierCheck {
    if (value.length > 100) {
      return {
        valid: false,
        normalized: null,
        message: 'Слишком длинное значение (не более 100 символов)',
      };
    }
    const result = checkIdentifier(kind, value);
    return result.valid
      ? { valid: true, normalized: result.normalized, message: null }
      : { valid: false, normalized: null, message: result.message };
  }
}
