/** This package's version, sent in `User-Agent: omrecon/<version>` (a test pins it to package.json). */
export const VERSION = "0.1.0";
