// The document kinds and check states belong to the identity module (it owns identity_documents).
export { DocumentKind, VerificationStatus } from '../identity';
