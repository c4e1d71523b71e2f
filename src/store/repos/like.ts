/** A LIKE pattern matching `text` anywhere, with the pattern characters escaped. */
export const containsPattern = (text: string): string =>
  `%${text.replace(/[\\%_]/g, (m) => '\\' + m)}%`;
