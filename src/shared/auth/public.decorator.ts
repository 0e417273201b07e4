import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'kabinet:isPublic';

/** Opens an operation to anonymous callers (every other operation needs a valid token). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
