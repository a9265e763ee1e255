/** ascent's version (package.json's), written into saved models as generatedBy. */
export const version = '0.1.0';
