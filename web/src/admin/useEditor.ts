import { useState } from 'react';

/** Which row a section's form edits: null closed, 'new' for a new one. */
export function useEditor<T>() {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  return {
    open: editing !== null,
    isNew: editing === 'new',
    row: editing === 'new' || editing === null ? null : editing,
    create: () => setEditing('new'),
    edit: (row: T) => setEditing(row),
    close: () => setEditing(null),
  };
}
