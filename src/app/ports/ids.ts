/** New unique ids for records. Implementations must never repeat an id. */
export interface Ids {
  newId(): string;
}
