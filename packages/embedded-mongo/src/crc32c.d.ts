// crc-32 ships CRC-32C (Castagnoli, the checksum of OP_MSG) as a second entry point whose
// types are the same as the package's main CRC-32 module.
declare module 'crc-32/crc32c.js' {
  const CRC32C: typeof import('crc-32');
  export default CRC32C;
}
