// The public surface of main/ for the rest of the repository: only the host contract (types and
// validators, no Electron). The Electron entry is main.ts, the preload preload.ts.
export {
  type AppInfo,
  DOCUMENT_FILE_TYPES,
  documentFileName,
  HOST_CHANNELS,
  type HostError,
  type HostErrorCode,
  type HostResult,
  type OrynHost,
  type PdfDocument,
  pdfDocumentInput,
  type ReferralPdfRequest,
  referralPdfInput,
  type SavedDocument,
  savedDocumentInput,
  serverUrlInput,
} from '../src/host/host-contract';
