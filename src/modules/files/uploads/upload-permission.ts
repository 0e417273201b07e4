import type { AuthPrincipal } from '../../../shared/auth/index';

/**
 * Injection token of the {@link UploadPermission} the upload middleware asks before it reads a
 * byte of a multipart body. The module whose operations take uploads provides it (shared code
 * imports no module); {@link UploadsModule.withPermission} wires it in.
 */
export const UPLOAD_PERMISSION = Symbol('UPLOAD_PERMISSION');

export interface UploadPermission {
  /**
   * Resolves when the signed-in caller may send an upload at all; rejects with the
   * AppException the operation itself would answer (FORBIDDEN, ORGANIZATION_CONTEXT_REQUIRED…)
   * otherwise. Anything else it throws is an internal fault, not a refusal.
   */
  check(principal: AuthPrincipal): Promise<void>;
}
