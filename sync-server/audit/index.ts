// The hash-chained audit log (docs/architecture.md): sealing entries and verifying a chain.
export { canonicalJson } from './canonical-json';
export { type ChainBreak, type ChainVerdict, GENESIS_HASH, hashOf, sealEntry, verifyChain } from './chain';
